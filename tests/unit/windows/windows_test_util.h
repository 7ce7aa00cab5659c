// Shared helpers of the Windows event mapping tests: routing a file through its detected telemetry
// format into a RecordingSink.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "recording_sink.h"

namespace iochound::windows_testing {

// IOCHOUND_SHARED_DIR/data, or "" when the shared folder is absent.
std::string SharedData();

struct Routed {
  std::string format;  // the detected format's name, "" when none
  uint64_t records = 0;
  RecordingSink sink;
};
// Detects the format of `path` from its first bytes and routes every record to the sink.
Routed RouteFile(const std::string& path, DataErrors& errors);

// A row of ../shared/data/real/SOURCES.md's file tables: "| `dir/file` | ... — N events; Sysmon
// EIDs {'1': 3, ...}".
struct SourcesRow {
  std::string file;  // relative to data/real
  size_t events = 0;
  std::map<std::string, size_t> sysmon_ids;  // event ID → count
};
// The rows whose file path matches the regular expression `file_pattern`.
std::vector<SourcesRow> SourcesMdRows(const std::string& file_pattern);

// Writes `bytes` to a fresh file under the test's temporary directory and returns its path.
std::string WriteTempFile(const std::string& name, const std::string& bytes);
std::string ReadFileBytes(const std::string& path);

}  // namespace iochound::windows_testing

#define SKIP_WITHOUT_SHARED()                                                     \
  if (::iochound::windows_testing::SharedData().empty()) {                        \
    GTEST_SKIP() << "shared data absent: " IOCHOUND_SHARED_DIR "/data not found"; \
  }
