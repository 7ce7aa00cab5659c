// Compiles one Sigma rule and runs its KQL over WindowsEvent rows given in the test, so each test
// states the events and which of them the rule must match.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../engine/query_test_util.h"
#include "engine/sigma/kql_text.h"
#include "engine/sigma/sigma.h"

namespace iochound::sigma_testing {

struct Event {
  std::string data_json;  // the EventData bag
  int event_id = 1;
  std::string provider = "Microsoft-Windows-Sysmon";
  std::string channel = "Microsoft-Windows-Sysmon/Operational";
};

// A rule around a detection section (indented by four spaces in `detection`).
inline std::string Rule(const std::string& detection,
                        const std::string& logsource = "category: process_creation") {
  return "title: test rule\nid: 11111111-2222-3333-4444-555555555555\nlogsource:\n    product: windows\n   "
         " " +
         logsource + "\ndetection:\n" + detection;
}

inline SigmaRule Compile(const std::string& yaml, const SigmaOptions& options = {}) {
  SigmaLoadResult result = LoadSigmaText(yaml, "test.yml", options);
  for (const auto& failure : result.failures) ADD_FAILURE() << failure.path << ": " << failure.reason;
  if (result.rules.size() != 1) {
    ADD_FAILURE() << "expected one rule, got " << result.rules.size();
    return {};
  }
  return result.rules.front();
}

// The reason the rule is not loaded; empty (and a test failure) when it loads.
inline std::string FailureReason(const std::string& yaml, const SigmaOptions& options = {}) {
  SigmaLoadResult result = LoadSigmaText(yaml, "test.yml", options);
  if (result.failures.size() != 1) {
    ADD_FAILURE() << "expected one failure, got " << result.failures.size();
    return {};
  }
  return result.failures.front().reason;
}

inline std::string EventsTable(const std::vector<Event>& events) {
  std::string rows;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    rows += (i ? ",\n  " : "  ") + std::to_string(i) + ", " + std::to_string(e.event_id) + ", " +
            sigma::KqlString(e.provider) + ", " + sigma::KqlString(e.channel) + ", " +
            sigma::KqlString(e.data_json);
  }
  return "let WindowsEvent = datatable(Row:int, EventID:int, Provider:string, Channel:string, "
         "Raw:string)[\n" +
         rows + "]\n| extend EventData = parse_json(Raw);\n";
}

// The indexes of `events` the compiled rule returns.
inline std::vector<int> MatchingRows(const SigmaRule& rule, const std::vector<Event>& events) {
  testing::QueryOutput out = testing::RunQuery(EventsTable(events) + rule.kql + "\n| project Row");
  std::vector<int> rows;
  for (const auto& row : out.rows) rows.push_back(std::stoi(row.at(0)));
  return rows;
}

inline std::vector<int> Matches(const std::string& yaml, const std::vector<Event>& events,
                                const SigmaOptions& options = {}) {
  return MatchingRows(Compile(yaml, options), events);
}

// EventData with one field: {"Name": value}, value JSON-escaped.
inline std::string Field(const std::string& name, const std::string& value) {
  std::string out = "{\"" + name + "\": \"";
  for (char c : value) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"}";
}

}  // namespace iochound::sigma_testing
