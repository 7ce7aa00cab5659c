#include "normalizers/value_conversion.h"

#include <gtest/gtest.h>

#include "normalizers/export_datetime.h"
#include "types/datetime.h"

namespace iochound {
namespace {

RawValue String(std::string_view text) {
  return RawValue{RawValue::Kind::kString, text};
}
RawValue Number(std::string_view text) {
  return RawValue{RawValue::Kind::kNumber, text};
}

// Converts one value; returns the column's row 0 as a Value and whether it converted.
std::pair<Value, bool> Convert(Type type, const RawValue& raw) {
  Column column(type);
  bool ok = AppendConverted(column, raw);
  return {column.ValueAt(0), ok};
}

int64_t Ticks(int year, int month, int day, int hour, int minute, int second, int64_t fraction = 0) {
  return DaysFromCivil(year, month, day) * kTicksPerDay + hour * kTicksPerHour + minute * kTicksPerMinute +
         second * kTicksPerSecond + fraction;
}

TEST(ValueConversionTest, DatetimesWithOffsetsAndFractionDigits) {
  const int64_t ten = Ticks(2026, 4, 18, 10, 0, 0);
  EXPECT_EQ(Convert(Type::DateTime, String("2026-04-18T10:00:00Z")).first.int_value(), ten);
  EXPECT_EQ(Convert(Type::DateTime, String("2026-04-18T12:00:00+02:00")).first.int_value(), ten);
  EXPECT_EQ(Convert(Type::DateTime, String("2026-04-18T05:30:00-04:30")).first.int_value(), ten);
  EXPECT_EQ(Convert(Type::DateTime, String("2026-04-18T10:00:00.1234567Z")).first.int_value(), ten + 1234567);
  EXPECT_EQ(Convert(Type::DateTime, String("2026-04-18T10:00:00.1Z")).first.int_value(), ten + 1000000);
  EXPECT_EQ(Convert(Type::DateTime, String("4/18/2026, 10:00:00.000 AM")).first.int_value(), ten);
  EXPECT_EQ(Convert(Type::DateTime, String("4/18/2026, 12:30:00 AM")).first.int_value(),
            Ticks(2026, 4, 18, 0, 30, 0));
  EXPECT_FALSE(Convert(Type::DateTime, String("2/30/2026, 1:00:00 PM")).second);
  EXPECT_FALSE(Convert(Type::DateTime, Number("1713434400")).second);
}

TEST(ValueConversionTest, IntegersBooleansAndReals) {
  EXPECT_EQ(Convert(Type::Int, String("42")).first.int_value(), 42);
  EXPECT_EQ(Convert(Type::Int, Number("-7")).first.int_value(), -7);
  EXPECT_FALSE(Convert(Type::Int, String("4.5")).second);
  EXPECT_FALSE(Convert(Type::Int, Number("2147483648")).second);
  EXPECT_EQ(Convert(Type::Long, Number("9007199254740993")).first.int_value(), 9007199254740993);
  EXPECT_EQ(Convert(Type::Real, String("47.6062")).first.real_value(), 47.6062);
  EXPECT_EQ(Convert(Type::Real, Number("1e3")).first.real_value(), 1000.0);
  EXPECT_TRUE(Convert(Type::Bool, String("True")).first.bool_value());
  EXPECT_FALSE(Convert(Type::Bool, String("FALSE")).first.bool_value());
  EXPECT_TRUE(Convert(Type::Bool, RawValue{RawValue::Kind::kBool, "true"}).first.bool_value());
  EXPECT_FALSE(Convert(Type::Bool, String("yes")).second);
}

TEST(ValueConversionTest, EmptyAndNullValues) {
  auto [empty_int, ok] = Convert(Type::Int, String(""));
  EXPECT_TRUE(ok);
  EXPECT_TRUE(empty_int.is_null());
  EXPECT_TRUE(Convert(Type::DateTime, RawValue{}).first.is_null());
  auto [empty_string, string_ok] = Convert(Type::String, RawValue{});
  EXPECT_TRUE(string_ok);
  EXPECT_EQ(empty_string.string_value(), "");
}

TEST(ValueConversionTest, GuidsAreValidatedAndLowercased) {
  EXPECT_EQ(Convert(Type::Guid, String("6F1A9C2E-0B4D-4E8A-9F3C-2D7E5A1B8C40")).first.string_value(),
            "6f1a9c2e-0b4d-4e8a-9f3c-2d7e5a1b8c40");
  EXPECT_FALSE(Convert(Type::Guid, String("6f1a9c2e-0b4d-4e8a-9f3c")).second);
}

TEST(ValueConversionTest, DynamicTakesJsonTextAndKeepsOtherStrings) {
  EXPECT_EQ(Convert(Type::Dynamic, String(R"({"a":[1,2]})")).first.dynamic_value().ToJson(),
            R"({"a":[1,2]})");
  EXPECT_EQ(
      Convert(Type::Dynamic, RawValue{RawValue::Kind::kJson, R"([ 1, "x" ])"}).first.dynamic_value().ToJson(),
      R"([1,"x"])");
  Value text = Convert(Type::Dynamic, String("plain")).first;
  EXPECT_EQ(text.dynamic_value().kind(), Dynamic::Kind::String);
  EXPECT_EQ(text.dynamic_value().string_value(), "plain");
  EXPECT_EQ(Convert(Type::Dynamic, Number("5")).first.dynamic_value().kind(), Dynamic::Kind::Long);
  // A JSON value landing in a string column is its compact text.
  EXPECT_EQ(Convert(Type::String, RawValue{RawValue::Kind::kJson, R"({ "a" : 1 })"}).first.string_value(),
            R"({"a":1})");
}

TEST(ExportDateTimeTest, InferenceTakesOnlyDatetimeShapedText) {
  EXPECT_TRUE(IsExportDateTime("2026-04-18T10:00:00Z"));
  EXPECT_TRUE(IsExportDateTime("2026-04-18 10:00:00.1234567"));
  EXPECT_TRUE(IsExportDateTime("4/18/2026, 10:00:00.000 PM"));
  EXPECT_FALSE(IsExportDateTime("20260418"));
  EXPECT_FALSE(IsExportDateTime("1/2"));
  EXPECT_FALSE(IsExportDateTime("Sat"));
}

}  // namespace
}  // namespace iochound
