#include "sinks/result_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

// Runs a writer over `batches` and returns what it printed.
std::string Render(std::string_view format, const Schema& schema, const std::vector<Batch>& batches) {
  char* data = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&data, &size);
  auto writer = MakeResultWriter(format, out);
  writer->Begin(schema);
  for (const Batch& b : batches) writer->Write(b);
  writer->End();
  std::fclose(out);
  std::string text(data, size);
  std::free(data);
  return text;
}

Batch MakeBatch(std::vector<std::shared_ptr<Column>> columns) {
  Batch batch;
  batch.rows = columns.empty() ? 0 : columns[0]->size();
  for (auto& c : columns) batch.columns.push_back(std::move(c));
  return batch;
}

std::shared_ptr<Column> Col(Type type, std::vector<Value> values) {
  auto c = std::make_shared<Column>(type);
  for (const Value& v : values) c->Append(v);
  return c;
}

// A schema and a batch exercising every type, nulls, and awkward strings.
struct Sample {
  Schema schema{{"n", Type::Long}, {"s", Type::String}, {"t", Type::DateTime}, {"d", Type::TimeSpan},
                {"r", Type::Real}, {"b", Type::Bool},   {"g", Type::Guid},     {"x", Type::Dynamic}};
  Batch batch;
  Sample() {
    int64_t t = *ParseDateTime("2026-04-18T10:00:00.123Z");
    batch = MakeBatch({
        Col(Type::Long, {Value::Long(1), Value::Null(Type::Long), Value::Long(-42)}),
        Col(Type::String,
            {Value::String("plain"), Value::String("a,\"b\"\nc"), Value::String("bad\xFF\x01")}),
        Col(Type::DateTime, {Value::DateTime(t), Value::Null(Type::DateTime), Value::DateTime(0)}),
        Col(Type::TimeSpan,
            {Value::TimeSpan(90 * kTicksPerMinute), Value::Null(Type::TimeSpan), Value::TimeSpan(-1)}),
        Col(Type::Real, {Value::Real(2.5), Value::Real(std::nan("")),
                         Value::Real(-std::numeric_limits<double>::infinity())}),
        Col(Type::Bool, {Value::Bool(true), Value::Null(Type::Bool), Value::Bool(false)}),
        Col(Type::Guid,
            {Value::Guid("0a1b2c3d-0000-4000-8000-abcdefabcdef"), Value::Null(Type::Guid), Value::Guid("")}),
        Col(Type::Dynamic, {Value::Dyn(*Dynamic::ParseJson(R"({"a":1,"b":[1,2.0]})")),
                            Value::Null(Type::Dynamic), Value::Dyn(Dynamic::MakeString("q\"s"))}),
    });
  }
};

TEST(ResultWriterTest, Json) {
  Sample s;
  EXPECT_EQ(Render("json", s.schema, {s.batch}),
            "{\"columns\":[{\"name\":\"n\",\"type\":\"long\"},{\"name\":\"s\",\"type\":\"string\"},"
            "{\"name\":\"t\",\"type\":\"datetime\"},{\"name\":\"d\",\"type\":\"timespan\"},"
            "{\"name\":\"r\",\"type\":\"real\"},{\"name\":\"b\",\"type\":\"bool\"},"
            "{\"name\":\"g\",\"type\":\"guid\"},{\"name\":\"x\",\"type\":\"dynamic\"}],\"rows\":[\n"
            "[1,\"plain\",\"2026-04-18T10:00:00.123Z\",\"01:30:00\",2.5,true,"
            "\"0a1b2c3d-0000-4000-8000-abcdefabcdef\",{\"a\":1,\"b\":[1,2.0]}],\n"
            "[null,\"a,\\\"b\\\"\\nc\",null,null,\"NaN\",null,null,null],\n"
            "[-42,\"bad\xEF\xBF\xBD\\u0001\",\"1970-01-01T00:00:00Z\",\"-00:00:00.0000001\",\"-Infinity\","
            "false,\"\","
            "\"q\\\"s\"]\n"
            "]}\n");
}

TEST(ResultWriterTest, JsonStreamsAcrossBatchesAndHandlesNoRows) {
  Schema schema{{"n", Type::Long}};
  Batch a = MakeBatch({Col(Type::Long, {Value::Long(1)})});
  Batch b = MakeBatch({Col(Type::Long, {Value::Long(2), Value::Long(3)})});
  EXPECT_EQ(Render("json", schema, {a, Batch{}, b}),
            "{\"columns\":[{\"name\":\"n\",\"type\":\"long\"}],\"rows\":[\n[1],\n[2],\n[3]\n]}\n");
  EXPECT_EQ(Render("json", schema, {}), "{\"columns\":[{\"name\":\"n\",\"type\":\"long\"}],\"rows\":[]}\n");
}

TEST(ResultWriterTest, JsonLines) {
  Sample s;
  EXPECT_EQ(
      Render("jsonl", s.schema, {s.batch}),
      "{\"n\":1,\"s\":\"plain\",\"t\":\"2026-04-18T10:00:00.123Z\",\"d\":\"01:30:00\",\"r\":2.5,\"b\":true,"
      "\"g\":\"0a1b2c3d-0000-4000-8000-abcdefabcdef\",\"x\":{\"a\":1,\"b\":[1,2.0]}}\n"
      "{\"n\":null,\"s\":\"a,\\\"b\\\"\\nc\",\"t\":null,\"d\":null,\"r\":\"NaN\",\"b\":null,\"g\":null,\"x\":"
      "null}\n"
      "{\"n\":-42,\"s\":\"bad\xEF\xBF\xBD\\u0001\",\"t\":\"1970-01-01T00:00:00Z\",\"d\":\"-00:00:00."
      "0000001\","
      "\"r\":\"-Infinity\",\"b\":false,\"g\":\"\",\"x\":\"q\\\"s\"}\n");
  EXPECT_EQ(Render("jsonl", s.schema, {}), "");
}

TEST(ResultWriterTest, Csv) {
  Sample s;
  EXPECT_EQ(Render("csv", s.schema, {s.batch}),
            "n,s,t,d,r,b,g,x\n"
            "1,plain,2026-04-18T10:00:00.123Z,01:30:00,2.5,true,0a1b2c3d-0000-4000-8000-abcdefabcdef,"
            "\"{\"\"a\"\":1,\"\"b\"\":[1,2.0]}\"\n"
            ",\"a,\"\"b\"\"\nc\",,,NaN,,,\n"
            "-42,bad\xEF\xBF\xBD\x01,1970-01-01T00:00:00Z,-00:00:00.0000001,-Infinity,false,,"
            "\"\"\"q\\\"\"s\"\"\"\n");
  Schema quoted{{"a,b", Type::Long}};
  EXPECT_EQ(Render("csv", quoted, {}), "\"a,b\"\n");
}

TEST(ResultWriterTest, Table) {
  Schema schema{{"Name", Type::String}, {"Count", Type::Long}, {"When", Type::DateTime}};
  Batch batch = MakeBatch({
      Col(Type::String,
          {Value::String("alpha"), Value::String("\xE6\xA0\xB8\xE5\xBF\x83"), Value::String("a\tb")}),
      Col(Type::Long, {Value::Long(5), Value::Long(12345), Value::Null(Type::Long)}),
      Col(Type::DateTime,
          {Value::DateTime(0), Value::Null(Type::DateTime), Value::DateTime(kTicksPerSecond / 2)}),
  });
  // 核心 is two wide characters: four columns. Numbers are right-aligned; nulls are blank.
  EXPECT_EQ(Render("table", schema, {batch}),
            "Name   Count  When\n"
            "-----  -----  ----------------------\n"
            "alpha      5  1970-01-01T00:00:00Z\n"
            "\xE6\xA0\xB8\xE5\xBF\x83   12345\n"
            "a\\tb          1970-01-01T00:00:00.5Z\n");
}

TEST(ResultWriterTest, TableTruncatesLongCells) {
  Schema schema{{"s", Type::String}};
  Batch batch = MakeBatch({Col(Type::String, {Value::String(std::string(100, 'x'))})});
  EXPECT_EQ(Render("table", schema, {batch}),
            "s\n" + std::string(80, '-') + "\n" + std::string(79, 'x') + "\xE2\x80\xA6\n");
}

TEST(ResultWriterTest, UnknownFormatThrows) {
  EXPECT_THROW(MakeResultWriter("xml", stdout), std::invalid_argument);
  EXPECT_THROW(MakeResultWriter("JSON", stdout), std::invalid_argument);
}

}  // namespace
}  // namespace iochound
