// Value texts, checked against how Windows renders the same values in event XML.
#include "decoders/evtx/evtx_values.h"

#include <gtest/gtest.h>

#include <vector>

namespace iochound::evtx {
namespace {

std::string Text(uint8_t type, std::vector<uint8_t> bytes) {
  std::string out;
  AppendValueText(out, type, bytes);
  return out;
}

std::vector<uint8_t> Utf16(std::u16string_view s) {
  std::vector<uint8_t> out;
  for (char16_t c : s) {
    out.push_back(static_cast<uint8_t>(c & 0xff));
    out.push_back(static_cast<uint8_t>(c >> 8));
  }
  return out;
}

TEST(EvtxValuesTest, StringsDropTheirTerminatorAndBecomeUtf8) {
  EXPECT_EQ(Text(kStringType, Utf16(u"wpad\0")), "wpad");
  EXPECT_EQ(Text(kStringType, Utf16(u"Microsoft\u00ae \U0001F600")), "Microsoft\u00ae \U0001F600");
  EXPECT_EQ(Text(kStringType, Utf16(u"a\xd800z")), "a\uFFFDz");  // unpaired surrogate
  EXPECT_EQ(Text(kAnsiStringType, {'c', 'm', 'd', 0xe9, 0}), "cmd\u00e9");
}

TEST(EvtxValuesTest, Integers) {
  EXPECT_EQ(Text(kInt8Type, {0xff}), "-1");
  EXPECT_EQ(Text(kUInt8Type, {0xff}), "255");
  EXPECT_EQ(Text(kUInt16Type, {0x2b, 0x23}), "9003");
  EXPECT_EQ(Text(kInt32Type, {0xfe, 0xff, 0xff, 0xff}), "-2");
  EXPECT_EQ(Text(kUInt64Type, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), "18446744073709551615");
  EXPECT_EQ(Text(kHexInt32Type, {0x6d, 0x00, 0x00, 0xc0}), "0xc000006d");
  EXPECT_EQ(Text(kHexInt64Type, {0, 0, 0, 0, 0, 0, 0, 0x80}), "0x8000000000000000");
  EXPECT_EQ(Text(kSizeTType, {0x4c, 0x1a, 0, 0, 0, 0, 0, 0}), "0x1a4c");
  EXPECT_EQ(Text(kBoolType, {1, 0, 0, 0}), "true");
  EXPECT_EQ(Text(kBoolType, {0, 0, 0, 0}), "false");
  EXPECT_EQ(Text(kReal64Type, {0, 0, 0, 0, 0, 0, 0xf8, 0x3f}), "1.5");
}

TEST(EvtxValuesTest, GuidSidBinary) {
  EXPECT_EQ(Text(kGuidType, {0x5f, 0x38, 0x70, 0x57, 0x2a, 0xc2, 0xe0, 0x43, 0xbf, 0x4c, 0x06, 0xf5, 0x69,
                             0x8f, 0xfb, 0xd9}),
            "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}");
  EXPECT_EQ(Text(kSidType, {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}), "S-1-5-18");
  EXPECT_EQ(Text(kSidType, {1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0}), "S-1-5-32-544");
  EXPECT_EQ(Text(kSidType, {1, 5, 0, 0, 0, 0, 0, 5}), "0105000000000005");  // sub-authorities missing
  EXPECT_EQ(Text(kBinaryType, {0xd9, 0x06, 0x00, 0x00}), "D9060000");
  EXPECT_EQ(Text(kGuidType, {1, 2, 3}), "010203");  // too short for its type
}

TEST(EvtxValuesTest, Times) {
  // 2019-03-19T17:05:20.2637658Z as a FILETIME.
  uint64_t ft = 131974887202637658ULL;
  std::vector<uint8_t> bytes(8);
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(ft >> (8 * i));
  EXPECT_EQ(Text(kFileTimeType, bytes), "2019-03-19T17:05:20.2637658Z");
  EXPECT_EQ(Text(kFileTimeType, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), "18446744073709551615");
  // SYSTEMTIME 2021-02-03 (Wednesday) 04:05:06.789
  EXPECT_EQ(Text(kSysTimeType, {0xe5, 0x07, 2, 0, 3, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0x15, 0x03}),
            "2021-02-03T04:05:06.7890000Z");
}

TEST(EvtxValuesTest, ArraysSplitIntoItems) {
  std::vector<std::span<const uint8_t>> items;
  std::vector<uint8_t> strings = Utf16(std::u16string_view(u"ab\0\0c\0", 6));
  SplitArray(kStringType | kArrayFlag, strings, items);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(Text(kStringType, {items[0].begin(), items[0].end()}), "ab");
  EXPECT_EQ(Text(kStringType, {items[1].begin(), items[1].end()}), "");
  EXPECT_EQ(Text(kStringType, {items[2].begin(), items[2].end()}), "c");
  std::vector<uint8_t> ints = {1, 0, 0, 0, 2, 0, 0, 0, 3};  // a trailing partial item is dropped
  SplitArray(kUInt32Type | kArrayFlag, ints, items);
  EXPECT_EQ(items.size(), 2u);
}

}  // namespace
}  // namespace iochound::evtx
