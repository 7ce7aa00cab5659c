// End-to-end tests of `iochound hunt` and of `query --iocs` (the ThreatIntelligenceIndicator table):
// alerts with IOC metadata and evidence, match modes, the real Nanocore list over planted hits, and a
// published Sentinel TI rule over a feed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kFeeds = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/feeds/";
const std::string kReal = std::string(IOCHOUND_SHARED_DIR) + "/data/real/";
const std::string kNanocore = kReal + "openhunting-io/nanocore_rat.threatfox-derived.json";

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Ten minutes ago, so that rules' `ago(1h)` lookbacks keep the rows.
std::string RecentTime() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) - 600;
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return text;
}

std::string DnsRow(const std::string& name, const std::string& client, const std::string& answers = "") {
  return "{\"TimeGenerated\":\"" + RecentTime() + "\",\"Computer\":\"DC01.contoso.local\",\"ClientIP\":\"" +
         client + "\",\"Name\":\"" + name + "\",\"QueryType\":\"A\",\"IPAddresses\":\"" + answers +
         "\",\"Type\":\"DnsEvents\"}\n";
}

class HuntCliTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "iochound-hunt-e2e-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) const {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  // Hits of the seed's two domains in several spellings, near misses, and a DNS answer hit.
  std::string SeedDnsEvents() const {
    return Write("dns.jsonl",
                 DnsRow("project1.in.net", "10.0.0.1") + DnsRow("WWW.Defence.In.Net.", "10.0.0.2") +
                     DnsRow("xproject1.in.net", "10.0.0.3") + DnsRow("project1.in.network", "10.0.0.4") +
                     DnsRow("project1.in.net.example.org", "10.0.0.5") +
                     DnsRow("www.example.com", "10.0.0.6", "93.184.216.34, 185.244.30.17"));
  }

  fs::path dir_;
};

TEST_F(HuntCliTest, AlertsCarryTheIocMetadataAndTheEvidenceRow) {
  std::string dns = SeedDnsEvents();
  ProcessResult r =
      RunIochound({"hunt", "--iocs", kFeeds + "threatfox_export.json", dns, "--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 1) << r.err;          // the fixture's one invalid IOC
  EXPECT_EQ(Count(r.out, "\n"), 3u) << r.out;  // also its ip:port in the DNS answers
  EXPECT_NE(r.out.find("\"Table\":\"DnsEvents\",\"Column\":\"Name\",\"Matched\":\"project1.in.net\","
                       "\"Value\":\"project1.in.net\",\"Type\":\"domain\",\"ThreatType\":\"botnet_cc\","
                       "\"Family\":\"win.nanocore\",\"FamilyName\":\"Nanocore RAT\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"Matched\":\"WWW.Defence.In.Net.\",\"Value\":\"defence.in.net\""),
            std::string::npos);
  EXPECT_NE(r.out.find("\"Reference\":\"https://bazaar.abuse.ch/sample/9f86d081/\""), std::string::npos);
  EXPECT_NE(r.out.find("\"Evidence\":{"), std::string::npos);
  EXPECT_NE(r.out.find("\"ClientIP\":\"10.0.0.2\""), std::string::npos);
  EXPECT_NE(r.err.find("6 rows scanned"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 alerts, 2 domain, 1 ip:port"), std::string::npos) << r.err;
}

TEST_F(HuntCliTest, MatchModesAndDnsAnswers) {
  std::string dns = SeedDnsEvents();
  // Also lists 185.244.30.17, as an IP and as an ip:port.
  std::string feed = kFeeds + "plain_list.txt";
  auto hunt = [&](const std::string& mode) {
    return RunIochound({"hunt", "--iocs", feed, dns, "--match", mode, "--format", "csv"});
  };
  ProcessResult subdomain = hunt("subdomain"), exact = hunt("exact"), has = hunt("has");
  EXPECT_NE(subdomain.err.find("4 alerts, 2 domain, 1 ip, 1 ip:port"), std::string::npos) << subdomain.err;
  EXPECT_NE(exact.err.find("3 alerts, 1 domain, 1 ip, 1 ip:port"), std::string::npos) << exact.err;
  EXPECT_NE(has.err.find("5 alerts, 3 domain, 1 ip, 1 ip:port"), std::string::npos) << has.err;
  EXPECT_NE(has.out.find("project1.in.net.example.org"), std::string::npos);
  EXPECT_EQ(has.out.find("xproject1"), std::string::npos);
  EXPECT_EQ(has.out.find("in.network"), std::string::npos);
  EXPECT_NE(subdomain.out.find("DnsEvents,IPAddresses,\"93.184.216.34, 185.244.30.17\",185.244.30.17"),
            std::string::npos)
      << subdomain.out;
}

TEST_F(HuntCliTest, UrlsAddressesAndHashesInDefenderTables) {
  std::string network =
      Write("network.jsonl",
            "{\"Timestamp\":\"2026-04-18T10:00:00Z\",\"DeviceName\":\"pc1\","
            "\"RemoteIP\":\"2001:DB8::1\",\"RemoteUrl\":\"update-check.duckdns.org/gate.php\"}\n"
            "{\"Timestamp\":\"2026-04-18T10:01:00Z\",\"DeviceName\":\"pc2\","
            "\"RemoteIP\":\"10.0.0.9\",\"RemoteUrl\":\"https://cdn.project1.in.net/x\"}\n");
  std::string processes = Write("processes.jsonl",
                                "{\"Timestamp\":\"2026-04-18T10:02:00Z\",\"DeviceName\":\"pc3\",\"SHA256\":"
                                "\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\","
                                "\"InitiatingProcessMD5\":\"d41d8cd98f00b204e9800998ecf8427e\"}\n");
  ProcessResult r =
      RunIochound({"hunt", "--iocs", kFeeds + "stix_bundle.json", "--table", "DeviceNetworkEvents=" + network,
                   "--table", "DeviceProcessEvents=" + processes, "--format", "csv"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the bundle's AND pattern
  EXPECT_NE(r.err.find("3 rows scanned"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("5 alerts, 1 domain, 1 ip, 1 md5, 1 sha256, 1 url"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("DeviceNetworkEvents,RemoteIP,2001:DB8::1,2001:db8::1,ip,"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("DeviceNetworkEvents,RemoteUrl,https://cdn.project1.in.net/x,project1.in.net,domain,"),
            std::string::npos);
  EXPECT_NE(r.out.find("DeviceProcessEvents,InitiatingProcessMD5,d41d8cd98f00b204e9800998ecf8427e,"),
            std::string::npos);
}

TEST_F(HuntCliTest, UsageErrors) {
  EXPECT_EQ(RunIochound({"hunt", "--iocs", kFeeds + "seed_domains.txt"}).exit_code, 2);
  EXPECT_EQ(
      RunIochound({"hunt", "--iocs", kFeeds + "seed_domains.txt", "--match", "contains", "x"}).exit_code, 2);
  EXPECT_EQ(RunIochound({"hunt", "--iocs", kFeeds + "missing.txt", "--table", "DnsEvents=x"}).exit_code, 2);
}

// The published rule's `query:` text.
std::string RuleQuery(const std::string& yaml_path) {
  std::ifstream in(yaml_path);
  std::string line, query;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("query: |", 0) == 0) {
      inside = true;
    } else if (inside && !line.empty() && line[0] != ' ') {
      break;
    } else if (inside) {
      query += (line.size() >= 2 ? line.substr(2) : "") + "\n";
    }
  }
  return query;
}

TEST_F(HuntCliTest, PublishedDomainEntityRuleRunsOnThreatIntelligenceIndicator) {
  std::string yaml = kReal + "azure-sentinel-queries/DomainEntity_DnsEvents.yaml";
  if (!fs::exists(yaml)) GTEST_SKIP() << "real data not available: " << yaml;
  std::string query = RuleQuery(yaml);
  ASSERT_NE(query.find("ThreatIntelligenceIndicator"), std::string::npos);
  // The rule runs verbatim. Its externaldata (Microsoft's RapidRelease CSV) is mapped to a local copy
  // holding only the header: the machine is offline, and the TI table carries the IOCs here.
  std::smatch url;
  ASSERT_TRUE(std::regex_search(query, url, std::regex(R"re(externaldata\(.*?\)\[@"([^"]*)"\])re")));
  std::string rapid_release = Write("rapid_release.csv",
                                    "TimeGenerated,IoC,IoC_Type,ExpirationDateTime,Description,Action,"
                                    "ConfidenceScore,ThreatType,Active,Type,"
                                    "TrafficLightProtocolLevel,ActivityGroupNames\n");
  std::string kql = Write("rule.kql", query);
  ProcessResult r = RunIochound({"query", "-f", kql, "--iocs", kFeeds + "threatfox_export.json", "--table",
                                 "DnsEvents=" + SeedDnsEvents(), "--externaldata",
                                 url[1].str() + "=" + rapid_release, "--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 1) << r.err;          // the feed fixture's one invalid IOC
  EXPECT_EQ(Count(r.out, "\n"), 1u) << r.out;  // the join is on the exact name, as published
  EXPECT_NE(r.out.find("\"Description\":\"Nanocore RAT\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"IndicatorId\":\"domain:project1.in.net\",\"ThreatType\":\"botnet_cc\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"ConfidenceScore\":100.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"ClientIP\":\"10.0.0.1\",\"Name\":\"project1.in.net\""), std::string::npos) << r.out;
}

TEST_F(HuntCliTest, ThreatIntelligenceIndicatorColumns) {
  ProcessResult r = RunIochound(
      {"query", "-q",
       "ThreatIntelligenceIndicator | where isnotempty(NetworkIP) or isnotempty(Url) | project IndicatorId, "
       "NetworkIP, NetworkDestinationIP, Url, Active, SourceSystem",
       "--iocs", kFeeds + "seed_domains.txt", "--iocs", kFeeds + "stix_bundle.json", "--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the bundle's AND pattern
  EXPECT_NE(r.out.find("{\"IndicatorId\":\"ip:2001:db8::1\",\"NetworkIP\":\"2001:db8::1\","
                       "\"NetworkDestinationIP\":\"2001:db8::1\",\"Url\":\"\",\"Active\":true"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"Url\":\"http://update-check.duckdns.org/gate.php\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stix_bundle.json"), std::string::npos) << r.out;
}

// Domains of the real Nanocore list, as `ioc list` prints them.
std::vector<std::string> NanocoreDomains() {
  ProcessResult r =
      RunIochound({"ioc", "list", "--ioc-mapping", "openhunting", "--format", "jsonl", kNanocore});
  std::vector<std::string> domains;
  std::regex domain(R"re("Value":"([^"]+)","Type":"domain")re");
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), domain), end; it != end; ++it) {
    domains.push_back((*it)[1]);
  }
  return domains;
}

TEST_F(HuntCliTest, NanocoreListOverPlantedHits) {
  if (!fs::exists(kNanocore)) GTEST_SKIP() << "real data not available: " << kNanocore;
  std::vector<std::string> domains = NanocoreDomains();
  ASSERT_EQ(domains.size(), 2481u);
  std::string rows;
  for (int i = 0; i < 1000; ++i) rows += DnsRow("host" + std::to_string(i) + ".contoso.com", "10.1.0.1");
  // Planted: a list entry as is, a subdomain of one, one upper-case with a trailing dot.
  std::string upper = domains[2000];
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  rows += DnsRow(domains[0], "10.9.0.1") + DnsRow("cdn." + domains[1000], "10.9.0.2") +
          DnsRow(upper + ".", "10.9.0.3") + DnsRow("x" + domains[0], "10.9.0.4");
  ProcessResult r = RunIochound({"hunt", "--iocs", kNanocore, "--ioc-mapping", "openhunting", "--table",
                                 "DnsEvents=" + Write("dns.jsonl", rows), "--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count(r.out, "\n"), 3u) << r.out;
  EXPECT_EQ(Count(r.out, "\"Family\":\"win.nanocore\""), 3u) << r.out;
  EXPECT_NE(r.out.find("\"Value\":\"" + domains[1000] + "\""), std::string::npos);
  EXPECT_NE(r.out.find("\"ClientIP\":\"10.9.0.3\""), std::string::npos);
  EXPECT_EQ(r.out.find("10.9.0.4"), std::string::npos);
  EXPECT_NE(r.err.find("1004 rows scanned"), std::string::npos) << r.err;
}

// `--match has` is the seed hunt's `has_any`: both count the same rows of generated telemetry, whose
// planted hits come in the spellings Kusto's `has` matches.
TEST_F(HuntCliTest, HasModeAgreesWithKqlHasAny) {
  std::string dns = (dir_ / "events.jsonl").string();
  ASSERT_EQ(
      RunProcess({IOCHOUND_GENERATOR, "--records", "50000", "--hit-rate", "0.001", "-o", dns}).exit_code, 0);
  ProcessResult kql = RunIochound({"query", "-q",
                                   "DnsEvents | where Name has_any (dynamic(['project1.in.net', "
                                   "'defence.in.net'])) | count",
                                   "--table", "DnsEvents=" + dns, "--format", "csv"});
  ASSERT_EQ(kql.exit_code, 0) << kql.err;
  std::string count = kql.out.substr(kql.out.find('\n') + 1);
  count.erase(count.find_last_not_of("\r\n") + 1);
  ASSERT_NE(count, "0");
  ProcessResult hunt = RunIochound({"hunt", "--iocs", kFeeds + "seed_domains.txt", "--table",
                                    "DnsEvents=" + dns, "--match", "has", "-o", "/dev/null"});
  EXPECT_NE(hunt.err.find(", " + count + " alerts, " + count + " domain"), std::string::npos)
      << count << " rows by has_any; " << hunt.err;
}

// The raw-byte prefilter (IOC values as literals) never changes a hunt: every match mode, JSON Lines
// and CSV, over spellings that hide a value's bytes (JSON escapes, case, IDN forms, a trailing dot,
// quoted CSV fields) among a few thousand records that hold none, and each table's record count.
TEST_F(HuntCliTest, PrefilterNeverChangesAnAlertOrTheRowCount) {
  std::string feed = Write("iocs.txt",
                           "project1.in.net\n185.244.30.17\n2001:db8::1\nhttp://evil-site.com/gate.php\n"
                           "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
  std::string jsonl, csv = "TimeGenerated,Computer,Name,IPAddresses,QueryType\n";
  const std::vector<std::string> names = {"PROJECT1.IN.NET",
                                          "project1.in.net.",
                                          "a.b.project1.in.net",
                                          "project1\\u002ein.net",
                                          "\xEF\xBD\x90roject1.in.net",
                                          "project1.in.net.example.org",
                                          "xproject1.in.net",
                                          "project1-in.net",
                                          "b\xC3\xBC"
                                          "cher.de",
                                          "project1.in.network"};
  for (size_t i = 0; i < 3000; ++i) {
    std::string name = i % 300 < names.size() ? names[i % 300] : "host-" + std::to_string(i) + ".example.com";
    std::string answers = i % 700 == 5 ? "10.0.0.1;185.244.30.17" : "10.0.0." + std::to_string(i % 250);
    jsonl += DnsRow(name, "10.1.0.1", answers);
    csv += "2026-04-18T10:00:00Z,DC01,\"" + (name.find('\\') == std::string::npos ? name : "x") + "\",\"" +
           answers + "\",A\n";
  }
  std::string dns = Write("dns.jsonl", jsonl), dns_csv = Write("dns.csv", csv);
  std::string network =
      Write("network.jsonl",
            "{\"RemoteIP\":\"2001:DB8::1\",\"RemoteUrl\":\"https:\\/\\/EVIL-SITE.com\\/gate.php\"}\n"
            "{\"RemoteIP\":\"10.0.0.9\",\"RemoteUrl\":\"evil-site.com/gate.php\"}\n"
            "{\"RemoteIP\":\"10.0.0.8\",\"RemoteUrl\":\"https://cdn.project1.in.net/x\"}\n"
            "{\"RemoteIP\":\"10.0.0.7\",\"RemoteUrl\":\"https://example.org/\"}\n");
  std::string processes =
      Write("processes.jsonl",
            "{\"SHA256\":\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"}\n"
            "{\"SHA256\":\"0000000000000000000000000000000000000000000000000000000000000000\"}\n");
  std::string urls = Write("urls.csv", "Url,Note\nevil-site.com/gate.php,a\nhttps://example.org/,b\n");
  // The summary line without its timing.
  auto summary = [](const std::string& err) {
    return std::regex_replace(err, std::regex(R"( in [0-9.]+ s \([0-9]+ rows/s\))"), "");
  };
  for (const std::string mode : {"subdomain", "exact", "has"}) {
    std::vector<std::string> args = {"hunt",
                                     "--iocs",
                                     feed,
                                     "--match",
                                     mode,
                                     "--format",
                                     "jsonl",
                                     "--table",
                                     "DeviceNetworkEvents=" + network,
                                     "--table",
                                     "DeviceProcessEvents=" + processes,
                                     dns,
                                     dns_csv,
                                     urls};
    ProcessResult with = RunIochound(args);
    args.push_back("--no-prefilter");
    ProcessResult without = RunIochound(args);
    SCOPED_TRACE(mode);
    EXPECT_EQ(with.exit_code, 0) << with.err;
    EXPECT_EQ(without.exit_code, 0) << without.err;
    EXPECT_EQ(with.out, without.out);
    EXPECT_GT(Count(with.out, "\n"), 40u) << with.out;
    EXPECT_NE(with.err.find(", 6008 rows scanned"), std::string::npos) << with.err;
    EXPECT_EQ(summary(with.err), summary(without.err));
  }
}

// Informational: throughput with 2, 2,481 and 100,000 IOCs over the same generated DnsEvents.
TEST_F(HuntCliTest, ThroughputDoesNotDependOnIocCount) {
  if (!fs::exists(kNanocore)) GTEST_SKIP() << "real data not available: " << kNanocore;
  std::string dns = (dir_ / "events.jsonl").string();
  ASSERT_EQ(RunProcess({IOCHOUND_GENERATOR, "--records", "200000", "-o", dns}).exit_code, 0);
  std::ostringstream many;
  for (int i = 0; i < 100000; ++i) many << "c2-" << i << ".example-" << i % 97 << ".net\n";
  std::string generated = Write("generated.txt", many.str());
  struct Feed {
    std::string label;
    std::vector<std::string> args;
  };
  for (const Feed& feed : {Feed{"2 IOCs", {"--iocs", kFeeds + "seed_domains.txt"}},
                           Feed{"2,481 IOCs", {"--iocs", kNanocore, "--ioc-mapping", "openhunting"}},
                           Feed{"100,000 IOCs", {"--iocs", generated}}}) {
    std::vector<std::string> args = {"hunt", "--table", "DnsEvents=" + dns, "-o", "/dev/null"};
    args.insert(args.end(), feed.args.begin(), feed.args.end());
    ProcessResult r = RunIochound(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::cout << "[ hunt throughput, " << feed.label << " ] " << r.err;
  }
}

}  // namespace
}  // namespace iochound::e2e
