// Internals of TelemetrySet shared by its tables and scans: the files, how each was recognised, and
// what the first complete read of each yielded (for the summary).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "normalizers/routing/telemetry_format.h"
#include "normalizers/unknown_fields.h"
#include "sources/input_files.h"

namespace iochound::routing {

struct FileStats {
  bool probed = false;
  bool empty = false;                       // no bytes at all: nothing to recognise, nothing lost
  const TelemetryFormat* format = nullptr;  // null after probing: not recognised or unreadable
  bool read = false;                        // a scan has read it (its counts below are filled)
  bool complete = false;                    // ... to the end
  uint64_t records = 0;
  uint64_t data_errors = 0;
  std::map<std::string, uint64_t, std::less<>> rows;      // per table
  std::map<std::string, uint64_t, std::less<>> unmapped;  // per reason
};

struct TelemetryState {
  TelemetryState(DataErrors& data_errors) : errors(data_errors) {}

  // The format of file `index`, probing it on first call; null (reported once) when none applies.
  const TelemetryFormat* FormatOf(size_t index);
  // Reports fields outside `table`'s schema once per table.
  UnknownFields& UnknownFieldsOf(std::string_view table);

  std::vector<InputFile> files;
  std::vector<FileStats> stats;
  const TelemetryFormat* forced = nullptr;
  DataErrors& errors;
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<UnknownFields>, std::less<>> unknown_fields;
};

}  // namespace iochound::routing
