#include "types/dynamic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "types/datetime.h"

namespace iochound {
namespace {

std::string Json(std::string_view text) {
  auto d = Dynamic::ParseJson(text);
  return d ? d->ToJson() : "<invalid>";
}

std::string Real(double v) {
  std::string out;
  AppendJsonReal(out, v);
  return out;
}

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

TEST(DynamicTest, ParsesScalarsAndKinds) {
  EXPECT_EQ(Dynamic::ParseJson("1")->kind(), Dynamic::Kind::Long);
  EXPECT_EQ(Dynamic::ParseJson("-9223372036854775808")->int_value(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Dynamic::ParseJson("1.0")->kind(), Dynamic::Kind::Real);
  EXPECT_EQ(Dynamic::ParseJson("1e3")->kind(), Dynamic::Kind::Real);
  // Integers beyond int64 become reals (Kusto: 9223372036854775808 is a double).
  auto big = Dynamic::ParseJson("9223372036854775808");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->kind(), Dynamic::Kind::Real);
  EXPECT_DOUBLE_EQ(big->real_value(), 9223372036854775808.0);
  auto huge = Dynamic::ParseJson("123456789012345678901234567890");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->kind(), Dynamic::Kind::Real);
  EXPECT_DOUBLE_EQ(huge->real_value(), 1.2345678901234568e29);
  EXPECT_EQ(Dynamic::ParseJson("true")->bool_value(), true);
  EXPECT_TRUE(Dynamic::ParseJson("null")->is_null());
  EXPECT_EQ(Dynamic::ParseJson(" \"a\\u00e9\\n\" ")->string_value(), "a\xC3\xA9\n");
}

TEST(DynamicTest, RejectsInvalidJson) {
  for (const char* bad :
       {"", "[1,2", "{\"a\":}", "1 2", "tru", "{a:1}", "[1,]", "\"\\x\"", "\xFF", "-", "01"}) {
    EXPECT_FALSE(Dynamic::ParseJson(bad)) << bad;
  }
}

TEST(DynamicTest, KeepsMemberOrderAndMergesDuplicateKeys) {
  EXPECT_EQ(Json(R"({"b":1,"a":[1,2,{"z":null,"y":true}],"c":"x"})"),
            R"({"b":1,"a":[1,2,{"z":null,"y":true}],"c":"x"})");
  EXPECT_EQ(Json(R"({"a":1,"b":2,"a":3})"), R"({"a":3,"b":2})");
  EXPECT_EQ(Json(R"( { } )"), "{}");
  EXPECT_EQ(Json("[]"), "[]");
}

TEST(DynamicTest, FindsMembers) {
  auto d = *Dynamic::ParseJson(R"({"a":{"b":5}})");
  ASSERT_NE(d.Find("a"), nullptr);
  EXPECT_EQ(d.Find("a")->Find("b")->int_value(), 5);
  EXPECT_EQ(d.Find("A"), nullptr);
  EXPECT_EQ(Dynamic::MakeLong(1).Find("a"), nullptr);
}

TEST(DynamicTest, RendersRealsAsKusto) {
  // Verdicts: make_list of reals shows 1.5, 5.0, 10.5; doubles at the limits 1.7976931348623157E+308 and
  // 5E-324; tostring(100000000000.0) is 100000000000.0; parse_json 0.0000001 reads back as 1E-07.
  EXPECT_EQ(Real(1.5), "1.5");
  EXPECT_EQ(Real(5.0), "5.0");
  EXPECT_EQ(Real(0.0), "0.0");
  EXPECT_EQ(Real(-2.5), "-2.5");
  EXPECT_EQ(Real(100000000000.0), "100000000000.0");
  EXPECT_EQ(Real(123456789012345.0), "123456789012345.0");
  EXPECT_EQ(Real(1e15), "1E+15");
  EXPECT_EQ(Real(1e20), "1E+20");
  EXPECT_EQ(Real(9223372036854775807.0), "9.223372036854776E+18");
  EXPECT_EQ(Real(1.7976931348623157e308), "1.7976931348623157E+308");
  EXPECT_EQ(Real(5e-324), "5E-324");
  EXPECT_EQ(Real(0.0000001), "1E-07");
  EXPECT_EQ(Real(0.0001), "0.0001");
  EXPECT_EQ(Real(0.00001), "1E-05");
  EXPECT_EQ(Real(0.025), "0.025");
  EXPECT_EQ(Real(7.0710678118654755), "7.0710678118654755");
  EXPECT_EQ(Real(std::nan("")), "\"NaN\"");
  EXPECT_EQ(Real(std::numeric_limits<double>::infinity()), "\"Infinity\"");
  EXPECT_EQ(Real(-std::numeric_limits<double>::infinity()), "\"-Infinity\"");
}

TEST(DynamicTest, RendersTypedScalarsAsKustoText) {
  Dynamic::Object members;
  members.emplace_back("t", Dynamic::MakeDateTime(*ParseDateTime("2020-01-01")));
  members.emplace_back("s", Dynamic::MakeTimeSpan(kTicksPerHour));
  members.emplace_back("g", Dynamic::MakeGuid("0A1B2C3D-0000-4000-8000-ABCDEFABCDEF"));
  members.emplace_back("r", Dynamic::MakeReal(2.0));
  members.emplace_back("l", Dynamic::MakeArray({Dynamic::MakeLong(1), Dynamic(), Dynamic::MakeBool(false)}));
  EXPECT_EQ(
      Dynamic::MakeObject(std::move(members)).ToJson(),
      R"({"t":"2020-01-01T00:00:00.0000000Z","s":"01:00:00","g":"0a1b2c3d-0000-4000-8000-abcdefabcdef",)"
      R"("r":2.0,"l":[1,null,false]})");
}

TEST(DynamicTest, EscapesStringsIntoValidJson) {
  EXPECT_EQ(Str("plain"), "\"plain\"");
  EXPECT_EQ(Str("q\"b\\n\n\r\t\b\f"), R"("q\"b\\n\n\r\t\b\f")");
  EXPECT_EQ(Str(std::string_view("\x01\x1f\0", 3)), R"("\u0001\u001f\u0000")");
  EXPECT_EQ(Str("caf\xC3\xA9 \xF0\x9F\x98\x80"), "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
  // Invalid UTF-8 (a lone continuation, a truncated sequence, an overlong, a surrogate) becomes U+FFFD.
  EXPECT_EQ(Str("a\x80z"), "\"a\xEF\xBF\xBDz\"");
  EXPECT_EQ(Str("a\xC3"), "\"a\xEF\xBF\xBD\"");
  EXPECT_EQ(Str("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(Str("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(Json(R"(["<tag>","é","\u2028"])"), "[\"<tag>\",\"\xC3\xA9\",\"\xE2\x80\xA8\"]");
}

TEST(DynamicTest, DeepEquality) {
  EXPECT_EQ(*Dynamic::ParseJson(R"({"a":[1,{"b":2}],"c":3})"),
            *Dynamic::ParseJson(R"({"c":3,"a":[1,{"b":2}]})"));
  EXPECT_FALSE(*Dynamic::ParseJson(R"({"a":[1,2]})") == *Dynamic::ParseJson(R"({"a":[2,1]})"));
  EXPECT_FALSE(*Dynamic::ParseJson("1") == *Dynamic::ParseJson("1.0"));
  EXPECT_FALSE(*Dynamic::ParseJson(R"({"a":1})") == *Dynamic::ParseJson(R"({"a":1,"b":1})"));
  EXPECT_EQ(Dynamic(), Dynamic());
  EXPECT_FALSE(Dynamic() == Dynamic::MakeString(""));
}

TEST(DynamicTest, CopyOnWrite) {
  Dynamic a = *Dynamic::ParseJson("[1,2]");
  Dynamic b = a;
  b.mutable_array().push_back(Dynamic::MakeLong(3));
  EXPECT_EQ(a.ToJson(), "[1,2]");
  EXPECT_EQ(b.ToJson(), "[1,2,3]");
  Dynamic o = *Dynamic::ParseJson(R"({"k":1})");
  Dynamic p = o;
  p.mutable_object()[0].second = Dynamic::MakeString("v");
  EXPECT_EQ(o.ToJson(), R"({"k":1})");
  EXPECT_EQ(p.ToJson(), R"({"k":"v"})");
  EXPECT_THROW(Dynamic::MakeLong(1).mutable_array(), std::logic_error);
  EXPECT_TRUE(Dynamic::MakeLong(1).array().empty());
}

TEST(DynamicTest, RejectsPathologicalNesting) {
  std::string deep(100000, '[');
  EXPECT_FALSE(Dynamic::ParseJson(deep));
  std::string ok = std::string(100, '[') + std::string(100, ']');
  EXPECT_TRUE(Dynamic::ParseJson(ok));
}

}  // namespace
}  // namespace iochound
