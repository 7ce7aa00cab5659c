// The EVTX decoder over every sample log in ../shared: no errors, the event counts and Sysmon event
// ID distributions that ../shared/data/real/SOURCES.md states (counted there with libevtx), and
// field values hunts depend on.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "evtx_test_util.h"
#include "types/datetime.h"

namespace iochound {
namespace {

using evtx::EvtxEvent;
using evtx_testing::Decode;
using evtx_testing::FindEvtxFiles;
using evtx_testing::ReadBytes;
using evtx_testing::SharedDataDir;

std::string DataValue(const EvtxEvent& event, std::string_view name) {
  for (const auto& field : event.data) {
    if (field.name == name) return field.value;
  }
  return "<absent>";
}

std::vector<EvtxEvent> DecodeShared(const std::string& relative) {
  DataErrors errors;
  std::vector<EvtxEvent> events =
      Decode(relative, ReadBytes(SharedDataDir() + "/" + relative), errors).events;
  EXPECT_EQ(errors.count(), 0u) << relative;
  return events;
}

#define SKIP_WITHOUT_SHARED_DATA()                                                \
  if (SharedDataDir().empty()) {                                                  \
    GTEST_SKIP() << "shared data absent: " IOCHOUND_SHARED_DIR "/data not found"; \
  }

TEST(EvtxRealDataTest, EveryEvtxFileDecodesWithoutErrors) {
  SKIP_WITHOUT_SHARED_DATA();
  std::vector<std::string> files = FindEvtxFiles(SharedDataDir() + "/real");
  std::vector<std::string> sigma = FindEvtxFiles(SharedDataDir() + "/sigma/regression_data");
  files.insert(files.end(), sigma.begin(), sigma.end());
  ASSERT_FALSE(files.empty());
  size_t events = 0, bytes = 0;
  double seconds = 0;
  for (const std::string& file : files) {
    std::vector<uint8_t> data = ReadBytes(file);
    DataErrors errors;
    auto start = std::chrono::steady_clock::now();
    evtx::EvtxReader reader(file, data, errors);
    EvtxEvent event;
    size_t file_events = 0;
    while (reader.Next(event)) ++file_events;
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(errors.count(), 0u) << file;
    EXPECT_GT(file_events, 0u) << file;
    events += file_events;
    bytes += data.size();
  }
  std::printf("[ evtx     ] %zu files, %zu events, %.1f MiB decoded in %.3f s (%.0f MiB/s, %.0f events/s)\n",
              files.size(), events, bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds,
              events / seconds);
}

// Rows of SOURCES.md's tables: | `dir/file.evtx` | ... — N events; Sysmon EIDs {'1': 3, ...}; ...
TEST(EvtxRealDataTest, EventCountsAndEventIdsMatchSourcesMd) {
  SKIP_WITHOUT_SHARED_DATA();
  std::ifstream in(SharedDataDir() + "/real/SOURCES.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string sources = text.str();
  std::regex row(R"(\| `([^`]+\.evtx)` \|[^\n]*? (\d+) events; Sysmon EIDs \{([^}]*)\})");
  std::regex pair(R"('(\d+)': (\d+))");
  size_t rows = 0;
  for (std::sregex_iterator it(sources.begin(), sources.end(), row), end; it != end; ++it) {
    const std::string file = (*it)[1];
    const size_t expected_events = std::stoul((*it)[2]);
    std::map<uint32_t, size_t> expected_ids;
    const std::string ids = (*it)[3];
    for (std::sregex_iterator p(ids.begin(), ids.end(), pair); p != std::sregex_iterator(); ++p) {
      expected_ids[std::stoul((*p)[1])] = std::stoul((*p)[2]);
    }
    std::vector<EvtxEvent> events = DecodeShared("real/" + file);
    std::map<uint32_t, size_t> ids_seen;
    for (const EvtxEvent& e : events) {
      EXPECT_EQ(e.provider_name, "Microsoft-Windows-Sysmon") << file;
      ids_seen[e.event_id]++;
    }
    EXPECT_EQ(events.size(), expected_events) << file;
    EXPECT_EQ(ids_seen, expected_ids) << file;
    ++rows;
  }
  EXPECT_EQ(rows, 9u) << "SOURCES.md rows for the 9 EVTX files";
}

TEST(EvtxRealDataTest, SysmonUacmeSystemFieldsAndTheOneDnsQuery) {
  SKIP_WITHOUT_SHARED_DATA();
  std::vector<EvtxEvent> events = DecodeShared("real/evtx-attack-samples/Sysmon_UACME_64.evtx");
  ASSERT_EQ(events.size(), 530u);
  const EvtxEvent* dns = nullptr;
  for (const EvtxEvent& e : events) {
    if (e.event_id == 22) dns = &e;
  }
  ASSERT_NE(dns, nullptr);
  EXPECT_EQ(DataValue(*dns, "QueryName"), "wpad");
  EXPECT_EQ(DataValue(*dns, "QueryStatus"), "9003");
  EXPECT_EQ(dns->provider_guid, "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}");
  EXPECT_EQ(dns->channel, "Microsoft-Windows-Sysmon/Operational");
  EXPECT_EQ(dns->user_id, "S-1-5-18");
  EXPECT_EQ(dns->version, 5u);
  EXPECT_EQ(dns->keywords, "0x8000000000000000");
  EXPECT_GT(dns->process_id, 0u);
  // Sysmon writes UtcTime when the event happens, a little before Windows stamps it.
  std::string utc = DataValue(*dns, "UtcTime");
  ASSERT_EQ(utc.size(), 23u);
  std::optional<int64_t> happened = ParseDateTime(utc);
  ASSERT_TRUE(happened.has_value());
  EXPECT_LE(*happened, dns->time_created_ticks);
  EXPECT_LT(dns->time_created_ticks - *happened, 60 * kTicksPerSecond);
  // ProcessGuid is a string in Sysmon's data: it stays as written, braces and all.
  EXPECT_EQ(DataValue(*dns, "ProcessGuid").front(), '{');
}

TEST(EvtxRealDataTest, NetworkConnectionsKeepTheirDestinationHostnames) {
  SKIP_WITHOUT_SHARED_DATA();
  std::vector<EvtxEvent> events =
      DecodeShared("real/evtx-attack-samples/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx");
  std::set<std::string> hostnames;
  for (const EvtxEvent& e : events) {
    if (e.event_id == 3) hostnames.insert(DataValue(e, "DestinationHostname"));
  }
  EXPECT_TRUE(hostnames.count("aka105.inwitelecom.net")) << ::testing::PrintToString(hostnames);
  EXPECT_TRUE(hostnames.count("gator4243.hostgator.com")) << ::testing::PrintToString(hostnames);
  EXPECT_EQ(hostnames.size(), 3u) << ::testing::PrintToString(hostnames);
}

TEST(EvtxRealDataTest, RendersWindowsEventXml) {
  SKIP_WITHOUT_SHARED_DATA();
  std::vector<uint8_t> bytes = ReadBytes(SharedDataDir() + "/real/evtx-attack-samples/Sysmon_UACME_64.evtx");
  DataErrors errors;
  evtx::EvtxReader reader("Sysmon_UACME_64.evtx", bytes, errors);
  EvtxEvent event;
  while (reader.Next(event) && event.event_id != 22) {
  }
  ASSERT_EQ(event.event_id, 22u);
  std::string xml = reader.RenderXml();
  EXPECT_TRUE(xml.starts_with("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"))
      << xml;
  EXPECT_NE(xml.find("<Data Name=\"QueryName\">wpad</Data>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<EventID>22</EventID>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Correlation />"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Security UserID=\"S-1-5-18\" />"), std::string::npos) << xml;
}

}  // namespace
}  // namespace iochound
