#include "intel/hunt_export.h"

#include <gtest/gtest.h>

#include <string>

namespace iochound {
namespace {

size_t Count(const std::string& text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string IdOf(const std::string& rule) {
  size_t at = rule.find("\nid: ") + 5;
  return rule.substr(at, rule.find('\n', at) - at);
}

TEST(IocExportTest, SeedShapeForOneList) {
  std::string kql = KqlDnsHunt({"project1.in.net", "defence.in.net"}, kHasAnyLimit, "from test");
  EXPECT_EQ(kql,
            "// from test\n"
            "let malicious_domains = dynamic([\"project1.in.net\", \"defence.in.net\"]);\n"
            "DnsEvents\n"
            "| where Name has_any (malicious_domains)\n"
            "| project TimeGenerated, Computer, Name, IPAddresses, QueryType\n"
            "| order by TimeGenerated desc\n");
}

TEST(IocExportTest, SplitsAtTheHasAnyLimit) {
  std::vector<std::string> domains;
  for (int i = 0; i < 20'001; ++i) domains.push_back("d" + std::to_string(i) + ".example");
  std::string kql = KqlDnsHunt(domains, kHasAnyLimit, "");
  EXPECT_EQ(Count(kql, "let malicious_domains_"), 3u);
  EXPECT_NE(kql.find("| where Name has_any (malicious_domains_1) or Name has_any (malicious_domains_2) or "
                     "Name has_any (malicious_domains_3)\n"),
            std::string::npos);
  size_t third = kql.find("let malicious_domains_3 = dynamic([\"d20000.example\"]);");
  EXPECT_NE(third, std::string::npos);
  EXPECT_EQ(Count(kql, ".example\""), 20'001u);
}

TEST(IocExportTest, SigmaRule) {
  std::string rule = SigmaDnsRule({"project1.in.net", "defence.in.net"}, "T", "D", "2024-05-02");
  EXPECT_NE(rule.find("logsource:\n  category: dns_query\n"), std::string::npos);
  EXPECT_NE(rule.find("  selection_domain:\n    QueryName:\n      - 'project1.in.net'\n"), std::string::npos);
  EXPECT_NE(rule.find("    QueryName|endswith:\n      - '.project1.in.net'\n"), std::string::npos);
  EXPECT_NE(rule.find("  condition: 1 of selection_*\n"), std::string::npos);
  EXPECT_NE(rule.find("date: 2024-05-02\n"), std::string::npos);
  // The id is a UUID (version 4 layout) that depends on the list only.
  std::string id = IdOf(rule);
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_EQ(id, IdOf(SigmaDnsRule({"project1.in.net", "defence.in.net"}, "Other", "Other", "2025-01-01")));
  EXPECT_NE(id, IdOf(SigmaDnsRule({"other.example"}, "T", "D", "2024-05-02")));
}

}  // namespace
}  // namespace iochound
