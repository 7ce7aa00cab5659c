// The EVTX decoder against Sigma's regression data: every case directory holds an .evtx and the
// evtx_dump JSON rendering of the same events. Every EventData/UserData value and the main System
// fields must match; the match rate is printed.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "evtx_test_util.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

using evtx::EvtxEvent;
using evtx_testing::Decode;
using evtx_testing::FindEvtxFiles;
using evtx_testing::ReadBytes;
using evtx_testing::SharedDataDir;

// evtx_dump writes several events as concatenated JSON documents.
std::vector<Dynamic> ParseJsonDocuments(const std::string& text) {
  std::vector<Dynamic> docs;
  int depth = 0;
  bool in_string = false, escaped = false;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      if (depth++ == 0) start = i;
    } else if (c == '}' && --depth == 0) {
      std::optional<Dynamic> doc = Dynamic::ParseJson(std::string_view(text).substr(start, i + 1 - start));
      if (doc) docs.push_back(std::move(*doc));
    }
  }
  return docs;
}

std::string JsonText(const Dynamic& v) {
  switch (v.kind()) {
    case Dynamic::Kind::Null:
      return "";
    case Dynamic::Kind::Bool:
      return v.bool_value() ? "true" : "false";
    case Dynamic::Kind::Long:
      return std::to_string(v.int_value());
    case Dynamic::Kind::String:
      return v.string_value();
    default:
      return v.ToJson();
  }
}

// evtx_dump renders GUID values as upper-case digits without braces; Windows (and so Sentinel and
// this decoder) as lower-case digits in braces.
std::string NormalizeGuid(std::string s) {
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct Expected {
  std::string name;
  std::string value;
};

// The (name, value) pairs evtx_dump's JSON shows for an event's data, in the decoder's flattening.
void ExpectedFields(const Dynamic& section, bool user_data, std::vector<Expected>& out) {
  if (section.kind() != Dynamic::Kind::Object) return;
  for (const auto& [name, value] : section.object()) {
    if (name == "#attributes") {
      if (user_data) {
        for (const auto& [attribute, text] : value.object()) {
          if (attribute != "xmlns" && !attribute.starts_with("xmlns:"))
            out.push_back({attribute, JsonText(text)});
        }
      }
    } else if (value.kind() == Dynamic::Kind::Object && user_data) {
      ExpectedFields(value, true, out);
    } else if (value.kind() == Dynamic::Kind::Object && value.Find("#text")) {
      const Dynamic& text = *value.Find("#text");
      if (text.kind() == Dynamic::Kind::Array) {
        for (const Dynamic& item : text.array()) out.push_back({name, JsonText(item)});
      } else {
        out.push_back({name, JsonText(text)});
      }
    } else {
      out.push_back({name, JsonText(value)});
    }
  }
}

// evtx_dump trims trailing whitespace off values; Windows keeps it (Sysmon's ParentCommandLine
// `"C:\Windows\system32\cmd.exe" ` reaches Sentinel and the OTRF exports with its space).
std::string TrimRight(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

struct Tally {
  size_t fields = 0, exact = 0, guid_form = 0, trimmed = 0;
  std::vector<std::string> mismatches;
  void Check(const std::string& where, const std::string& expected, const std::string& actual) {
    ++fields;
    if (expected == actual) {
      ++exact;
    } else if (NormalizeGuid(expected) == NormalizeGuid(actual)) {
      ++guid_form;
    } else if (expected == TrimRight(actual)) {
      ++trimmed;
    } else {
      mismatches.push_back(where + ": evtx_dump \"" + expected + "\", decoder \"" + actual + "\"");
    }
  }
};

void CompareEvent(const std::string& where, const Dynamic& json, const EvtxEvent& event, Tally& tally) {
  const Dynamic* root = json.Find("Event");
  ASSERT_NE(root, nullptr) << where;
  const Dynamic* system = root->Find("System");
  ASSERT_NE(system, nullptr) << where;
  const Dynamic* event_id = system->Find("EventID");
  if (event_id && event_id->kind() == Dynamic::Kind::Object) event_id = event_id->Find("#text");
  tally.Check(where + " EventID", event_id ? JsonText(*event_id) : "", std::to_string(event.event_id));
  tally.Check(where + " Computer", JsonText(*system->Find("Computer")), event.computer);
  tally.Check(where + " Channel", JsonText(*system->Find("Channel")), event.channel);
  tally.Check(where + " EventRecordID", JsonText(*system->Find("EventRecordID")),
              std::to_string(event.event_record_id));
  const Dynamic* provider = system->Find("Provider")->Find("#attributes");
  tally.Check(where + " Provider", JsonText(*provider->Find("Name")), event.provider_name);

  std::vector<Expected> expected;
  if (const Dynamic* data = root->Find("EventData")) ExpectedFields(*data, false, expected);
  if (const Dynamic* data = root->Find("UserData")) {
    for (const auto& [element, content] : data->object()) ExpectedFields(content, true, expected);
  }
  // Match by name, in order, so repeated names ("Data") pair up item by item.
  std::vector<bool> used(event.data.size());
  for (const Expected& e : expected) {
    std::string actual = "<absent>";
    for (size_t i = 0; i < event.data.size(); ++i) {
      if (!used[i] && event.data[i].name == e.name) {
        used[i] = true;
        actual = event.data[i].value;
        break;
      }
    }
    tally.Check(where + " " + e.name, e.value, actual);
  }
}

TEST(EvtxSigmaRegressionTest, DecodedValuesMatchEvtxDumpRenderings) {
  if (SharedDataDir().empty()) GTEST_SKIP() << "shared data absent: " IOCHOUND_SHARED_DIR "/data not found";
  std::vector<std::string> files = FindEvtxFiles(SharedDataDir() + "/sigma/regression_data");
  ASSERT_FALSE(files.empty());
  Tally tally;
  size_t cases = 0, events = 0;
  for (const std::string& file : files) {
    std::filesystem::path json_path = std::filesystem::path(file).replace_extension(".json");
    if (!std::filesystem::exists(json_path)) continue;
    std::ifstream in(json_path);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<Dynamic> docs = ParseJsonDocuments(text.str());
    DataErrors errors;
    std::vector<EvtxEvent> decoded = Decode(file, ReadBytes(file), errors).events;
    EXPECT_EQ(errors.count(), 0u) << file;
    ASSERT_EQ(decoded.size(), docs.size()) << file;
    std::string name = std::filesystem::path(file).parent_path().filename().string();
    for (size_t i = 0; i < docs.size(); ++i)
      CompareEvent(name + " #" + std::to_string(i), docs[i], decoded[i], tally);
    ++cases;
    events += decoded.size();
  }
  std::printf(
      "[ evtx     ] sigma regression data: %zu cases, %zu events, %zu fields compared: %zu identical "
      "(%.2f%%), %zu equal up to GUID notation, %zu up to evtx_dump's trimming, %zu different; "
      "match rate %.2f%%\n",
      cases, events, tally.fields, tally.exact, 100.0 * tally.exact / tally.fields, tally.guid_form,
      tally.trimmed, tally.mismatches.size(),
      100.0 * (tally.fields - tally.mismatches.size()) / tally.fields);
  for (const std::string& m : tally.mismatches) ADD_FAILURE() << m;
  EXPECT_GE(cases, 200u);
}

}  // namespace
}  // namespace iochound
