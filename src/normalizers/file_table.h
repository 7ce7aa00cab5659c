// A table bound on the command line (`--table NAME=PATH`): the engine's TableSource over export
// files. Built-in tables are typed by their schema; other tables get a schema inferred from the
// first records; fields found there beyond a built-in schema are appended as extra columns.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "engine/catalog.h"
#include "normalizers/unknown_fields.h"
#include "sources/input_files.h"

namespace iochound {

class FileTable : public TableSource {
 public:
  // Records read to infer a schema.
  static constexpr uint64_t kInferenceRecords = 1000;
  // Its first read: 1,000 records of a Sentinel export are ~700 KB, and reading a window of the
  // default 2 MiB into fresh memory was a few ms of every query's start, before any thread began.
  static constexpr size_t kInferenceFirstRead = size_t{256} << 10;

  // Resolves `path` (a file, a directory, a glob or `-`; see ResolveInputs) now, reading nothing yet.
  // Throws std::invalid_argument naming the path when it is missing, unreadable or matches nothing.
  // Data errors found later (unreadable or broken files and records, values that do not convert) go
  // to `errors`, which must outlive the table and its scans.
  FileTable(std::string name, std::string_view path, DataErrors& errors);

  const std::string& name() const { return name_; }
  // Reads up to kInferenceRecords records on first call (their data errors are reported by scans).
  const Schema& schema() override;
  std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns) override;
  // Uses the hints' literals to parse only candidate records of JSON Lines and CSV files, and their
  // threads to decode parts of the files at once (ParallelFileScan).
  std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns, const ScanHints& hints) override;

 private:
  std::string name_;
  std::vector<InputFile> files_;
  DataErrors& errors_;
  std::optional<Schema> schema_;
  UnknownFields unknown_fields_;
};

// The CLI's `--table NAME=PATH`: a FileTable for the catalog. Throws as FileTable's constructor.
std::shared_ptr<TableSource> MakeFileTable(std::string name, std::string_view path, DataErrors& errors);

}  // namespace iochound
