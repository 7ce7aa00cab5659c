// externaldata over local files mapped from its URIs, in each format, with conversion to the declared types.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::QueryOutput;
using testing::RenderCell;

const std::string kDir = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/externaldata/";

QueryOptions MapTo(const std::string& file) {
  QueryOptions options;
  options.now_ticks = 1'000'000'000'000'000;
  options.externaldata_files["https://example.com/feed"] = kDir + file;
  return options;
}

QueryOutput RunExternal(const std::string& text, const QueryOptions& options) {
  auto query = Prepare(text, Catalog(), options);
  QueryOutput output;
  output.schema = query->schema();
  auto stream = query->Execute();
  while (auto batch = stream->Next()) {
    for (size_t r = 0; r < batch->rows; ++r) {
      auto& row = output.rows.emplace_back();
      for (const auto& column : batch->columns) row.push_back(RenderCell(*column, r));
    }
  }
  return output;
}

std::string ErrorOf(const std::string& text, const QueryOptions& options) {
  try {
    Prepare(text, Catalog(), options);
  } catch (const QueryError& e) {
    return e.what();
  }
  return "";
}

TEST(ExternalDataTest, CsvColumnsArePositionalAndConvertToTheDeclaredTypes) {
  auto out = RunExternal(
      "externaldata(Domain:string, Score:long, Seen:datetime) [@'https://example.com/feed'] with "
      "(format='csv')",
      MapTo("iocs.csv"));
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("evil.example.com", "a,b.example.net"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("3", "7"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("2026-01-02T03:04:05Z", "2026-02-01T00:00:00Z"));
}

TEST(ExternalDataTest, CsvIsTheDefaultFormatAndIgnoreFirstRecordSkipsTheHeader) {
  const std::string query = "externaldata(Domain:string, Score:int) ['https://example.com/feed']";
  EXPECT_THAT(ColumnValues(RunExternal(query + " with (ignoreFirstRecord=true)", MapTo("header.csv")), 0),
              ElementsAre("evil.example.com"));
  EXPECT_THAT(ErrorOf(query, MapTo("header.csv")), HasSubstr("header.csv:1: 'Score' is not a int"));
}

TEST(ExternalDataTest, TxtReadsEachLineIntoTheFirstColumn) {
  auto out = RunExternal(
      "externaldata(Ip:string, Note:string) ['https://example.com/feed'] with (format='txt') | where Ip "
      "startswith '192'",
      MapTo("ips.txt"));
  EXPECT_EQ(out.rows, (std::vector<std::vector<std::string>>{{"192.168.1.1", ""}}));
}

TEST(ExternalDataTest, JsonReadsAnArrayOfObjectsByColumnName) {
  auto out = RunExternal(
      "externaldata(Size:long, Hash:string, Tags:dynamic) ['https://example.com/feed'] with (format='json')",
      MapTo("array.json"));
  EXPECT_EQ(out.rows, (std::vector<std::vector<std::string>>{{"10", "aa", "[\"x\"]"}, {"20", "bb", "null"}}));
}

TEST(ExternalDataTest, JsonReadsOneObjectPerLine) {
  auto out =
      RunExternal("externaldata(Hash:string, Size:long) ['https://example.com/feed'] with (format='json')",
                  MapTo("lines.json"));
  EXPECT_EQ(out.rows, (std::vector<std::vector<std::string>>{{"aa", "10"}, {"bb", "null"}}));
}

TEST(ExternalDataTest, MultijsonReadsObjectsOneAfterAnother) {
  auto out = RunExternal(
      "externaldata(Hash:string, Size:long) ['https://example.com/feed'] with (format='multijson')",
      MapTo("multi.json"));
  EXPECT_EQ(out.rows, (std::vector<std::vector<std::string>>{{"aa", "10"}, {"b}b", "2"}, {"", "3"}}));
}

TEST(ExternalDataTest, AValueThatIsNotAnObjectNamesItsLine) {
  std::string error =
      ErrorOf("externaldata(Hash:string, Size:long) ['https://example.com/feed'] with (format='multijson')",
              MapTo("stray_value.json"));
  EXPECT_THAT(error, HasSubstr("stray_value.json:2: expected a JSON object"));
}

TEST(ExternalDataTest, AnUnmappedUrlNamesTheFlag) {
  std::string error =
      ErrorOf("externaldata(a:string) ['https://elsewhere.example/x.csv']", MapTo("iocs.csv"));
  EXPECT_THAT(error, HasSubstr("'https://elsewhere.example/x.csv' is not mapped"));
  EXPECT_THAT(error, HasSubstr("--externaldata URL=PATH"));
}

TEST(ExternalDataTest, AnUnreadableFileIsNamed) {
  EXPECT_THAT(ErrorOf("externaldata(a:string) ['https://example.com/feed']", MapTo("missing.csv")),
              HasSubstr("missing.csv"));
}

TEST(ExternalDataTest, AValueOfTheWrongTypeFailsWithFileAndLine) {
  EXPECT_THAT(
      ErrorOf("externaldata(d:string, n:long, t:datetime) ['https://example.com/feed']", MapTo("bad.csv")),
      HasSubstr("bad.csv:1: 'notanumber' is not a long"));
}

TEST(ExternalDataTest, EmptyModeReadsNoRowsWithoutMappings) {
  QueryOptions options;
  options.externaldata_empty = true;
  auto out = RunExternal("externaldata(a:string, n:long) ['https://unmapped.example/'] | count", options);
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("0"));
}

}  // namespace
}  // namespace iochound
