// Helpers shared by the ingest tests: fixture paths, scratch directories, compression, scanning a
// table into comparable rows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"

namespace iochound {
class RecordPrefilter;
}

namespace iochound::ingest_testing {

std::string FixturePath(std::string_view name);  // tests/fixtures/dns/<name>
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, std::string_view contents);
std::string Gzip(std::string_view data);
std::string Zstd(std::string_view data);

// A fresh directory removed with its contents at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

// Every row of a scan of `columns` (all columns when empty), each value rendered with its type,
// e.g. "int:42", "datetime:<ticks>", "string:abc", "dynamic:{...}", "long:null".
std::vector<std::vector<std::string>> ScanRows(TableSource& table, std::vector<int> columns = {});
// The column of `table` named `name` from ScanRows (fails the test when there is none).
std::vector<std::string> ScanColumn(TableSource& table, std::string_view name);

// The starts of the lines `prefilter` finds in `window`, at input offset `base` (a scratch of its own).
std::vector<uint64_t> CandidateLineStarts(const RecordPrefilter& prefilter, std::string_view window,
                                          uint64_t base = 0);

}  // namespace iochound::ingest_testing
