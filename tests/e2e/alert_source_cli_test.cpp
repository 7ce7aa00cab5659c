// End-to-end tests of alert provenance: every alert names the file and byte offset of the record
// its evidence row came from. The tests read the bytes at that offset: the JSON line holding the
// matched domain, the EVTX record (header magic "**\0\0" and its record id). Rows with no single
// source record (summarize) say so with nulls.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "run_process.h"
#include "test_files.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kPack = std::string(IOCHOUND_SOURCE_DIR) + "/rules/nanocore";
const std::string kDnsEvents = kPack + "/tests/dns_events.jsonl";

std::string ReadBytes(const std::string& path, uint64_t offset, size_t count) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::string bytes(count, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(count));
  bytes.resize(static_cast<size_t>(in.gcount()));
  return bytes;
}

std::string LineAt(const std::string& path, uint64_t offset) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::string line;
  std::getline(in, line);
  return line;
}

using AlertSourceCliTest = ScratchDirTest;

TEST_F(AlertSourceCliTest, JsonLinesAlertsPointAtTheLineOfTheirRecord) {
  ProcessResult result = RunIochound({"hunt", "--pack", kPack, "--format", "jsonl", "--show-suppressed",
                                      "--table", "DnsEvents=" + kDnsEvents});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> alerts = Lines(result.out);
  ASSERT_EQ(alerts.size(), 2u) << result.out;
  simdjson::dom::parser parser;
  std::set<uint64_t> offsets;
  for (const auto& line : alerts) {
    simdjson::dom::element alert = parser.parse(line);
    std::string_view file = alert["source"]["file"];
    uint64_t offset = alert["source"]["offset"];
    EXPECT_EQ(file, kDnsEvents);
    std::string name{std::string_view(alert["evidence"]["Name"])};
    std::string record = LineAt(kDnsEvents, offset);
    // The whole line starts there (the byte before is a newline or the file's start).
    EXPECT_TRUE(offset == 0 || ReadBytes(kDnsEvents, offset - 1, 1) == "\n") << offset;
    EXPECT_NE(record.find("\"Name\": \"" + name + "\""), std::string::npos) << record;
    offsets.insert(offset);
  }
  EXPECT_EQ(offsets.size(), 2u);  // two records, two places
}

TEST_F(AlertSourceCliTest, OtherFormatsAndTheStoreCarryTheSource) {
  ProcessResult csv =
      RunIochound({"hunt", "--pack", kPack, "--format", "csv", "--table", "DnsEvents=" + kDnsEvents});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::vector<std::string> rows = Lines(csv.out);
  ASSERT_EQ(rows.size(), 3u) << csv.out;
  EXPECT_NE(rows[0].find(",source_file,source_offset"), std::string::npos) << rows[0];
  EXPECT_NE(csv.out.find("," + kDnsEvents + ",0\n"), std::string::npos) << csv.out;

  ProcessResult ocsf =
      RunIochound({"hunt", "--pack", kPack, "--format", "ocsf", "--table", "DnsEvents=" + kDnsEvents});
  ASSERT_EQ(ocsf.exit_code, 0) << ocsf.err;
  EXPECT_NE(ocsf.out.find(R"("source":{"tables":["DnsEvents"],"inputs":[")" + kDnsEvents + R"("],"file":")" +
                          kDnsEvents + R"(","offset":0})"),
            std::string::npos)
      << ocsf.out;

  std::string db = (dir_ / "alerts.db").string();
  ProcessResult stored = RunIochound({"hunt", "--pack", kPack, "--format", "jsonl", "--alerts-db", db,
                                      "--table", "DnsEvents=" + kDnsEvents});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* query = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(handle, "SELECT source_file, source_offset FROM alerts ORDER BY source_offset",
                               -1, &query, nullptr),
            SQLITE_OK);
  std::vector<std::pair<std::string, int64_t>> sources;
  while (sqlite3_step(query) == SQLITE_ROW) {
    sources.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)),
                         sqlite3_column_int64(query, 1));
  }
  sqlite3_finalize(query);
  sqlite3_close(handle);
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0], std::make_pair(kDnsEvents, int64_t{0}));
  EXPECT_NE(LineAt(kDnsEvents, static_cast<uint64_t>(sources[1].second)).find("cdn.defence.in.net"),
            std::string::npos);
}

// Operators that keep rows whole keep their source; an aggregate's rows have none, and say so.
TEST_F(AlertSourceCliTest, RowsKeepTheirSourceThroughProjectionAndSortButNotSummarize) {
  std::ofstream(dir_ / "pack.yaml")
      << "id: provenance\ntitle: Provenance\nrules:\n"
         "  - id: kept\n    title: Kept\n    severity: low\n    requires: [{table: DnsEvents}]\n"
         "    query: |\n      DnsEvents | where Name has 'in.net' | extend Upper = toupper(Name)\n"
         "      | project Upper, Name, Computer | order by Name desc | take 5\n"
         "  - id: counted\n    title: Counted\n    severity: low\n    requires: [{table: DnsEvents}]\n"
         "    query: DnsEvents | summarize Queries = count() by Computer\n";
  ProcessResult result = RunIochound({"hunt", "--pack", (dir_ / "pack.yaml").string(), "--format", "jsonl",
                                      "--table", "DnsEvents=" + kDnsEvents});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  simdjson::dom::parser parser;
  size_t kept = 0, counted = 0;
  for (const auto& line : Lines(result.out)) {
    simdjson::dom::element alert = parser.parse(line);
    std::string_view rule = alert["rule"]["id"];
    if (rule == "kept") {
      ++kept;
      uint64_t offset = alert["source"]["offset"];
      std::string name{std::string_view(alert["evidence"]["Name"])};
      EXPECT_NE(LineAt(kDnsEvents, offset).find("\"Name\": \"" + name + "\""), std::string::npos) << line;
      EXPECT_TRUE(alert["evidence"]["TimeGenerated"].error()) << "project keeps the source, not the columns";
    } else {
      ++counted;
      EXPECT_TRUE(alert["source"]["file"].is_null()) << line;
      EXPECT_TRUE(alert["source"]["offset"].is_null()) << line;
    }
  }
  EXPECT_GE(kept, 2u) << result.out;
  EXPECT_GE(counted, 1u) << result.out;
}

// An EVTX alert's offset is its record: the header magic "**\0\0", its size, repeated in the
// record's last four bytes, and the record number. These regression files were exported, so record
// numbers restart at 1 while the events keep their EventRecordID: both must run in the same order.
TEST_F(AlertSourceCliTest, EvtxAlertsPointAtTheirEventRecord) {
  const std::string shared = IOCHOUND_SHARED_DIR;
  const std::string case_dir = shared +
                               "/data/sigma/regression_data/rules/windows/process_creation/"
                               "proc_creation_win_reg_system_restore_modification/";
  const std::string evtx = case_dir + "7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.evtx";
  const std::string rule = shared +
                           "/data/sigma/rules/windows/process_creation/"
                           "proc_creation_win_reg_system_restore_modification.yml";
  if (!fs::exists(evtx) || !fs::exists(rule)) GTEST_SKIP() << "SigmaHQ regression data not in " << shared;
  ProcessResult result = RunIochound({"hunt", "--sigma", rule, "--format", "jsonl", evtx});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> alerts = Lines(result.out);
  ASSERT_EQ(alerts.size(), 4u) << result.out;
  simdjson::dom::parser parser;
  std::map<uint64_t, uint64_t> event_record_by_record;  // record number -> EventRecordID
  for (const auto& line : alerts) {
    simdjson::dom::element alert = parser.parse(line);
    EXPECT_EQ(std::string_view(alert["source"]["file"]), evtx);
    uint64_t offset = alert["source"]["offset"];
    std::string header = ReadBytes(evtx, offset, 16);
    ASSERT_EQ(header.size(), 16u);
    EXPECT_EQ(header.substr(0, 4), std::string("**\0\0", 4)) << "offset " << offset;
    uint32_t size = 0, trailer = 0;
    uint64_t record = 0;
    std::memcpy(&size, header.data() + 4, sizeof size);  // little-endian, as EVTX
    std::memcpy(&record, header.data() + 8, sizeof record);
    std::string tail = ReadBytes(evtx, offset + size - 4, 4);
    ASSERT_EQ(tail.size(), 4u);
    std::memcpy(&trailer, tail.data(), sizeof trailer);
    EXPECT_EQ(trailer, size) << "offset " << offset;
    event_record_by_record[record] =
        std::stoull(std::string(std::string_view(alert["evidence"]["EventRecordId"])));
  }
  ASSERT_EQ(event_record_by_record.size(), 4u);
  uint64_t previous = 0;
  for (const auto& [record, event_record] : event_record_by_record) {
    EXPECT_GT(event_record, previous) << "record " << record;
    previous = event_record;
  }
}

}  // namespace
}  // namespace iochound::e2e
