// Neither the literal prefilter nor the number of threads changes a result. Every string operator,
// run with and without the prefilter over generated records full of what can hide a match from a
// byte search (JSON \u escapes, escaped `/`, `"`, tabs and line breaks, CSV quoting, doubled quotes
// and line breaks in fields, non-ASCII letters whose case folding differs or that touch a term),
// returns the same rows, with short literal lists (Hyperscan) and long ones (term hash); so do scans of
// many-part inputs (broken lines, blank lines, BOM, CRLF, gzip, several files and formats) on 1, 2
// and 4 threads.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "decoders/record_prefilter.h"
#include "engine/engine.h"
#include "ingest_test_util.h"
#include "normalizers/file_table.h"
#include "types/value.h"

namespace iochound {
namespace {

using ingest_testing::CandidateLineStarts;
using ingest_testing::TempDir;
using ingest_testing::WriteFile;

// Pieces of field values: needles, near misses, and text that decodes differently than it is written.
const std::vector<std::string> kFragments = {"evil.com",
                                             "EVIL.COM",
                                             "Evil.Com",
                                             "xevil.com",
                                             "evil.comx",
                                             "sub.evil.com",
                                             "evil",
                                             ".com",
                                             "naïve",
                                             "NAÏVE",
                                             "straße",
                                             "STRASSE",
                                             "ı",
                                             "ſ",
                                             "K" /* Kelvin sign */,
                                             "k",
                                             "http://a.io/x",
                                             "a/b",
                                             "a\"b",
                                             "\"",
                                             "c:\\temp",
                                             "x,y",
                                             "line\nbreak",
                                             " ",
                                             "-",
                                             "_",
                                             "日本",
                                             "ü",
                                             "Ü",
                                             "cmd.exe",
                                             "CMD.EXE",
                                             "\tcmd.exe",
                                             "x\\nevil.com",
                                             "\xC3\xA9vil.com",
                                             "evil.com\xC3\xA9",
                                             "\xC3\xA9"
                                             "evil.com",
                                             "a.b.c",
                                             "A.B.C.d",
                                             "abcabc"};

std::string JsonEscapeUnit(char32_t cp) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "\\u%04X", static_cast<unsigned>(cp));
  return hex;
}

// Decodes the UTF-8 sequence at s[i] (valid by construction), advancing i.
char32_t NextCodePoint(const std::string& s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

std::string JsonString(const std::string& text, std::mt19937& random) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = NextCodePoint(text, i);
    bool escape = random() % 6 == 0;
    if (cp == '"') {
      out += escape ? "\\u0022" : "\\\"";
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '/') {
      out += escape ? "\\/" : "/";
    } else if (escape && cp < 0x10000) {
      out += JsonEscapeUnit(cp);
    } else {
      out += text.substr(start, i - start);
    }
  }
  return out + "\"";
}

std::string CsvField(const std::string& text, std::mt19937& random) {
  bool quote = text.find_first_of(",\"\n") != std::string::npos || random() % 4 == 0;
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string RandomText(std::mt19937& random) {
  std::string text;
  size_t parts = 1 + random() % 4;
  for (size_t i = 0; i < parts; ++i) text += kFragments[random() % kFragments.size()];
  return text;
}

// The same records as JSON Lines and as CSV: columns Name, Msg, Host.
void WriteRecords(size_t count, const std::string& jsonl, const std::string& csv) {
  std::mt19937 random(7);
  std::string json_text, csv_text = "Name,Msg,Host\n";
  for (size_t r = 0; r < count; ++r) {
    std::string name = RandomText(random), msg = RandomText(random), host = RandomText(random);
    json_text += "{\"Name\":" + JsonString(name, random) + ",\"Msg\":" + JsonString(msg, random) +
                 ",\"Host\":" + JsonString(host, random) + "}\n";
    csv_text += CsvField(name, random) + "," + CsvField(msg, random) + "," + CsvField(host, random) + "\n";
  }
  WriteFile(jsonl, json_text);
  WriteFile(csv, csv_text);
}

std::string KqlString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? std::string("\\n") : c == '\t' ? std::string("\\t") : std::string(1, c);
  }
  return out + "\"";
}

struct Result {
  std::vector<std::string> rows;
  std::string plan;
  size_t errors = 0;
};

Result RunQuery(const std::string& path, const std::string& query, bool prefilter, int threads = 1) {
  DataErrors errors(0);
  Catalog catalog;
  catalog.Register("T", MakeFileTable("T", path, errors));
  QueryOptions options;
  options.now_ticks = 1;
  options.prefilter = prefilter;
  options.threads = threads;
  auto prepared = Prepare(query, catalog, options);
  Result result;
  result.plan = prepared->Explain();
  auto stream = prepared->Execute();
  while (auto batch = stream->Next()) {
    for (size_t r = 0; r < batch->rows; ++r) {
      std::string row;
      for (const auto& column : batch->columns) row += ToDynamic(column->ValueAt(r)).ToJson() + "\x1f";
      result.rows.push_back(row);
    }
  }
  result.errors = errors.count();
  return result;
}

class PrefilterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    WriteRecords(3000, dir_->File("t.jsonl"), dir_->File("t.csv"));
  }
  static void TearDownTestSuite() { delete dir_; }

  // Runs `query` over both formats with and without the prefilter; returns how many of the two
  // formats' plans used it.
  static int ExpectSameRows(const std::string& query) {
    int prefiltered = 0;
    for (const char* file : {"t.jsonl", "t.csv"}) {
      Result with = RunQuery(dir_->File(file), query, true);
      Result without = RunQuery(dir_->File(file), query, false);
      EXPECT_EQ(with.rows, without.rows) << query << " over " << file;
      EXPECT_EQ(without.errors, 0u) << query << " over " << file;
      EXPECT_EQ(without.plan.find("prefilter"), std::string::npos);
      if (with.plan.find("prefilter") != std::string::npos) ++prefiltered;
    }
    return prefiltered;
  }

  static TempDir* dir_;
};

TempDir* PrefilterTest::dir_ = nullptr;

const std::vector<std::string> kNeedles = {"evil.com", "EVIL.com", "evil",        "naïve", "NAÏVE",
                                           "straße",   "K",        "http://a.io", "a\"b",  "c:\\temp",
                                           "x,y",      "cmd.exe",  "line\nbreak", "日本",  "ÜÜ"};

TEST_F(PrefilterTest, EveryStringOperatorReturnsTheSameRows) {
  const std::vector<std::string> operators = {
      "has",          "!has",     "has_cs",    "!has_cs",     "hasprefix",  "hasprefix_cs",  "hassuffix",
      "hassuffix_cs", "contains", "!contains", "contains_cs", "startswith", "startswith_cs", "endswith",
      "endswith_cs",  "==",       "!=",        "=~",          "!~"};
  int prefiltered = 0;
  for (const auto& op : operators) {
    for (const auto& needle : kNeedles) {
      prefiltered +=
          ExpectSameRows("T | where Name " + op + " " + KqlString(needle) + " | project Name, Host");
    }
  }
  EXPECT_GT(prefiltered, 100);  // most positive forms were prefiltered, so the comparison means something
}

TEST_F(PrefilterTest, ListsConjunctionsAndDisjunctionsReturnTheSameRows) {
  const std::vector<std::string> queries = {
      "T | where Name has_any (\"evil.com\", \"naïve\", \"cmd.exe\")",
      "T | where Name has_all (\"evil\", \"com\")",
      "T | where Name in (\"evil.com\", \"EVIL.COM\", \"cmd.exe\")",
      "T | where Name in~ (\"evil.com\", \"straße\", \"K\")",
      "T | where Name !in~ (\"evil.com\")",
      "T | where Name has \"evil.com\" and Msg contains \"cmd\"",
      "T | where Name has \"evil.com\" or Msg has \"naïve\"",
      "T | where Name has \"evil.com\" or Msg !has \"cmd\"",
      "T | where not(Name has \"evil.com\")",
      "T | project N = Name, Host | where N contains \"EVIL\"",
      "T | where Host startswith \"sub\" | where Name endswith \".com\"",
      "T | where Name has_any (\"a\", \"evil.com\")",
      "T | where Name == \"\"",
  };
  for (const auto& query : queries) ExpectSameRows(query);
  EXPECT_EQ(ExpectSameRows(queries[0]), 2);
}

// `needles` among enough generated ones for the term hash.
std::string LongList(const std::vector<std::string>& needles) {
  std::string list;
  for (size_t i = 0; i < RecordPrefilter::kTermHashMinLiterals; ++i)
    list += "\"gen" + std::to_string(i) + ".example.org\", ";
  for (const auto& needle : needles) list += KqlString(needle) + ", ";
  return list.substr(0, list.size() - 2);
}

// The needles every format can prefilter on (kNeedles less those without 3 plain ASCII bytes in a
// row), and near misses for the term hash: terms shorter than 4 bytes, a term twice, several
// terms, one touching a non-ASCII letter.
const std::vector<std::string> kListNeedles = {
    "evil.com",    "EVIL.com", "evil",   "straße", "http://a.io", "c:\\temp", "x,y",       "cmd.exe",
    "line\nbreak", "a.b.c",    "abcabc", "cmd",    "temp",        "EXE",      "evil.comé", "ab.c"};

TEST_F(PrefilterTest, LongListsMatchedByTermHashReturnTheSameRows) {
  const std::string list = LongList(kListNeedles);
  const std::vector<std::string> queries = {
      "T | where Name has_any (" + list + ")",
      "T | where Name in (" + list + ") | project Name",
      "T | where Name in~ (" + list + ") | project Name",
      "T | where Name has_any (" + list + ") or Msg contains \"evi\" | project Name, Msg",
      "T | where Name in~ (" + list + ") or Host startswith \"sub\" or Host endswith \"ABC\"",
  };
  for (const auto& query : queries) {
    EXPECT_EQ(ExpectSameRows(query), 2) << query.substr(query.size() - 80);
    EXPECT_NE(RunQuery(dir_->File("t.jsonl"), query, true).plan.find("by term hash for"), std::string::npos);
  }
  EXPECT_FALSE(RunQuery(dir_->File("t.jsonl"), queries[0], true).rows.empty());
}

TEST_F(PrefilterTest, WindowsSpanningManyBufferFillsReturnTheSameRows) {
  TempDir big;
  WriteRecords(60000, big.File("big.jsonl"), big.File("big.csv"));  // several MB: many windows
  for (const char* file : {"big.jsonl", "big.csv"}) {
    for (const std::string& query : std::vector<std::string>{
             "T | where Name has \"evil.com\" | count", "T | where Msg contains \"NAÏVE\"",
             "T | where Host has_cs \"cmd.exe\"", "T | where Msg has_any (" + LongList(kListNeedles) + ")"}) {
      Result without = RunQuery(big.File(file), query, false);
      for (int threads : {1, 2, 3}) {
        EXPECT_EQ(RunQuery(big.File(file), query, true, threads).rows, without.rows)
            << query.substr(0, 60) << ", " << threads << " threads";
      }
    }
  }
}

// Records spread over several parts of a parallel scan, with what makes cutting them hard.
void WriteManyPartInputs(const TempDir& dir) {
  std::mt19937 random(11);
  std::string json = "\xEF\xBB\xBF";
  std::string csv = "\n\r\nName,Msg,Host\r\n";
  for (size_t r = 0; r < 120000; ++r) {
    std::string name = RandomText(random), msg = RandomText(random), host = RandomText(random);
    if (r % 9973 == 5) json += "{\"Name\": broken\n";
    if (r % 7919 == 3) json += "\n   \n";
    json += "{\"Name\":" + JsonString(name, random) + ",\"Msg\":" + JsonString(msg, random) +
            ",\"Host\":" + JsonString(host, random) + "}\n";
    if (r % 8191 == 7) csv += "only,two\r\n";
    // A quote inside an unquoted field opens nothing, so the line holds an even number of quotes and
    // the header's number of commas, yet its second field runs on to the next line.
    if (r % 6007 == 11) csv += "x\"y,\"note,q\nevil.com\",w\r\n";
    csv += CsvField(name, random) + "," + CsvField(msg, random) + "," + CsvField(host, random) + "\r\n";
  }
  WriteFile(dir.File("many.jsonl"), json);
  WriteFile(dir.File("many.csv"), csv);
  std::filesystem::create_directory(dir.File("mixed"));
  WriteFile(dir.File("mixed/a.jsonl.gz"), ingest_testing::Gzip(json.substr(0, json.size() / 2 + 17)));
  WriteFile(dir.File("mixed/b.json"), "[{\"Name\":\"evil.com\",\"Msg\":\"array\"},{\"Name\":\"x\"}]");
  WriteFile(dir.File("mixed/c.jsonl"), "");
  WriteFile(dir.File("mixed/d.jsonl"), json.substr(json.size() / 3));
}

TEST(ParallelScanTest, AnyNumberOfThreadsReturnsTheSameRowsInTheSameOrder) {
  TempDir dir;
  WriteManyPartInputs(dir);
  const std::vector<std::string> queries = {
      "T",
      "T | where Name has \"evil.com\" | project Name, Msg",
      "T | where Msg has \"evil.com\" | project Name, Msg",
      "T | where Msg contains \"naïve\" or Host startswith \"cmd\" | extend L = strlen(Name)",
      "T | summarize count() by Host | order by Host asc",
      "T | where Name !has \"evil\" | take 1000",
  };
  for (const char* input : {"many.jsonl", "many.csv", "mixed"}) {
    for (const auto& query : queries) {
      Result one = RunQuery(dir.File(input), query, true, 1);
      EXPECT_FALSE(one.rows.empty()) << query << " over " << input;
      for (int threads : {2, 4}) {
        Result many = RunQuery(dir.File(input), query, true, threads);
        EXPECT_EQ(many.rows, one.rows) << query << " over " << input << " on " << threads << " threads";
        // Threads read ahead, so past a `take` they may meet (and report) errors one thread never reads.
        if (query.find("take") == std::string::npos) {
          EXPECT_EQ(many.errors, one.errors) << query << " over " << input << " on " << threads << " threads";
        }
      }
    }
  }
  // The row whose quoted field runs over a line break is read whole with the prefilter too.
  const std::string across_lines = "T | where Msg has \"evil.com\" | project Name, Msg";
  Result with = RunQuery(dir.File("many.csv"), across_lines, true);
  EXPECT_EQ(with.rows, RunQuery(dir.File("many.csv"), across_lines, false).rows);
  EXPECT_EQ(std::count(with.rows.begin(), with.rows.end(), "\"x\\\"y\"\x1f\"note,q\\nevil.com\"\x1f"), 20);
  // The broken lines and short rows are reported however the input is cut, and also when the
  // prefilter rules their records out.
  for (bool prefilter : {false, true}) {
    const std::string query = "T | where Name has \"evil.com\" | count";
    EXPECT_EQ(RunQuery(dir.File("many.jsonl"), query, prefilter, 4).errors, 13u);
    EXPECT_EQ(RunQuery(dir.File("many.csv"), query, prefilter, 4).errors, 15u);
    EXPECT_EQ(RunQuery(dir.File("many.jsonl"), query, prefilter, 1).errors, 13u);
  }
}

TEST(RecordPrefilterTest, SearchesOnlyPiecesAFormatCannotWriteDifferently) {
  std::vector<RecordPrefilter::Literal> literals = {
      {"http://evil.com/x", false}, {"NAÏVE.org", false}, {"Ünïcödé-cs", true}};
  auto json = RecordPrefilter::Make(literals, InputFormat::kJsonLines);
  ASSERT_NE(json, nullptr);
  ASSERT_EQ(json->pieces().size(), 3u);
  EXPECT_EQ(json->pieces()[0].text, "evil.com");  // `/` may be written `\/`
  EXPECT_EQ(json->pieces()[1].text, "ve.org");    // Ï folds outside ASCII; the rest is lowered
  EXPECT_EQ(json->pieces()[2].text, "Ünïcödé-cs");
  auto csv = RecordPrefilter::Make(literals, InputFormat::kCsv);
  ASSERT_NE(csv, nullptr);
  EXPECT_EQ(csv->pieces()[0].text, "http://evil.com/x");
  EXPECT_EQ(
      RecordPrefilter::Make(std::vector<RecordPrefilter::Literal>{{"a/b", false}}, InputFormat::kJsonLines),
      nullptr);
  EXPECT_EQ(RecordPrefilter::Make(literals, InputFormat::kJsonArray), nullptr);
}

TEST(RecordPrefilterTest, FindsTheLinesHoldingAPieceOrAnEscape) {
  auto prefilter = RecordPrefilter::Make(std::vector<RecordPrefilter::Literal>{{"evil.com", false}},
                                         InputFormat::kJsonLines);
  ASSERT_NE(prefilter, nullptr);
  std::string window =
      "{\"a\":\"x\"}\n{\"a\":\"EVIL.COM evil.com\"}\n{\"a\":\"\\u0065vil\"}\n{\"a\":\"evil.co\"}\n"
      "{\"a\":\"evil.com\"}";
  std::vector<uint64_t> expected = {100 + window.find("{\"a\":\"EVIL"), 100 + window.find("{\"a\":\"\\u"),
                                    100 + window.rfind("{")};
  EXPECT_EQ(CandidateLineStarts(*prefilter, window, 100), expected);
}

TEST(RecordPrefilterTest, NonAsciiLinesAreCandidatesWhenAsked) {
  std::vector<RecordPrefilter::Literal> literals = {{"evil.com", false}};
  auto prefilter = RecordPrefilter::Make(literals, InputFormat::kJsonLines, {true, nullptr});
  ASSERT_NE(prefilter, nullptr);
  // Past 16 bytes too, where the search goes a block at a time.
  std::string window =
      "{\"a\":\"x\"}\n{\"a\":\"0123456789abcdef\xEF\xBD\x85vil.com\"}\n{\"a\":\"y\"}\n"
      "{\"a\":\"evil.com\"}\n{\"a\":\"\xC3\xA9\"}";
  std::vector<uint64_t> expected = {window.find("{\"a\":\"0123"), window.find("{\"a\":\"evil"),
                                    window.rfind("{")};
  EXPECT_EQ(CandidateLineStarts(*prefilter, window), expected);
  EXPECT_EQ(CandidateLineStarts(*RecordPrefilter::Make(literals, InputFormat::kJsonLines), window),
            std::vector<uint64_t>{window.find("{\"a\":\"evil")});
}

// A scan told where to count them reports the records its literals let it skip: with the rows it
// returns they are every record, blank lines aside.
TEST(RecordPrefilterTest, ScansCountTheRecordsTheyRuleOut) {
  TempDir dir;
  std::string jsonl, csv = "Name,Note\n";
  for (int i = 0; i < 5000; ++i) {
    std::string name = i % 97 == 0 ? "a.evil.com" : "host" + std::to_string(i) + ".example.org";
    jsonl += "{\"Name\":\"" + name + "\"}\n" + (i % 500 == 0 ? "\n  \n" : "");
    csv += name + (i % 13 == 0 ? ",\"quoted, note\"\n" : ",plain\n") + (i % 500 == 0 ? "\n" : "");
  }
  WriteFile(dir.File("t.jsonl"), jsonl);
  WriteFile(dir.File("t.csv"), csv);
  for (const std::string file : {"t.jsonl", "t.csv"}) {
    for (int threads : {1, 3}) {
      DataErrors errors(0);
      auto table = MakeFileTable("T", dir.File(file), errors);
      std::vector<int> columns(table->schema().size());
      for (size_t c = 0; c < columns.size(); ++c) columns[c] = static_cast<int>(c);
      std::atomic<uint64_t> ruled_out{0};
      ScanHints hints;
      hints.literals = {{"evil.com", false, true, true}};
      hints.threads = threads;
      hints.records_ruled_out = &ruled_out;
      uint64_t rows = 0;
      auto stream = table->Scan(columns, hints);
      while (auto batch = stream->Next()) rows += batch->rows;
      SCOPED_TRACE(file + " on " + std::to_string(threads) + " threads");
      EXPECT_GE(rows, 52u);
      EXPECT_LT(rows, 1000u);
      EXPECT_EQ(rows + ruled_out.load(), 5000u);
      EXPECT_EQ(errors.count(), 0u);
    }
  }
}

}  // namespace
}  // namespace iochound
