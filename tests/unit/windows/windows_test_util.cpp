#include "windows_test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "normalizers/routing/telemetry_format.h"
#include "sources/whole_input.h"

namespace iochound::windows_testing {

std::string SharedData() {
  std::string dir = std::string(IOCHOUND_SHARED_DIR) + "/data";
  return std::filesystem::is_directory(dir) ? dir : "";
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Routed RouteFile(const std::string& path, DataErrors& errors) {
  Routed routed;
  InputFile input{path, nullptr, nullptr};
  std::string head = ReadInputPrefix(input, FormatProbe::kProbeBytes);
  const TelemetryFormat* format = DetectTelemetryFormat(FormatProbe{path, head});
  if (!format) return routed;
  routed.format = format->name;
  std::unique_ptr<TelemetryReader> reader = format->open(input, errors);
  while (reader->Next(routed.sink)) {
  }
  routed.records = reader->records();
  return routed;
}

std::vector<SourcesRow> SourcesMdRows(const std::string& file_pattern) {
  const std::string sources = ReadFileBytes(SharedData() + "/real/SOURCES.md");
  std::regex row("\\| `(" + file_pattern + R"()` \|[^\n]*? (\d+) events; Sysmon EIDs \{([^}]*)\})");
  std::regex pair(R"('(\d+)': (\d+))");
  std::vector<SourcesRow> rows;
  for (std::sregex_iterator it(sources.begin(), sources.end(), row), end; it != end; ++it) {
    SourcesRow& r = rows.emplace_back();
    r.file = (*it)[1];
    r.events = std::stoul((*it)[2]);
    const std::string ids = (*it)[3];
    for (std::sregex_iterator p(ids.begin(), ids.end(), pair); p != std::sregex_iterator(); ++p) {
      r.sysmon_ids[(*p)[1]] = std::stoul((*p)[2]);
    }
  }
  return rows;
}

std::string WriteTempFile(const std::string& name, const std::string& bytes) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("iochound_windows_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace iochound::windows_testing
