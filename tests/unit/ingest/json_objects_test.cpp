// JsonObjects read in windows of whole lines (as the Windows JSON readers stream their input) finds
// exactly what it finds over the whole text: the same objects, problems, lines and offsets, for
// every window size, over JSON Lines, pretty-printed objects with evtx_dump banners, arrays, and
// damage (stray values, truncated objects, braces and quotes inside strings).
#include "decoders/json_objects.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace iochound {
namespace {

std::string Describe(const JsonObjects::Object& object, const std::string& problem) {
  return std::to_string(object.line) + ":" + std::to_string(object.offset) + ":" + std::string(object.text) +
         "|" + problem;
}

std::vector<std::string> Whole(const std::string& text) {
  std::vector<std::string> out;
  JsonObjects objects(text);
  JsonObjects::Object object;
  std::string problem;
  while (objects.Next(object, problem)) out.push_back(Describe(object, problem));
  return out;
}

// What the reader does: each window is the whole lines after what was consumed, `chunk` more bytes
// read each time; the last window is all that is left.
std::vector<std::string> Streamed(const std::string& text, size_t chunk) {
  std::vector<std::string> out;
  JsonObjects objects({});
  objects.SetMoreFollows(true);
  size_t start = 0, read = 0;
  bool last = false;
  JsonObjects::Object object;
  std::string problem;
  for (;;) {
    while (!objects.Next(object, problem)) {
      if (last) return out;
      start += objects.consumed();
      std::string_view window;
      size_t newline = std::string_view::npos;
      bool more = true;
      do {
        read = std::min(text.size(), read + chunk);
        more = read < text.size();
        window = std::string_view(text).substr(start, read - start);
        newline = window.rfind('\n');
      } while (more && newline == std::string_view::npos);
      last = !more;
      objects.Continue(more ? window.substr(0, newline + 1) : window, more);
    }
    out.push_back(Describe(object, problem));
  }
}

void ExpectSameInAnyWindows(const std::string& text) {
  std::vector<std::string> whole = Whole(text);
  ASSERT_FALSE(whole.empty());
  for (size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
    ASSERT_EQ(Streamed(text, chunk), whole) << "windows of " << chunk << " bytes over:\n" << text;
  }
}

TEST(JsonObjectsTest, JsonLinesWithDamageSplitTheSameInAnyWindows) {
  ExpectSameInAnyWindows(
      "{\"a\":1}\n"
      "\n"
      "{\"b\":\"}{\\\"\",\"c\":[1,{\"d\":2}]}\r\n"
      "42\n"
      "{\"e\":\"truncated\n"
      "{\"f\":3}\n"
      "{\"g\":4");
}

TEST(JsonObjectsTest, PrettyObjectsWithBannersSplitTheSameInAnyWindows) {
  ExpectSameInAnyWindows(
      "Record 1\n"
      "{\n"
      "  \"Event\": {\n"
      "    \"EventData\": {\"CommandLine\": \"cmd /c \\\"{x}\\\"\"}\n"
      "  }\n"
      "}\n"
      "Record 2\n"
      "oops, not JSON\n"
      "  still the bad record\n"
      "{\n"
      "  \"Event\": 2\n"
      "}\n"
      "Record 3\n"
      "{\n"
      "  \"Event\": [3,\n");
}

TEST(JsonObjectsTest, ArraysSplitTheSameInAnyWindows) {
  ExpectSameInAnyWindows("[\n  {\"a\": 1},\n  {\"b\": [2, 3]},\n  {\"c\": {\"d\": 4}}\n]\n");
}

TEST(JsonObjectsTest, AnObjectLongerThanManyWindowsIsFoundWhole) {
  std::string pretty = "{\n";
  for (int i = 0; i < 200; ++i)
    pretty += "  \"k" + std::to_string(i) + "\": \"" + std::string(i % 7, '}') + "\",\n";
  pretty += "  \"last\": 0\n}\n{\"next\": 1}\n";
  std::vector<std::string> found = Streamed(pretty, 16);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found, Whole(pretty));
  EXPECT_TRUE(found[1].starts_with("204:")) << found[1];  // {, 200 keys, last, }
}

}  // namespace
}  // namespace iochound
