// End-to-end tests of `iochound ioc stats|list|export`: filters, output formats, exit codes, and a
// generated KQL hunt that runs as the seed rule does.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = IOCHOUND_SOURCE_DIR;
const std::string kFeeds = kSourceDir + "/tests/fixtures/feeds/";
const std::string kThreatFoxCsv = kFeeds + "threatfox_recent.csv";

size_t CountLines(const std::string& text) {
  return std::count(text.begin(), text.end(), '\n');
}

class IocCliTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "iochound-ioc-e2e-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& content) const {
    std::ofstream(Path(name), std::ios::binary) << content;
    return Path(name);
  }

  fs::path dir_;
};

TEST_F(IocCliTest, StatsCountsByTypeFamilyThreatTypeAndConfidence) {
  ProcessResult r = RunIochound({"ioc", "stats", kThreatFoxCsv});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the fixture's two malformed lines
  EXPECT_NE(r.err.find("threatfox_recent.csv:16:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("threatfox_recent.csv:17:"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("(abuse.ch CSV): 6 loaded, 2 rejected, 0 skipped\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6 IOCs\nby type:\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  2  domain\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  5  Nanocore RAT\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  3  botnet_cc\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  3  100\n"), std::string::npos) << r.out;
}

TEST_F(IocCliTest, CleanFeedExitsZero) {
  std::string feed = Write("list.txt", "# two C2s\nproject1[.]in[.]net\nDEFENCE.IN.NET.\n");
  ProcessResult r = RunIochound({"ioc", "list", "--format", "csv", feed});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(CountLines(r.out), 3u) << r.out;
  EXPECT_NE(r.out.find("\nproject1.in.net,domain,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ndefence.in.net,domain,"), std::string::npos) << r.out;
}

TEST_F(IocCliTest, ListFilters) {
  ProcessResult family =
      RunIochound({"ioc", "list", "--format", "jsonl", "--family", "nancrat", kThreatFoxCsv});
  EXPECT_EQ(CountLines(family.out), 4u) << family.out;  // the md5's row names no aliases
  ProcessResult confident =
      RunIochound({"ioc", "list", "--format", "jsonl", "--min-confidence", "80", kThreatFoxCsv});
  EXPECT_EQ(CountLines(confident.out), 4u) << confident.out;
  ProcessResult recent =
      RunIochound({"ioc", "list", "--format", "jsonl", "--since", "2024-05-01T11:30:00Z", kThreatFoxCsv});
  EXPECT_EQ(CountLines(recent.out), 3u) << recent.out;
  EXPECT_NE(recent.out.find(R"("Value":"defence.in.net")"), std::string::npos);  // last seen 05-02
  ProcessResult table =
      RunIochound({"ioc", "list", "--format", "table", "--family", "win.agent_tesla", kThreatFoxCsv});
  EXPECT_NE(table.out.find("http://update-check.duckdns.org/gate.php"), std::string::npos) << table.out;
}

TEST_F(IocCliTest, MergesAcrossFeedsKeepingSources) {
  ProcessResult r =
      RunIochound({"ioc", "list", "--format", "jsonl", kThreatFoxCsv, kFeeds + "plain_list.txt"});
  EXPECT_NE(r.out.find(R"("Value":"project1.in.net")"), std::string::npos);
  size_t line = r.out.find(R"("Value":"project1.in.net")");
  std::string row = r.out.substr(line, r.out.find('\n', line) - line);
  EXPECT_NE(row.find("threatfox_recent.csv\""), std::string::npos) << row;
  EXPECT_NE(row.find("plain_list.txt\""), std::string::npos) << row;
}

TEST_F(IocCliTest, ExportedKqlHuntFindsWhatTheSeedRuleFinds) {
  std::string kql = Path("hunt.kql");
  ProcessResult exported =
      RunIochound({"ioc", "export", "--to", "kql", "--family", "win.nanocore", "-o", kql, kThreatFoxCsv});
  EXPECT_EQ(exported.exit_code, 1);
  std::ifstream in(kql);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(
      text.find("let malicious_domains = dynamic([\"project1.in.net\", \"defence.in.net\"]);\nDnsEvents\n"
                "| where Name has_any (malicious_domains)\n"),
      std::string::npos)
      << text;
  std::string sample = kSourceDir + "/examples/dns_events.jsonl";
  ProcessResult generated =
      RunIochound({"query", "-f", kql, "--table", "DnsEvents=" + sample, "--format", "csv"});
  ProcessResult seed = RunIochound({"query", "-f", kSourceDir + "/rules/nanocore/dns_hunt.kql", "--table",
                                    "DnsEvents=" + sample, "--format", "csv"});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  EXPECT_EQ(generated.out, seed.out);
  EXPECT_GT(CountLines(seed.out), 1u);
}

TEST_F(IocCliTest, ExportSigmaAndCsv) {
  std::string feed = Write("list.txt", "project1.in.net\n185.244.30.17\n");
  ProcessResult sigma = RunIochound({"ioc", "export", "--to", "sigma", feed});
  EXPECT_EQ(sigma.exit_code, 0) << sigma.err;
  EXPECT_NE(sigma.out.find("logsource:\n  category: dns_query\n"), std::string::npos) << sigma.out;
  EXPECT_NE(sigma.out.find("      - 'project1.in.net'\n"), std::string::npos) << sigma.out;
  EXPECT_NE(sigma.err.find("1 IOCs of other types are not in a DNS hunt"), std::string::npos) << sigma.err;
  ProcessResult csv = RunIochound({"ioc", "export", "--to", "csv", kThreatFoxCsv});
  EXPECT_EQ(
      csv.out.substr(0, csv.out.find('\n')),
      "Value,Type,ThreatType,Family,FamilyName,Aliases,Confidence,FirstSeen,LastSeen,Reference,Tags,Reporter,"
      "Sources");
  EXPECT_NE(csv.out.find("project1.in.net,domain,botnet_cc,win.nanocore,Nanocore RAT,Nancrat;NanoCore,100,"),
            std::string::npos)
      << csv.out;
}

TEST_F(IocCliTest, MappingsFromTheCommandLineAndFiles) {
  ProcessResult fields =
      RunIochound({"ioc", "list", "--format", "jsonl", "--ioc-fields",
                   "value=Indicator,type=Kind,family=Malware", kFeeds + "custom_feed.csv"});
  EXPECT_EQ(CountLines(fields.out), 2u) << fields.err;
  ProcessResult file = RunIochound({"ioc", "list", "--format", "jsonl", "--ioc-mapping",
                                    kFeeds + "custom_feed.map", kFeeds + "custom_feed.jsonl"});
  EXPECT_EQ(CountLines(file.out), 3u) << file.err;
}

TEST_F(IocCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunIochound({"ioc", "export", kThreatFoxCsv}).exit_code, 2);  // no --to
  EXPECT_EQ(RunIochound({"ioc", "export", "--to", "yara", kThreatFoxCsv}).exit_code, 2);
  EXPECT_EQ(RunIochound({"ioc", "stats"}).exit_code, 2);
  ProcessResult missing = RunIochound({"ioc", "stats", Path("absent.csv")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("absent.csv"), std::string::npos);
  ProcessResult mapping = RunIochound({"ioc", "list", "--ioc-fields", "type=kind", kThreatFoxCsv});
  EXPECT_EQ(mapping.exit_code, 2);
  EXPECT_NE(mapping.err.find("the mapping must give 'value'"), std::string::npos) << mapping.err;
  ProcessResult since = RunIochound({"ioc", "list", "--since", "yesterday", kThreatFoxCsv});
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_NE(since.err.find("--since: 'yesterday' is not a date"), std::string::npos);
}

TEST_F(IocCliTest, RealFeodoBlocklistLoadsCleanly) {
  std::string path = std::string(IOCHOUND_SHARED_DIR) + "/data/real/abusech-feodotracker/ipblocklist.csv";
  if (!fs::exists(path)) GTEST_SKIP() << "real data not available: " << path;
  ProcessResult r = RunIochound({"ioc", "stats", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("28 IOCs\nby type:\n        28  ip:port\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("        28  Pikabot\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace iochound::e2e
