#include "normalizers/routing/telemetry_set.h"

#include <fmt/format.h>

#include <stdexcept>

#include "normalizers/routing/raw_events.h"
#include "normalizers/routing/routed_scan.h"
#include "normalizers/routing/telemetry_state.h"
#include "normalizers/table_schemas.h"

namespace iochound {
namespace {

using routing::FileStats;
using routing::TelemetryState;

class RoutedTable : public TableSource {
 public:
  RoutedTable(std::shared_ptr<TelemetryState> state, std::string name, const Schema& schema)
      : state_(std::move(state)), name_(std::move(name)), schema_(schema) {}
  const Schema& schema() override { return schema_; }
  std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns) override {
    for (int column : columns) {
      if (column < 0 || static_cast<size_t>(column) >= schema_.size())
        throw std::out_of_range("RoutedTable::Scan: column index out of range");
    }
    return std::make_unique<routing::RoutedScan>(state_, name_, schema_, columns);
  }

 private:
  std::shared_ptr<TelemetryState> state_;
  std::string name_;
  Schema schema_;
};

std::string Count(uint64_t n) {
  return fmt::format("{}", n);
}

std::string FileSummary(const std::string& name, const FileStats& stats) {
  if (stats.empty) return fmt::format("  {}: empty\n", name);
  if (stats.format == nullptr) {
    return stats.probed ? fmt::format("  {}: not read (format not recognised; see the error above)\n", name)
                        : fmt::format("  {}: not read (the query read no table this file can feed)\n", name);
  }
  if (!stats.read) {
    return fmt::format("  {}: {}, not read (its format feeds none of the tables the query read)\n", name,
                       stats.format->name);
  }
  std::string line = fmt::format("  {}: {}, {} records{}", name, stats.format->name, Count(stats.records),
                                 stats.complete ? "" : " (partial: the query stopped reading early)");
  std::string tables;
  for (const auto& [table, rows] : stats.rows) {
    tables += fmt::format("{}{} {}", tables.empty() ? "" : ", ", table, Count(rows));
  }
  line += tables.empty() ? "; no table rows" : "; rows: " + tables;
  if (!stats.unmapped.empty()) {
    uint64_t total = 0;
    std::string reasons;
    for (const auto& [reason, count] : stats.unmapped) {
      total += count;
      reasons += fmt::format("{}{}: {}", reasons.empty() ? "" : "; ", reason, Count(count));
    }
    line += fmt::format("; not mapped: {} (kept in {}: {})", Count(total), kRawEventsTable, reasons);
  }
  if (stats.data_errors > 0) line += fmt::format("; {} data errors", Count(stats.data_errors));
  return line + "\n";
}

}  // namespace

TelemetrySet::TelemetrySet(const std::vector<std::string>& paths, std::string_view forced_format,
                           DataErrors& errors)
    : state_(std::make_shared<TelemetryState>(errors)) {
  if (!forced_format.empty()) {
    state_->forced = FindTelemetryFormat(forced_format);
    if (state_->forced == nullptr) {
      std::string known;
      for (const TelemetryFormat& format : TelemetryFormats())
        known += fmt::format("{}{}", known.empty() ? "" : ", ", format.name);
      throw std::invalid_argument(
          fmt::format("--input-format: unknown format '{}' (known: {})", forced_format, known));
    }
  }
  for (const std::string& path : paths) {
    for (InputFile& file : ResolveInputs(path, errors)) state_->files.push_back(std::move(file));
  }
  state_->stats.resize(state_->files.size());
}

TelemetrySet::~TelemetrySet() = default;

void TelemetrySet::RegisterTables(Catalog& catalog) {
  for (std::string_view name : BuiltinTableNames()) {
    if (catalog.Find(name) != nullptr) continue;
    catalog.Register(std::string(name),
                     std::make_shared<RoutedTable>(state_, std::string(name), *FindBuiltinSchema(name)));
  }
  if (catalog.Find(kRawEventsTable) == nullptr) {
    catalog.Register(std::string(kRawEventsTable),
                     std::make_shared<RoutedTable>(state_, std::string(kRawEventsTable), RawEventsSchema()));
  }
}

std::string TelemetrySet::Summary() const {
  std::lock_guard lock(state_->mutex);
  std::string summary = fmt::format("iochound: {} input file{}\n", Count(state_->files.size()),
                                    state_->files.size() == 1 ? "" : "s");
  for (size_t i = 0; i < state_->files.size(); ++i)
    summary += FileSummary(state_->files[i].name, state_->stats[i]);
  return summary;
}

}  // namespace iochound
