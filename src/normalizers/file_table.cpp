#include "normalizers/file_table.h"

#include <stdexcept>

#include "decoders/decoder.h"
#include "decoders/record_prefilter.h"
#include "normalizers/file_table_scan.h"
#include "normalizers/parallel_file_scan.h"
#include "normalizers/schema_inference.h"
#include "normalizers/table_schemas.h"

namespace iochound {

FileTable::FileTable(std::string name, std::string_view path, DataErrors& errors)
    : name_(std::move(name)), files_(ResolveInputs(path, errors)), errors_(errors), unknown_fields_(errors) {}

const Schema& FileTable::schema() {
  if (schema_) return *schema_;
  SchemaInferrer inferrer(FindBuiltinSchema(name_));
  // The prefix is read again by every scan, which reports its errors; reporting them here too would
  // count each twice.
  DataErrors unreported(0);
  for (const InputFile& file : files_) {
    if (inferrer.records() >= kInferenceRecords) break;
    try {
      std::unique_ptr<Decoder> decoder = OpenDecoder(file, unreported, nullptr, kInferenceFirstRead);
      while (inferrer.records() < kInferenceRecords && decoder->Next(inferrer)) {
      }
    } catch (const std::runtime_error&) {
      // Reported by the scans, which meet the same failure.
    }
  }
  schema_ = inferrer.Result();
  return *schema_;
}

std::unique_ptr<BatchStream> FileTable::Scan(const std::vector<int>& columns) {
  return Scan(columns, ScanHints{});
}

std::unique_ptr<BatchStream> FileTable::Scan(const std::vector<int>& columns, const ScanHints& hints) {
  const Schema& table_schema = schema();
  for (int column : columns) {
    if (column < 0 || static_cast<size_t>(column) >= table_schema.size()) {
      throw std::out_of_range("FileTable::Scan: column index out of range");
    }
  }
  std::shared_ptr<Prefilters> prefilters;
  if (!hints.literals.empty()) {
    std::vector<RecordPrefilter::Literal> literals;
    for (const ScanLiteral& literal : hints.literals)
      literals.push_back({literal.text, literal.case_sensitive, literal.bounded_start, literal.bounded_end});
    prefilters = std::make_shared<Prefilters>(
        std::move(literals), RecordPrefilterOptions{hints.non_ascii_may_match, hints.records_ruled_out});
  }
  if (hints.threads > 1) {
    return std::make_unique<ParallelFileScan>(files_, table_schema, columns, errors_, unknown_fields_,
                                              prefilters, hints.stage, hints.threads);
  }
  std::unique_ptr<BatchStream> rows =
      std::make_unique<FileTableScan>(files_, table_schema, columns, errors_, unknown_fields_, prefilters);
  return hints.stage ? hints.stage(std::move(rows)) : std::move(rows);
}

std::shared_ptr<TableSource> MakeFileTable(std::string name, std::string_view path, DataErrors& errors) {
  return std::make_shared<FileTable>(std::move(name), path, errors);
}

}  // namespace iochound
