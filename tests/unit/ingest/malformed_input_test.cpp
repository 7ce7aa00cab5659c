// Broken records and values: each is reported with file:line and what is wrong; the rest survives.
#include <gtest/gtest.h>

#include "ingest_test_util.h"
#include "normalizers/file_table.h"

namespace iochound {
namespace {

using ingest_testing::ScanColumn;
using ingest_testing::ScanRows;
using ingest_testing::TempDir;
using ingest_testing::WriteFile;

// Runs `body` with a DataErrors that prints every error, returning what it printed.
template <typename Body>
std::string CaptureErrors(DataErrors& errors, Body body) {
  ::testing::internal::CaptureStderr();
  body();
  (void)errors;
  return ::testing::internal::GetCapturedStderr();
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MalformedInputTest, BrokenJsonLineIsReportedAndSkipped) {
  TempDir dir;
  std::string path = dir.File("dns.jsonl");
  WriteFile(path,
            "{\"Name\":\"a.example\",\"EventId\":1}\n"
            "\n"
            "{\"Name\":\"b.example\",\"EventId\":2\n"
            "{\"Name\":\"c.example\",\"EventId\":3}\r\n"
            "[1,2]\n"
            "{\"Name\":\"d.example\"} trailing\n"
            "{\"Name\":\"e.example\",\"EventId\":5}");
  DataErrors errors(100);
  std::vector<std::string> names;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("DnsEvents", path, errors);
    names = ScanColumn(table, "Name");
  });
  EXPECT_EQ(names, (std::vector<std::string>{"string:a.example", "string:c.example", "string:e.example"}));
  EXPECT_TRUE(Contains(messages, path + ":3: invalid JSON")) << messages;
  EXPECT_TRUE(Contains(messages, path + ":5: not a JSON object")) << messages;
  EXPECT_TRUE(Contains(messages, path + ":6: invalid JSON")) << messages;
  EXPECT_EQ(errors.count(), 3u) << messages;
}

TEST(MalformedInputTest, ShortAndLongCsvRowsAreReportedAndKept) {
  TempDir dir;
  std::string path = dir.File("dns.csv");
  WriteFile(path,
            "Name,EventId,ClientIP\n"
            "a.example,1,10.0.0.1\n"
            "b.example,2\n"
            "\"c.example\nwith newline\",3,10.0.0.3\n"
            "d.example,4,10.0.0.4,surplus\n");
  DataErrors errors(100);
  std::vector<std::vector<std::string>> rows;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("DnsEvents", path, errors);
    const Schema& schema = table.schema();
    rows = ScanRows(table,
                    {FindField(schema, "Name"), FindField(schema, "EventId"), FindField(schema, "ClientIP")});
  });
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"string:b.example", "int:2", "string:"}));
  EXPECT_EQ(rows[2][0], "string:c.example\nwith newline");
  EXPECT_EQ(rows[3], (std::vector<std::string>{"string:d.example", "int:4", "string:10.0.0.4"}));
  EXPECT_TRUE(Contains(messages, path + ":3: row has 2 fields but the header has 3")) << messages;
  EXPECT_TRUE(Contains(messages, path + ":6: row has 4 fields but the header has 3")) << messages;
  EXPECT_EQ(errors.count(), 2u) << messages;
}

TEST(MalformedInputTest, ValuesThatDoNotConvertBecomeNullAndAreReported) {
  TempDir dir;
  std::string path = dir.File("dns.jsonl");
  WriteFile(path,
            "{\"TimeGenerated\":\"2026-04-18T10:00:00Z\",\"EventId\":\"42\",\"Name\":\"a\"}\n"
            "{\"TimeGenerated\":\"2026-13-45T99:00:00Z\",\"EventId\":\"abc\",\"Name\":\"b\"}\n"
            "{\"TimeGenerated\":\"yesterday\",\"EventId\":3000000000,\"Name\":\"c\"}\n");
  DataErrors errors(100);
  std::vector<std::vector<std::string>> rows;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("DnsEvents", path, errors);
    const Schema& schema = table.schema();
    rows = ScanRows(
        table, {FindField(schema, "TimeGenerated"), FindField(schema, "EventId"), FindField(schema, "Name")});
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][1], "int:42");
  EXPECT_EQ(rows[1], (std::vector<std::string>{"datetime:null", "int:null", "string:b"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"datetime:null", "int:null", "string:c"}));
  EXPECT_TRUE(Contains(
      messages, path + ":2: column 'TimeGenerated': cannot convert '2026-13-45T99:00:00Z' to datetime"))
      << messages;
  EXPECT_TRUE(Contains(messages, path + ":2: column 'EventId': cannot convert 'abc' to int")) << messages;
  EXPECT_TRUE(Contains(messages, path + ":3: column 'TimeGenerated': cannot convert 'yesterday'"))
      << messages;
  EXPECT_TRUE(Contains(messages, path + ":3: column 'EventId': cannot convert '3000000000' to int"))
      << messages;
  EXPECT_EQ(errors.count(), 4u);
}

TEST(MalformedInputTest, FieldFirstSeenAfterThePrefixIsReportedOnce) {
  TempDir dir;
  std::string path = dir.File("late.jsonl");
  std::string data;
  for (uint64_t i = 0; i < FileTable::kInferenceRecords + 10; ++i) {
    bool late = i >= FileTable::kInferenceRecords + 2;
    data += "{\"Host\":\"h" + std::to_string(i) + "\"" + (late ? ",\"Late\":1" : "") + "}\n";
  }
  WriteFile(path, data);
  DataErrors errors(100);
  size_t rows = 0;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("Custom_CL", path, errors);
    EXPECT_EQ(table.schema().size(), 1u);
    rows = ScanRows(table).size();
    ScanRows(table);  // a second scan reports nothing new
  });
  EXPECT_EQ(rows, FileTable::kInferenceRecords + 10);
  std::string line = std::to_string(FileTable::kInferenceRecords + 3);
  EXPECT_TRUE(Contains(messages, path + ":" + line + ": field 'Late' is not in the table's schema"))
      << messages;
  EXPECT_EQ(errors.count(), 1u) << messages;
}

TEST(MalformedInputTest, TruncatedCompressedFileKeepsTheRowsBeforeTheDamage) {
  TempDir dir;
  std::string data;
  for (int i = 0; i < 50000; ++i) data += "{\"Name\":\"host" + std::to_string(i) + ".example.com\"}\n";
  std::string gz = ingest_testing::Gzip(data);
  WriteFile(dir.File("cut.jsonl.gz"), gz.substr(0, gz.size() / 2));
  DataErrors errors(100);
  size_t rows = 0;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("DnsEvents", dir.File("cut.jsonl.gz"), errors);
    rows = ScanColumn(table, "Name").size();
  });
  EXPECT_GT(rows, 0u);
  EXPECT_LT(rows, 50000u);
  EXPECT_TRUE(Contains(messages, "cut.jsonl.gz")) << messages;
  EXPECT_TRUE(Contains(messages, "truncated gzip data")) << messages;
  std::string zst = ingest_testing::Zstd(data);
  WriteFile(dir.File("cut.jsonl.zst"), zst.substr(0, zst.size() / 2));
  messages = CaptureErrors(errors, [&] {
    FileTable table("DnsEvents", dir.File("cut.jsonl.zst"), errors);
    rows = ScanColumn(table, "Name").size();
  });
  EXPECT_GT(rows, 0u);
  EXPECT_LT(rows, 50000u);
  EXPECT_TRUE(Contains(messages, "truncated zstd data")) << messages;
}

TEST(MalformedInputTest, BrokenJsonArrayKeepsTheElementsBeforeTheDamage) {
  TempDir dir;
  std::string path = dir.File("az.json");
  WriteFile(path, "[\n {\"Name\":\"a\"},\n 42,\n {\"Name\":\"b\"},\n {\"Name\": }\n]\n");
  DataErrors errors(100);
  std::vector<std::string> names;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("DnsEvents", path, errors);
    names = ScanColumn(table, "Name");
  });
  EXPECT_EQ(names.front(), "string:a");
  EXPECT_TRUE(Contains(messages, path + ":3: array element is not a JSON object")) << messages;
  EXPECT_GE(errors.count(), 2u) << messages;
}

TEST(MalformedInputTest, EmptyFilesAndHeaderOnlyCsvHaveNoRows) {
  TempDir dir;
  WriteFile(dir.File("empty.jsonl"), "");
  WriteFile(dir.File("blank.jsonl"), "\n  \r\n");
  WriteFile(dir.File("header.csv"), "\xEF\xBB\xBFName,Count\r\n");
  DataErrors errors(100);
  for (const char* file : {"empty.jsonl", "blank.jsonl", "header.csv"}) {
    SCOPED_TRACE(file);
    FileTable table("Custom_CL", dir.File(file), errors);
    EXPECT_TRUE(ScanRows(table).empty());
  }
  FileTable header("Custom_CL", dir.File("header.csv"), errors);
  ASSERT_EQ(header.schema().size(), 2u);
  EXPECT_EQ(header.schema()[0].name, "Name");
  EXPECT_EQ(header.schema()[1].type, Type::String);
  EXPECT_EQ(errors.count(), 0u);
}

TEST(MalformedInputTest, UnterminatedCsvQuoteIsReportedAndTheRowKept) {
  TempDir dir;
  std::string path = dir.File("q.csv");
  WriteFile(path, "Name,Count\na,1\n\"b,2\nc,3\n");
  DataErrors errors(100);
  std::vector<std::string> names;
  std::string messages = CaptureErrors(errors, [&] {
    FileTable table("Custom_CL", path, errors);
    names = ScanColumn(table, "Name");
  });
  EXPECT_EQ(names, (std::vector<std::string>{"string:a", "string:b,2\nc,3\n"}));
  EXPECT_TRUE(Contains(messages, path + ":3: quoted field not closed")) << messages;
}

}  // namespace
}  // namespace iochound
