#include "normalizers/routing/telemetry_state.h"

#include <fmt/format.h>

#include "sources/whole_input.h"

namespace iochound::routing {
namespace {

std::string FormatNames() {
  std::string names;
  for (const TelemetryFormat& format : TelemetryFormats()) {
    if (!names.empty()) names += ", ";
    names += format.name;
  }
  return names;
}

}  // namespace

const TelemetryFormat* TelemetryState::FormatOf(size_t index) {
  {
    std::lock_guard lock(mutex);
    if (stats[index].probed) return stats[index].format;
  }
  const InputFile& file = files[index];
  const TelemetryFormat* format = forced;
  bool empty = false;
  if (format == nullptr) {
    try {
      std::string head = ReadInputPrefix(file, FormatProbe::kProbeBytes);
      empty = head.empty();
      if (!empty) {
        format = DetectTelemetryFormat({file.name, head});
        if (format == nullptr) {
          errors.ReportFile(file.name,
                            fmt::format("not a telemetry format iochound recognises (it knows {}); "
                                        "name one with --input-format, or bind the file with "
                                        "--table NAME=PATH",
                                        FormatNames()));
        }
      }
    } catch (const std::runtime_error& e) {
      errors.ReportFile(file.name, e.what());
    }
  }
  std::lock_guard lock(mutex);
  stats[index].probed = true;
  stats[index].format = format;
  stats[index].empty = empty;
  return format;
}

UnknownFields& TelemetryState::UnknownFieldsOf(std::string_view table) {
  std::lock_guard lock(mutex);
  auto it = unknown_fields.find(table);
  if (it == unknown_fields.end())
    it = unknown_fields.emplace(std::string(table), std::make_unique<UnknownFields>(errors)).first;
  return *it->second;
}

}  // namespace iochound::routing
