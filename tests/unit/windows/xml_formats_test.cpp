// Event XML and syslog renderings made here from real events: the same rows as the events' own
// source; damaged records reported with their line and skipped, the rest read.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "decoders/evtx/evtx_reader.h"
#include "windows_test_util.h"

namespace iochound {
namespace {

using windows_testing::ReadFileBytes;
using windows_testing::Routed;
using windows_testing::RouteFile;
using windows_testing::Row;
using windows_testing::SharedData;
using windows_testing::WriteTempFile;

const std::string kUacme = "/real/evtx-attack-samples/Sysmon_UACME_64.evtx";

// The events of an EVTX file as Windows renders them to XML.
std::vector<std::string> RenderedEvents(const std::string& path) {
  std::string bytes = ReadFileBytes(path);
  DataErrors errors;
  evtx::EvtxReader reader(path, std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
                          errors);
  evtx::EvtxEvent event;
  std::vector<std::string> xml;
  while (reader.Next(event)) xml.push_back(reader.RenderXml());
  return xml;
}

void ExpectSameRows(const Routed& expected, const Routed& actual, const std::string& what) {
  ASSERT_EQ(actual.sink.tables().size(), expected.sink.tables().size()) << what;
  for (const auto& [table, rows] : expected.sink.tables()) {
    const auto& other = actual.sink.tables().at(table);
    ASSERT_EQ(other.size(), rows.size()) << what << " " << table;
    for (size_t i = 0; i < rows.size(); ++i)
      EXPECT_EQ(other[i], rows[i]) << what << " " << table << " row " << i;
  }
}

TEST(WindowsXmlFormatsTest, WevtutilXmlGivesTheRowsOfTheEvtx) {
  SKIP_WITHOUT_SHARED();
  std::vector<std::string> events = RenderedEvents(SharedData() + kUacme);
  ASSERT_EQ(events.size(), 530u);
  std::string document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>\r\n";
  for (const std::string& event : events) document += event;
  document += "</Events>\r\n";
  DataErrors errors, evtx_errors;
  Routed from_xml = RouteFile(WriteTempFile("uacme.xml", document), errors);
  Routed from_evtx = RouteFile(SharedData() + kUacme, evtx_errors);
  EXPECT_EQ(from_xml.format, "windows-xml");
  EXPECT_EQ(errors.count(), 0u);
  EXPECT_TRUE(from_xml.sink.problems().empty());
  EXPECT_EQ(from_xml.records, 530u);
  ExpectSameRows(from_evtx, from_xml, "wevtutil XML");
}

TEST(WindowsXmlFormatsTest, BrokenEventsAreReportedWithTheirLine) {
  SKIP_WITHOUT_SHARED();
  std::vector<std::string> events = RenderedEvents(SharedData() + kUacme);
  std::string document;
  for (size_t i = 0; i < 10; ++i) {
    std::string event = events[i];
    if (i == 4) event.erase(event.find("</Data>"), 7);  // an unclosed element
    for (char& c : event) c = c == '\n' ? ' ' : c;      // one event per line
    document += event + "\n";
  }
  std::string path = WriteTempFile("broken.xml", document);
  DataErrors errors(0);
  ::testing::internal::CaptureStderr();
  Routed routed = RouteFile(path, errors);
  ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(routed.format, "windows-xml");
  EXPECT_EQ(routed.records, 10u);
  EXPECT_EQ(errors.count(), 1u);
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 9u);
}

// Sysmon for Linux's syslog lines, rebuilt from the Sentinel Syslog export's messages: the same
// Device rows as the export gives.
TEST(WindowsXmlFormatsTest, SyslogLinesCarryingSysmonXml) {
  SKIP_WITHOUT_SHARED();
  const std::string export_path =
      SharedData() +
      "/real/otrf-security-datasets/sentinel-log4shell/"
      "syslog_sysmon_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json";
  std::string lines;
  simdjson::dom::parser parser;
  simdjson::padded_string json = simdjson::padded_string::load(export_path);
  for (simdjson::dom::element row : parser.parse_many(json)) {
    lines +=
        "May 11 18:10:20 UBUNTU5 sysmon[1590]: " + std::string(std::string_view(row["SyslogMessage"])) + "\n";
  }
  DataErrors errors(0), export_errors(0);
  Routed from_lines = RouteFile(WriteTempFile("syslog", lines), errors);
  Routed from_export = RouteFile(export_path, export_errors);
  EXPECT_EQ(from_lines.format, "syslog-sysmon");
  // The messages syslog cut short are reported in both, their fields before the cut kept.
  EXPECT_GT(errors.count(), 0u);
  EXPECT_EQ(errors.count(), export_errors.count());
  EXPECT_TRUE(from_lines.sink.problems().empty()) << from_lines.sink.problems().front();
  EXPECT_EQ(from_lines.sink.count("Syslog"), 93u);
  for (const std::string table : {"DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents"}) {
    ASSERT_GT(from_export.sink.count(table), 0u) << table;
    EXPECT_EQ(from_lines.sink.tables().at(table), from_export.sink.tables().at(table)) << table;
  }
  const Row& first = from_lines.sink.rows("Syslog")[0];
  EXPECT_EQ(first.at("ProcessName"), "sysmon");
  EXPECT_EQ(first.at("ProcessID"), "1590");
  EXPECT_EQ(first.at("HostName"), "UBUNTU5");
  EXPECT_TRUE(first.at("SyslogMessage").starts_with("<Event>"));
}

TEST(WindowsXmlFormatsTest, BrokenJsonLinesAreReportedAndSkipped) {
  SKIP_WITHOUT_SHARED();
  std::string text = ReadFileBytes(
      SharedData() +
      "/real/otrf-security-datasets/sysmon-json/cmd_sharpview_pcre_net_2020-10-2920232423.json");
  // Cut line 3 short and put a stray value on line 6.
  size_t line3 = 0;
  for (int i = 0; i < 2; ++i) line3 = text.find('\n', line3) + 1;
  size_t end3 = text.find('\n', line3);
  text.erase(line3 + (end3 - line3) / 2, (end3 - line3) / 2);
  size_t line6 = line3;
  for (int i = 0; i < 3; ++i) line6 = text.find('\n', line6) + 1;
  text.insert(line6, "42\n");
  DataErrors errors(0);
  Routed routed = RouteFile(WriteTempFile("broken.json", text), errors);
  EXPECT_EQ(routed.format, "nxlog-windows");
  EXPECT_EQ(errors.count(), 2u);
  EXPECT_EQ(routed.sink.count("WindowsEvent"), 267u - 1);
}

}  // namespace
}  // namespace iochound
