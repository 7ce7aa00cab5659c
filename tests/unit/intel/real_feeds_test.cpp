// Every feed file under ../shared/data/real loads with the counts by type its SOURCES.md states.
#include <gtest/gtest.h>

#include <filesystem>

#include "intel/feed_loader.h"
#include "intel/field_mapping.h"

namespace iochound {
namespace {

std::string RealData(std::string_view path) {
  return std::string(IOCHOUND_SHARED_DIR) + "/data/real/" + std::string(path);
}

#define SKIP_UNLESS_PRESENT(path)     \
  if (!std::filesystem::exists(path)) \
  GTEST_SKIP() << "real data not available: " << (path) << " (../shared is not checked out here)"

struct Loaded {
  IocSet set;
  FeedStats stats;
  size_t errors = 0;
};

Loaded Load(const std::string& path, const FeedOptions& options = {}) {
  Loaded loaded;
  DataErrors errors;
  std::vector<FeedStats> stats = LoadFeed(path, options, loaded.set, errors);
  EXPECT_EQ(stats.size(), 1u);
  if (!stats.empty()) loaded.stats = stats.front();
  loaded.errors = errors.count();
  return loaded;
}

size_t CountType(const IocSet& set, IocType type) {
  size_t n = 0;
  for (const Ioc& ioc : set.iocs()) n += ioc.type == type;
  return n;
}

using Counts = std::map<std::string, size_t>;

TEST(RealFeedsTest, FeodoTrackerIpBlocklist) {
  std::string path = RealData("abusech-feodotracker/ipblocklist.csv");
  SKIP_UNLESS_PRESENT(path);
  Loaded loaded = Load(path);
  EXPECT_EQ(loaded.stats.format, "abuse.ch CSV");
  EXPECT_EQ(loaded.errors, 0u);
  EXPECT_EQ(loaded.stats.by_feed_type, (Counts{{"ip:port", 28}}));  // "28 C2 entries (Pikabot)"
  EXPECT_EQ(loaded.set.size(), 28u);
  const Ioc* first = loaded.set.Find(IocType::kIpPort, "192.9.135.73", 1194);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->family, "Pikabot");
  EXPECT_EQ(first->threat_type, "botnet_cc");
  EXPECT_TRUE(first->first_seen && first->last_seen);
}

TEST(RealFeedsTest, OpenHuntingNanocoreThroughTheBuiltInMapping) {
  std::string path = RealData("openhunting-io/nanocore_rat.threatfox-derived.json");
  SKIP_UNLESS_PRESENT(path);
  FeedOptions options;
  options.mapping = LoadFieldMapping("openhunting");
  Loaded loaded = Load(path, options);
  EXPECT_EQ(loaded.stats.format, "mapped JSON");
  EXPECT_EQ(loaded.errors, 0u);
  // SOURCES.md: 2,481 domains, 2,466 ip:port, 15 url, 3,066 sha256, 18 md5, 2 sha1, 2 sha3_384.
  EXPECT_EQ(loaded.stats.by_feed_type, (Counts{{"domain", 2481},
                                               {"ip:port", 2466},
                                               {"url", 15},
                                               {"sha256_hash", 3066},
                                               {"md5_hash", 18},
                                               {"sha1_hash", 2},
                                               {"sha3_384_hash", 2}}));
  EXPECT_EQ(CountType(loaded.set, IocType::kDomain), 2481u);
  EXPECT_EQ(CountType(loaded.set, IocType::kIpPort), 2466u);
  // The file lists 4 sha256 values twice; they merge.
  EXPECT_EQ(CountType(loaded.set, IocType::kSha256), 3062u);
  const Ioc& any = loaded.set.iocs().front();
  EXPECT_EQ(any.family, "win.nanocore");
  EXPECT_EQ(any.family_name, "Nanocore RAT");
  EXPECT_EQ(any.aliases, (std::vector<std::string>{"Nancrat", "NanoCore"}));
  EXPECT_TRUE(any.first_seen.has_value());
}

struct MispCase {
  const char* file;
  Counts all;     // every attribute of a hunted type, as SOURCES.md counts them
  Counts to_ids;  // the default: detection attributes only
};

TEST(RealFeedsTest, MispEvents) {
  const MispCase cases[] = {
      {"existing_event.json",
       {{"domain", 19}, {"ip-dst", 12}, {"filename", 15}, {"sha1", 37}},
       {{"domain", 19}, {"ip-dst", 12}, {"filename", 15}, {"sha1", 37}}},
      {"long_event.json",
       {{"hostname", 21},
        {"domain", 3},
        {"ip-dst", 9},
        {"url", 14},
        {"filename", 18},
        {"md5", 31},
        {"sha1", 58},
        {"sha256", 41}},
       {{"hostname", 9},
        {"domain", 3},
        {"ip-dst", 8},
        {"url", 14},
        {"filename", 4},
        {"md5", 31},
        {"sha1", 57},
        {"sha256", 40}}},
      {"sighting_1.json", {{"domain", 4}, {"url", 1}}, {{"domain", 4}, {"url", 1}}},
      {"57c4445b-c548-4654-af0b-4be3950d210f.json",
       {{"filename", 1}, {"md5", 1}, {"sha1", 1}, {"sha256", 1}},
       {{"filename", 1}, {"md5", 1}, {"sha1", 1}, {"sha256", 1}}},
  };
  for (const MispCase& c : cases) {
    std::string path = RealData(std::string("misp-pymisp-tests/") + c.file);
    SKIP_UNLESS_PRESENT(path);
    FeedOptions all;
    all.misp_include_non_ids = true;
    Loaded everything = Load(path, all);
    EXPECT_EQ(everything.stats.format, "MISP event") << c.file;
    EXPECT_EQ(everything.errors, 0u) << c.file;
    EXPECT_EQ(everything.stats.by_feed_type, c.all) << c.file;
    Loaded detection = Load(path);
    EXPECT_EQ(detection.stats.by_feed_type, c.to_ids) << c.file;
  }
}

TEST(RealFeedsTest, MispEventsMergeAcrossFiles) {
  std::string dir = RealData("misp-pymisp-tests");
  SKIP_UNLESS_PRESENT(dir);
  IocSet set;
  DataErrors errors;
  FeedOptions options;
  std::vector<FeedStats> stats = LoadFeed(dir, options, set, errors);
  EXPECT_EQ(stats.size(), 4u);
  EXPECT_EQ(errors.count(), 0u);
  // existing_event lists 87.236.211.182 and servicecdp.com twice each.
  const Ioc* ip = set.Find(IocType::kIp, "87.236.211.182");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->sources.size(), 1u);
  EXPECT_EQ(ip->family_name, "Sofacy");  // from the event's galaxy tag
}

}  // namespace
}  // namespace iochound
