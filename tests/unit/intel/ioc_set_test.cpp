// Merging: an IOC listed by several feeds keeps every source and the most informative metadata.
#include "intel/ioc_set.h"

#include <gtest/gtest.h>

#include "intel/ioc_filter.h"
#include "types/datetime.h"

namespace iochound {
namespace {

Ioc Domain(std::string value, std::string source) {
  Ioc ioc;
  ioc.value = std::move(value);
  ioc.sources = {std::move(source)};
  return ioc;
}

TEST(IocSetTest, MergesDuplicatesKeepingEverySource) {
  IocSet set;
  Ioc a = Domain("evil.com", "a.csv");
  a.confidence = 50;
  a.first_seen = *ParseDateTime("2024-01-02");
  a.tags = {"rat"};
  Ioc b = Domain("evil.com", "b.json");
  b.confidence = 90;
  b.first_seen = *ParseDateTime("2024-01-01");
  b.last_seen = *ParseDateTime("2024-03-01");
  b.family = "win.nanocore";
  b.tags = {"rat", "c2"};
  EXPECT_TRUE(set.Add(a));
  EXPECT_FALSE(set.Add(b));
  EXPECT_FALSE(set.Add(a));
  ASSERT_EQ(set.size(), 1u);
  const Ioc* merged = set.Find(IocType::kDomain, "evil.com");
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->sources, (std::vector<std::string>{"a.csv", "b.json"}));
  EXPECT_EQ(merged->tags, (std::vector<std::string>{"rat", "c2"}));
  EXPECT_EQ(merged->confidence, 90);
  EXPECT_EQ(merged->first_seen, ParseDateTime("2024-01-01"));
  EXPECT_EQ(merged->last_seen, ParseDateTime("2024-03-01"));
  EXPECT_EQ(merged->family, "win.nanocore");
}

TEST(IocSetTest, TypeAndPortAreTheKey) {
  IocSet set;
  Ioc ip = Domain("1.2.3.4", "x");
  ip.type = IocType::kIp;
  Ioc ip_port = ip;
  ip_port.type = IocType::kIpPort;
  ip_port.port = 443;
  set.Add(ip);
  set.Add(ip_port);
  ip_port.port = 80;
  set.Add(ip_port);
  EXPECT_EQ(set.size(), 3u);
  EXPECT_NE(set.Find(IocType::kIpPort, "1.2.3.4", 443), nullptr);
  EXPECT_EQ(set.Find(IocType::kIpPort, "1.2.3.4", 8080), nullptr);
  EXPECT_EQ(set.iocs()[1].Display(), "1.2.3.4:443");
}

TEST(IocSetTest, FilterByFamilyConfidenceAndDate) {
  Ioc ioc = Domain("evil.com", "x");
  ioc.family = "win.nanocore";
  ioc.family_name = "Nanocore RAT";
  ioc.aliases = {"Nancrat"};
  ioc.confidence = 75;
  ioc.first_seen = *ParseDateTime("2024-01-01");
  IocFilter filter;
  filter.family = "nancrat";
  EXPECT_TRUE(filter.Matches(ioc));
  filter.family = "win.agent_tesla";
  EXPECT_FALSE(filter.Matches(ioc));
  filter = IocFilter{};
  filter.min_confidence = 80;
  EXPECT_FALSE(filter.Matches(ioc));
  filter.min_confidence = 75;
  EXPECT_TRUE(filter.Matches(ioc));
  filter.since = ParseDateTime("2024-02-01");
  EXPECT_FALSE(filter.Matches(ioc));
  ioc.last_seen = *ParseDateTime("2024-02-02");
  EXPECT_TRUE(filter.Matches(ioc));
}

}  // namespace
}  // namespace iochound
