// Every feed format on fixtures written from its documentation (tests/fixtures/feeds/): what loads,
// what is rejected with which line, and that formats carrying the same IOCs load identically.
#include <gtest/gtest.h>

#include <string>

#include "intel/feed_loader.h"
#include "intel/field_mapping.h"
#include "types/datetime.h"

namespace iochound {
namespace {

const std::string kFeeds = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/feeds/";

struct Loaded {
  IocSet set;
  FeedStats stats;
  size_t errors = 0;
  std::string messages;  // what was reported on stderr
};

Loaded Load(const std::string& file, const FeedOptions& options = {}) {
  Loaded loaded;
  DataErrors errors;
  testing::internal::CaptureStderr();
  std::vector<FeedStats> stats = LoadFeed(kFeeds + file, options, loaded.set, errors);
  loaded.messages = testing::internal::GetCapturedStderr();
  EXPECT_EQ(stats.size(), 1u);
  if (!stats.empty()) loaded.stats = stats.front();
  loaded.errors = errors.count();
  return loaded;
}

// Everything but the sources, which name the file.
std::string Describe(const IocSet& set) {
  std::string out;
  for (const Ioc& ioc : set.iocs()) {
    out += std::string(IocTypeName(ioc.type)) + " " + ioc.Display() + " " + ioc.threat_type + " " +
           ioc.family + " " + ioc.family_name + " " + std::to_string(ioc.confidence) + " " +
           (ioc.first_seen ? FormatDateTime(*ioc.first_seen) : "-") + " " +
           (ioc.last_seen ? FormatDateTime(*ioc.last_seen) : "-") + " " + ioc.reference + " " + ioc.reporter;
    for (const auto& alias : ioc.aliases) out += " alias:" + alias;
    for (const auto& tag : ioc.tags) out += " tag:" + tag;
    out += "\n";
  }
  return out;
}

TEST(FeedReadersTest, ThreatFoxCsvReadsColumnsByName) {
  Loaded loaded = Load("threatfox_recent.csv");
  EXPECT_EQ(loaded.stats.format, "abuse.ch CSV");
  EXPECT_EQ(loaded.stats.accepted, 6u);
  EXPECT_EQ(loaded.stats.rejected, 2u);
  EXPECT_EQ(loaded.errors, 2u);
  EXPECT_NE(loaded.messages.find("threatfox_recent.csv:16: invalid IOC 'not a domain'"), std::string::npos);
  EXPECT_NE(loaded.messages.find("threatfox_recent.csv:17: unterminated quoted field"), std::string::npos);
  const Ioc* c2 = loaded.set.Find(IocType::kIpPort, "185.244.30.17", 4782);
  ASSERT_NE(c2, nullptr);
  EXPECT_EQ(c2->family, "win.nanocore");
  EXPECT_EQ(c2->family_name, "Nanocore RAT");
  EXPECT_EQ(c2->aliases, (std::vector<std::string>{"Nancrat", "NanoCore"}));
  EXPECT_EQ(c2->confidence, 50);
  EXPECT_EQ(c2->threat_type, "botnet_cc");
  EXPECT_EQ(c2->reporter, "anonymous");
  EXPECT_FALSE(c2->last_seen);  // "None"
  const Ioc* domain = loaded.set.Find(IocType::kDomain, "defence.in.net");
  ASSERT_NE(domain, nullptr);
  EXPECT_EQ(domain->first_seen, ParseDateTime("2024-05-01 09:00:00"));
  EXPECT_EQ(domain->last_seen, ParseDateTime("2024-05-02 07:00:00"));
  EXPECT_EQ(domain->reference, "https://bazaar.abuse.ch/sample/9f86d081/");
  EXPECT_NE(
      loaded.set.Find(IocType::kSha256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
      nullptr);
}

TEST(FeedReadersTest, ThreatFoxCsvLayoutsAndJsonLoadIdentically) {
  Loaded old_layout = Load("threatfox_recent.csv");
  Loaded new_layout = Load("threatfox_recent_compromised.csv");
  Loaded json = Load("threatfox_export.json");
  EXPECT_EQ(json.stats.format, "ThreatFox JSON");
  EXPECT_EQ(Describe(old_layout.set), Describe(new_layout.set));
  EXPECT_EQ(Describe(old_layout.set), Describe(json.set));
  EXPECT_EQ(json.stats.rejected, 1u);
  EXPECT_NE(json.messages.find("IOC 1270007: invalid IOC 'not a domain'"), std::string::npos);
}

TEST(FeedReadersTest, Hostfile) {
  Loaded loaded = Load("threatfox_hostfile.txt");
  EXPECT_EQ(loaded.stats.format, "hostfile");
  EXPECT_EQ(loaded.stats.accepted, 3u);
  EXPECT_EQ(loaded.stats.skipped, 1u);  // localhost
  EXPECT_EQ(loaded.stats.rejected, 2u);
  EXPECT_NE(loaded.set.Find(IocType::kDomain, "defence.in.net"), nullptr);
  EXPECT_NE(loaded.messages.find("threatfox_hostfile.txt:7: expected '127.0.0.1 name'"), std::string::npos);
  EXPECT_NE(loaded.messages.find("threatfox_hostfile.txt:8: invalid IOC 'bad..name.example'"),
            std::string::npos);
}

TEST(FeedReadersTest, PlainListNormalizesDefangedIdnTrailingDotAndCase) {
  Loaded loaded = Load("plain_list.txt");
  EXPECT_EQ(loaded.stats.format, "plain list");
  EXPECT_EQ(loaded.stats.accepted, 9u);
  EXPECT_EQ(loaded.stats.rejected, 3u);
  const IocSet& set = loaded.set;
  EXPECT_NE(set.Find(IocType::kDomain, "project1.in.net"), nullptr);
  EXPECT_NE(set.Find(IocType::kDomain, "defence.in.net"), nullptr);
  EXPECT_NE(set.Find(IocType::kDomain, "xn--bcher-nanocore-gsb.example"), nullptr);
  EXPECT_NE(set.Find(IocType::kDomain, "evil.example.org"), nullptr);
  EXPECT_NE(set.Find(IocType::kUrl, "http://update-check.duckdns.org/gate.php"), nullptr);
  EXPECT_NE(set.Find(IocType::kUrl, "http://example.com/Path?Q=1#frag"), nullptr);
  EXPECT_NE(set.Find(IocType::kIp, "185.244.30.17"), nullptr);
  EXPECT_NE(set.Find(IocType::kIpPort, "185.244.30.17", 4782), nullptr);
  EXPECT_NE(loaded.messages.find("plain_list.txt:12: expected one IOC per line"), std::string::npos);
  EXPECT_NE(loaded.messages.find("plain_list.txt:13: invalid IOC 'bad..domain.com'"), std::string::npos);
  EXPECT_NE(loaded.messages.find("plain_list.txt:14: invalid IOC '12345'"), std::string::npos);
}

TEST(FeedReadersTest, StixBundle) {
  Loaded loaded = Load("stix_bundle.json");
  EXPECT_EQ(loaded.stats.format, "STIX bundle");
  EXPECT_EQ(loaded.stats.accepted, 8u);
  EXPECT_EQ(loaded.stats.rejected, 1u);  // the AND pattern
  EXPECT_EQ(loaded.stats.skipped, 1u);   // the revoked indicator
  const Ioc* domain = loaded.set.Find(IocType::kDomain, "defence.in.net");
  ASSERT_NE(domain, nullptr);
  EXPECT_EQ(domain->family_name, "NanoCore");
  EXPECT_EQ(domain->aliases, std::vector<std::string>{"Nancrat"});
  EXPECT_EQ(domain->confidence, 85);
  EXPECT_EQ(domain->reporter, "Example CERT");
  EXPECT_EQ(domain->threat_type, "malicious-activity");
  EXPECT_EQ(domain->reference, "https://threatfox.abuse.ch/ioc/1270001/");
  EXPECT_NE(loaded.set.Find(IocType::kIp, "2001:db8::1"), nullptr);
  EXPECT_NE(loaded.set.Find(IocType::kSha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"), nullptr);
  EXPECT_NE(loaded.messages.find("unsupported STIX pattern keyword 'AND'"), std::string::npos);
}

TEST(FeedReadersTest, MappedJsonLinesThroughMappingFile) {
  FeedOptions options;
  options.mapping = LoadFieldMapping(kFeeds + "custom_feed.map");
  Loaded loaded = Load("custom_feed.jsonl", options);
  EXPECT_EQ(loaded.stats.format, "mapped JSON Lines");
  EXPECT_EQ(loaded.stats.accepted, 3u);
  EXPECT_EQ(loaded.stats.rejected, 2u);
  const Ioc* domain = loaded.set.Find(IocType::kDomain, "evil.example.com");
  ASSERT_NE(domain, nullptr);
  EXPECT_EQ(domain->family, "emotet");
  EXPECT_EQ(domain->confidence, 90);
  EXPECT_EQ(domain->threat_type, "botnet_cc");  // a literal
  EXPECT_EQ(domain->tags, (std::vector<std::string>{"spam", "loader"}));
  EXPECT_NE(loaded.set.Find(IocType::kDomain, "c2.evil.example.com"), nullptr);  // type inferred
  EXPECT_NE(loaded.messages.find("custom_feed.jsonl:4: invalid JSON"), std::string::npos);
  EXPECT_NE(loaded.messages.find("custom_feed.jsonl:5: invalid IOC '999.1.1.1'"), std::string::npos);
}

TEST(FeedReadersTest, MappedCsvThroughFieldSpec) {
  FeedOptions options;
  options.mapping =
      ParseFieldSpec("value=Indicator, type=Kind, family=Malware, confidence=Score, first_seen=Added");
  Loaded loaded = Load("custom_feed.csv", options);
  EXPECT_EQ(loaded.stats.format, "mapped CSV");
  EXPECT_EQ(loaded.stats.accepted, 2u);
  EXPECT_EQ(loaded.stats.rejected, 2u);
  const Ioc* ip = loaded.set.Find(IocType::kIp, "198.51.100.23");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->confidence, 40);
  EXPECT_EQ(ip->first_seen, ParseDateTime("2024-04-02"));
  EXPECT_NE(loaded.messages.find("custom_feed.csv:6: expected 5 fields as the header names, got 3"),
            std::string::npos);
}

TEST(FeedReadersTest, MappingErrors) {
  EXPECT_THROW(ParseFieldSpec("type=kind"), std::invalid_argument);  // no value
  EXPECT_THROW(ParseFieldSpec("value=a,colour=b"), std::invalid_argument);
  EXPECT_THROW(LoadFieldMapping("no-such-mapping"), std::invalid_argument);
  FeedOptions options;
  options.mapping = ParseFieldSpec("value=NoSuchColumn");
  DataErrors errors;
  IocSet set;
  EXPECT_THROW(LoadFeed(kFeeds + "custom_feed.csv", options, set, errors), std::invalid_argument);
}

TEST(FeedReadersTest, UnrecognizedJsonWithoutMappingIsADataError) {
  Loaded loaded = Load("custom_feed.jsonl");
  EXPECT_EQ(loaded.errors, 1u);
  EXPECT_EQ(loaded.set.size(), 0u);
  EXPECT_NE(loaded.messages.find("--ioc-fields or --ioc-mapping"), std::string::npos);
}

TEST(FeedReadersTest, DuplicatesAcrossFeedsMergeKeepingEverySource) {
  IocSet set;
  DataErrors errors;
  testing::internal::CaptureStderr();
  LoadFeed(kFeeds + "threatfox_recent.csv", {}, set, errors);
  LoadFeed(kFeeds + "plain_list.txt", {}, set, errors);
  LoadFeed(kFeeds + "stix_bundle.json", {}, set, errors);
  testing::internal::GetCapturedStderr();
  const Ioc* domain = set.Find(IocType::kDomain, "project1.in.net");
  ASSERT_NE(domain, nullptr);
  ASSERT_EQ(domain->sources.size(), 3u);
  EXPECT_EQ(domain->confidence, 100);       // ThreatFox's, the highest
  EXPECT_EQ(domain->reporter, "abuse_ch");  // the first feed's
  EXPECT_EQ(domain->tags.size(), 3u);       // NanoCore, RAT, nanocore
}

}  // namespace
}  // namespace iochound
