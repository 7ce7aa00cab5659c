#include "function_test_util.h"

namespace iochound::testing {
namespace {

std::string S(std::string_view name, const std::vector<Value>& args) {
  return Call(name, args).string_value();
}

TEST(StringFunctions, LengthsCountCodePoints) {
  // string-ops-0011/0004 (second file).
  EXPECT_EQ(Call("strlen", {Str("😀😀")}).int_value(), 2);
  EXPECT_EQ(Call("strlen", {Str("👨‍👩‍👧")}).int_value(), 5);
  EXPECT_EQ(Call("string_size", {Str("😀😀")}).int_value(), 8);
  EXPECT_EQ(S("substring", {Str("a😀b"), Value::Long(1), Value::Long(1)}), "😀");
  EXPECT_EQ(Call("indexof", {Str("café"), Str("é")}).int_value(), 3);
  EXPECT_EQ(S("reverse", {Str("𝓗ello")}), "olle𝓗");
}

TEST(StringFunctions, Substring) {
  // string-ops-0017/0023/0024/0025, null-and-edge-0036/0039.
  EXPECT_EQ(S("substring", {Str("hello"), Value::Long(1), Value::Long(3)}), "ell");
  EXPECT_EQ(S("substring", {Str("hello"), Value::Long(-2), Value::Long(2)}), "lo");
  EXPECT_EQ(S("substring", {Str("hello"), Value::Long(-100), Value::Long(3)}), "");
  EXPECT_EQ(S("substring", {Str("xy"), Value::Long(-2)}), "xy");
  EXPECT_EQ(S("substring", {Str("abc"), Value::Long(5), Value::Long(3)}), "");
  EXPECT_EQ(S("substring", {Str("abc"), Value::Long(-2), Value::Long(5)}), "bc");
  EXPECT_EQ(S("substring", {Str("xy"), Value::Long(-1), Value::Long(0)}), "");
}

TEST(StringFunctions, CaseMapping) {
  // string-ops-0005/0022/0041 (second file): full-width and Cyrillic letters map; ß stays.
  EXPECT_EQ(S("tolower", {Str("ＡＢＣ")}), "ａｂｃ");
  EXPECT_EQ(S("toupper", {Str("naïveté")}), "NAÏVETÉ");
  EXPECT_EQ(S("tolower", {Str("MixedСyrillic")}), "mixedсyrillic");
  EXPECT_EQ(S("toupper", {Str("straße")}), "STRAßE");
}

TEST(StringFunctions, Concatenation) {
  // string-ops-0028 (both files), null-and-edge-0037.
  EXPECT_EQ(S("strcat", {Str("a"), Str("-"), Value::Long(1), Str("-"), Value::Bool(true)}), "a-1-True");
  EXPECT_EQ(S("strcat_delim", {Str(":"), Str("Hello"), Value::Long(5)}), "Hello:5");
  EXPECT_EQ(S("strcat_array", {Json("[1,null,3]"), Str("-")}), "1--3");
  EXPECT_EQ(S("strcat_array", {Json("[]"), Str(",")}), "");
}

TEST(StringFunctions, IndexOfAndCountOf) {
  // string-ops-0014/0024/0025, null-and-edge-0036.
  EXPECT_EQ(Call("indexof", {Str("abcabcabc"), Str("a"), Value::Long(2)}).int_value(), 3);
  EXPECT_EQ(Call("indexof", {Str("xyz"), Str("a")}).int_value(), -1);
  EXPECT_TRUE(Call("indexof", {Str("abc"), Str("")}).is_null());
  EXPECT_EQ(Call("countof", {Str("hello world hello"), Str("hello")}).int_value(), 2);
  EXPECT_EQ(Call("countof", {Str("hello world hello"), Str("l+"), Str("regex")}).int_value(), 3);
  EXPECT_EQ(Call("countof", {Str("abcABCabc"), Str("[a-z]"), Str("regex")}).int_value(), 6);
}

TEST(StringFunctions, ReplaceAndSplit) {
  // string-ops-0019/0030, string-ops-0019/0021/0023 (split), null-and-edge-0037.
  EXPECT_EQ(S("replace_string", {Str("abcabc"), Str("a"), Str("XY")}), "XYbcXYbc");
  EXPECT_EQ(S("replace_string", {Str("abc"), Str(""), Str("_")}), "abc");
  EXPECT_EQ(JsonText(Call("split", {Str("a,,b"), Str(",")})), "[\"a\",\"\",\"b\"]");
  EXPECT_EQ(JsonText(Call("split", {Str(""), Str(",")})), "[\"\"]");
  EXPECT_EQ(JsonText(Call("split", {Str("a=b=c"), Str("="), Value::Long(1)})), "[\"b\"]");
  EXPECT_TRUE(Call("split", {Str("noequals"), Str("="), Value::Long(1)}).is_null());
}

TEST(StringFunctions, Regex) {
  // string-ops-0013/0020/0021/0031/0032 (both files).
  EXPECT_EQ(S("extract", {Str(R"((\d+)-(\d+))"), Value::Long(2), Str("2020-12-31T10")}), "12");
  EXPECT_EQ(S("extract", {Str(R"((\d+))"), Value::Long(0), Str("42-and-7")}), "42");
  EXPECT_EQ(S("extract", {Str(R"(key:.?(\w+))"), Value::Long(1), Str("key:val")}), "al");
  EXPECT_EQ(S("extract", {Str(R"((\d+)%)"), Value::Long(1), Str("%start")}), "");
  EXPECT_EQ(JsonText(Call("extract_all", {Str(R"(([a-z])(\d))"), Str("a1 b2")})),
            "[[\"a\",\"1\"],[\"b\",\"2\"]]");
  EXPECT_EQ(JsonText(Call("extract_all", {Str(R"((a)(b)?)"), Str("aaa")})),
            "[[\"a\",\"\"],[\"a\",\"\"],[\"a\",\"\"]]");
  EXPECT_TRUE(Call("extract_all", {Str(R"((\d+))"), Str("nope")}).is_null());
  EXPECT_EQ(JsonText(Call("extract_all", {Str(R"((\d)(\d))"), Json("[1]"), Str("2020")})), "[\"2\",\"2\"]");
  EXPECT_THROW(BindType("extract_all", {Str("a"), Str("aaa")}), QueryError);
  EXPECT_EQ(S("replace_regex", {Str("one two  three"), Str(R"(\s+)"), Str("-")}), "one-two-three");
  EXPECT_EQ(S("replace_regex", {Str("wordword"), Str(R"((\w)(\w))"), Str(R"(\2\1)")}), "owdrowdr");
  EXPECT_THROW(BindType("extract", {Str("(unclosed"), Value::Long(1), Str("x")}), QueryError);
}

TEST(StringFunctions, TrimRemovesOneMatchPerSide) {
  // string-ops-0023/0026 (first), string-ops-0024 (second file).
  EXPECT_EQ(S("trim", {Str("y"), Str("yyy")}), "y");
  EXPECT_EQ(S("trim", {Str(R"(\s)"), Str("  pad  ")}), " pad ");
  EXPECT_EQ(S("trim_start", {Str("x"), Str("xxabcxx")}), "xabcxx");
  EXPECT_EQ(S("trim_end", {Str(" "), Str("trailing   ")}), "trailing  ");
  EXPECT_EQ(S("trim", {Str(R"(\s+)"), Str("  a  ")}), "a");
}

TEST(StringFunctions, Misc) {
  // null-and-edge-0022 (strrep).
  EXPECT_EQ(Call("strlen", {Call("strrep", {Str("abc"), Value::Long(1000)})}).int_value(), 3000);
  EXPECT_EQ(S("strrep", {Str("ab"), Value::Long(3), Str(",")}), "ab,ab,ab");
  EXPECT_EQ(S("translate", {Str("abc"), Str("x"), Str("abcd")}), "xxxd");
  EXPECT_EQ(S("base64_encode_tostring", {Str("Kusto")}), "S3VzdG8=");
  EXPECT_EQ(S("base64_decode_tostring", {Str("S3VzdG8=")}), "Kusto");
  EXPECT_EQ(S("url_decode", {Str("a%20b+c")}), "a b c");
}

TEST(StringFunctions, Ipv4) {
  EXPECT_TRUE(Call("ipv4_is_private", {Str("192.168.1.1")}).bool_value());
  EXPECT_FALSE(Call("ipv4_is_private", {Str("8.8.8.8")}).bool_value());
  EXPECT_TRUE(Call("ipv4_is_private", {Str("not an ip")}).is_null());
  EXPECT_TRUE(Call("ipv4_is_in_range", {Str("10.1.2.3"), Str("10.0.0.0/8")}).bool_value());
  EXPECT_EQ(Call("parse_ipv4", {Str("127.0.0.1")}).int_value(), 2130706433);
  EXPECT_EQ(S("format_ipv4", {Value::Long(2130706433)}), "127.0.0.1");
}

}  // namespace
}  // namespace iochound::testing
