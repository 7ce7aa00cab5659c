// ipv4_compare/ipv4_is_match, geo_info_from_ip_address, the bitwise functions, rand, parse_url,
// parse_urlquery, extractjson and ingestion_time, checked against the examples of Kusto's documentation.
#include <gtest/gtest.h>

#include "function_test_util.h"

namespace iochound {
namespace {

using testing::Call;
using testing::Str;

TEST(NetworkFunctions, Ipv4CompareAndMatchUseTheShortestPrefix) {
  // Kusto's examples: ipv4_compare('192.168.1.1', '192.168.1.255', 24) == 0.
  EXPECT_EQ(Call("ipv4_compare", {Str("192.168.1.1"), Str("192.168.1.255"), Value::Long(24)}).int_value(), 0);
  EXPECT_EQ(Call("ipv4_compare", {Str("192.168.1.1"), Str("192.168.1.255")}).int_value(), -1);
  EXPECT_EQ(Call("ipv4_compare", {Str("192.168.1.255"), Str("192.168.1.1")}).int_value(), 1);
  EXPECT_EQ(Call("ipv4_compare", {Str("192.168.1.1/24"), Str("192.168.1.255/24")}).int_value(), 0);
  EXPECT_TRUE(Call("ipv4_is_match", {Str("192.168.1.1/24"), Str("192.168.1.255")}).bool_value());
  EXPECT_FALSE(Call("ipv4_is_match", {Str("192.168.1.1"), Str("192.168.1.255")}).bool_value());
  EXPECT_TRUE(
      Call("ipv4_is_match", {Str("192.168.1.1"), Str("192.168.1.255"), Value::Long(24)}).bool_value());
  EXPECT_TRUE(Call("ipv4_is_match", {Str("not an ip"), Str("10.0.0.1")}).is_null());
  EXPECT_TRUE(Call("ipv4_compare", {Str("10.0.0.1"), Str("10.0.0.1"), Value::Long(33)}).is_null());
}

TEST(NetworkFunctions, GeoInfoIsNullWithoutAGeolocationDatabase) {
  Value v = Call("geo_info_from_ip_address", {Str("20.53.203.50")});
  EXPECT_EQ(v.type(), Type::Dynamic);
  EXPECT_TRUE(v.is_null());
}

TEST(BitwiseFunctions, MatchKustoExamples) {
  EXPECT_EQ(Call("binary_and", {Value::Long(6), Value::Long(3)}).int_value(), 2);
  EXPECT_EQ(Call("binary_or", {Value::Long(6), Value::Long(3)}).int_value(), 7);
  EXPECT_EQ(Call("binary_xor", {Value::Long(6), Value::Long(3)}).int_value(), 5);
  EXPECT_EQ(Call("binary_not", {Value::Long(100)}).int_value(), -101);
  EXPECT_EQ(Call("binary_shift_left", {Value::Long(1), Value::Long(2)}).int_value(), 4);
  EXPECT_EQ(Call("binary_shift_right", {Value::Long(8), Value::Long(3)}).int_value(), 1);
  EXPECT_EQ(Call("binary_shift_right", {Value::Long(-8), Value::Long(1)}).int_value(), -4);
  EXPECT_TRUE(Call("binary_shift_left", {Value::Long(1), Value::Long(64)}).is_null());
  EXPECT_TRUE(Call("binary_and", {Value::Null(Type::Long), Value::Long(1)}).is_null());
}

TEST(MathFunctions, RandStaysInItsRange) {
  for (int i = 0; i < 200; ++i) {
    double r = Call("rand", {}).real_value();
    EXPECT_GE(r, 0.0);
    EXPECT_LT(r, 1.0);
    int64_t n = Call("rand", {Value::Long(10)}).int_value();
    EXPECT_GE(n, 0);
    EXPECT_LT(n, 10);
  }
  EXPECT_TRUE(Call("rand", {Value::Long(0)}).is_null());
}

TEST(UrlFunctions, ParseUrlSplitsEveryPart) {
  Value v =
      Call("parse_url", {Str("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")});
  EXPECT_EQ(
      v.dynamic_value().ToJson(),
      R"({"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username",)"
      R"("Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"})");
  Value bare = Call("parse_url", {Str("https://bing.com")});
  EXPECT_EQ(bare.dynamic_value().Find("Host")->string_value(), "bing.com");
  EXPECT_EQ(bare.dynamic_value().Find("Path")->string_value(), "");
  Value relative = Call("parse_url", {Str("bing.com/x")});
  EXPECT_EQ(relative.dynamic_value().Find("Host")->string_value(), "");
}

TEST(UrlFunctions, ParseUrlQueryDecodesValues) {
  Value v = Call("parse_urlquery", {Str("k1=v1&k2=v2&k3=v%203")});
  EXPECT_EQ(v.dynamic_value().ToJson(), R"({"Query Parameters":{"k1":"v1","k2":"v2","k3":"v 3"}})");
}

TEST(JsonPathFunctions, ExtractJsonSelectsMembersAndIndexes) {
  std::string json = R"({"Employees":[{"Name":"John","Age":35}],"x":{"y z":"w"}})";
  EXPECT_EQ(Call("extractjson", {Str("$.Employees[0].Name"), Str(json)}).string_value(), "John");
  EXPECT_EQ(Call("extractjson", {Str("$.x['y z']"), Str(json)}).string_value(), "w");
  EXPECT_EQ(Call("extractjson", {Str("$.Employees[0]"), Str(json)}).string_value(),
            R"({"Name":"John","Age":35})");
  Value age = Call("extractjson", {Str("$.Employees[0].Age"), Str(json), Str("long")});
  ASSERT_EQ(age.type(), Type::Long);
  EXPECT_EQ(age.int_value(), 35);
  EXPECT_EQ(Call("extractjson", {Str("$.missing"), Str(json)}).string_value(), "");
  EXPECT_EQ(Call("extractjson", {Str("$.a"), Str("not json")}).string_value(), "");
  EXPECT_THROW(Call("extractjson", {Str("Employees"), Str(json)}), QueryError);
}

TEST(NetworkFunctions, HasIpv4FindsWholeAddressesAndPrefixes) {
  // Kusto's examples: has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1') is true, an
  // address inside a longer token is not.
  EXPECT_TRUE(
      Call("has_ipv4", {Str("05:04:54 127.0.0.1 GET /favicon.ico 404"), Str("127.0.0.1")}).bool_value());
  EXPECT_FALSE(Call("has_ipv4", {Str("05:04:54127.0.0.1 GET"), Str("127.0.0.1")}).bool_value());
  EXPECT_TRUE(Call("has_ipv4_prefix", {Str("x 127.0.0.1 y"), Str("127.0.")}).bool_value());
  EXPECT_FALSE(Call("has_ipv4_prefix", {Str("x 127.0.0.1 y"), Str("127.0")}).bool_value());
  EXPECT_TRUE(
      Call("has_any_ipv4", {Str("a 10.0.0.1, 8.8.8.8"), Str("1.1.1.1"), Str("8.8.8.8")}).bool_value());
  Value prefixes = Value::Dyn(*Dynamic::ParseJson(R"(["172.16.", "192.168."])"));
  EXPECT_TRUE(Call("has_any_ipv4_prefix", {Str("192.168.4.20,20.9.9.9"), prefixes}).bool_value());
  EXPECT_FALSE(Call("has_any_ipv4_prefix", {Str("10.1.1.1"), prefixes}).bool_value());
}

TEST(TextParsingFunctions, ParseCommandLineFollowsWindowsRules) {
  // Kusto's example: parse_command_line('echo \"hello world!\" print$?', "windows").
  EXPECT_EQ(Call("parse_command_line", {Str(R"(echo "hello world!" print$?)"), Str("windows")})
                .dynamic_value()
                .ToJson(),
            R"(["echo","hello world!","print$?"])");
  EXPECT_EQ(
      Call("parse_command_line", {Str(R"("C:\Program Files\a.exe" -x a\\\"b c\\"d e")"), Str("windows")})
          .dynamic_value()
          .ToJson(),
      R"(["C:\\Program Files\\a.exe","-x","a\\\"b","c\\d e"])");
  EXPECT_EQ(Call("parse_command_line", {Str(""), Str("windows")}).dynamic_value().ToJson(), "[]");
  EXPECT_THROW(Call("parse_command_line", {Str("a b"), Str("linux")}), QueryError);
}

TEST(TextParsingFunctions, ParseCsvSplitsOneRecord) {
  // Kusto's examples: parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"').
  EXPECT_EQ(Call("parse_csv", {Str("aa,\"b,b,b\",cc,\"Escaping quotes: \"\"Title\"\"\",\"line1\nline2\"")})
                .dynamic_value()
                .ToJson(),
            R"(["aa","b,b,b","cc","Escaping quotes: \"Title\"","line1\nline2"])");
  EXPECT_EQ(Call("parse_csv", {Str("")}).dynamic_value().ToJson(), R"([""])");
}

TEST(DateTimeFunctions, IngestionTimeIsNullForLocalFiles) {
  Value v = Call("ingestion_time", {});
  EXPECT_EQ(v.type(), Type::DateTime);
  EXPECT_TRUE(v.is_null());
}

}  // namespace
}  // namespace iochound
