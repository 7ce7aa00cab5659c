#include "evtx_test_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace iochound::evtx_testing {

std::string SharedDataDir() {
  std::filesystem::path dir = std::filesystem::path(IOCHOUND_SHARED_DIR) / "data";
  return std::filesystem::is_directory(dir) ? dir.string() : "";
}

std::vector<std::string> FindEvtxFiles(const std::string& root) {
  std::vector<std::string> files;
  if (!std::filesystem::is_directory(root)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".evtx")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<uint8_t> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Decoded Decode(const std::string& name, const std::vector<uint8_t>& bytes, DataErrors& errors) {
  Decoded out;
  evtx::EvtxReader reader(name, bytes, errors);
  evtx::EvtxEvent event;
  while (reader.Next(event)) out.events.push_back(event);
  out.stats = reader.stats();
  return out;
}

}  // namespace iochound::evtx_testing
