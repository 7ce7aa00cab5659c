#include "normalizers/routing/routed_scan.h"

#include <fmt/format.h>

#include <algorithm>

#include "normalizers/routing/raw_events.h"

namespace iochound::routing {
namespace {

// Whether files of `format` can yield rows of `table` (RawEvents takes every format's leftovers).
bool CanFeed(const TelemetryFormat& format, std::string_view table) {
  if (table == kRawEventsTable || format.tables.empty()) return true;
  return std::find(format.tables.begin(), format.tables.end(), table) != format.tables.end();
}

}  // namespace

RoutedScan::RoutedScan(std::shared_ptr<TelemetryState> state, std::string table, const Schema& schema,
                       const std::vector<int>& columns)
    : state_(std::move(state)),
      table_(std::move(table)),
      wants_raw_events_(table_ == kRawEventsTable),
      builder_(schema, columns, state_->errors, state_->UnknownFieldsOf(table_)) {}

RoutedScan::~RoutedScan() {
  if (reader_) CloseFile(false);
}

bool RoutedScan::OpenNextFile() {
  while (next_file_ < state_->files.size()) {
    file_ = next_file_++;
    const TelemetryFormat* format = state_->FormatOf(file_);
    if (format == nullptr || !CanFeed(*format, table_)) continue;
    format_ = format;
    {
      std::lock_guard lock(state_->mutex);
      // A read that stopped early (take, limit) left partial counts: read it again as the first.
      first_read_ = !state_->stats[file_].complete;
    }
    DataErrors& errors = first_read_ ? state_->errors : repeat_errors_;
    counts_ = FileStats{};
    errors_before_ = state_->errors.count();
    try {
      reader_ = format_->open(state_->files[file_], errors);
      return true;
    } catch (const std::runtime_error& e) {
      if (first_read_) errors.ReportFile(state_->files[file_].name, e.what());
      CloseFile(true);
    }
  }
  return false;
}

void RoutedScan::CloseFile(bool complete) {
  if (reader_) counts_.records = reader_->records();
  reader_.reset();
  if (!first_read_) return;
  std::lock_guard lock(state_->mutex);
  FileStats& stats = state_->stats[file_];
  // Keep the most complete read.
  if (stats.complete || (stats.read && counts_.records < stats.records)) return;
  counts_.probed = stats.probed;
  counts_.format = stats.format;
  counts_.read = true;
  counts_.complete = complete;
  counts_.data_errors = state_->errors.count() - errors_before_;
  stats = std::move(counts_);
}

std::optional<Batch> RoutedScan::Next() {
  while (builder_.rows() < kBatchRows) {
    if (!reader_ && !OpenNextFile()) break;
    try {
      if (!reader_->Next(*this)) CloseFile(true);
    } catch (const std::runtime_error& e) {
      // Corrupt compressed data or a read error: the rows before it are kept.
      if (first_read_) {
        state_->errors.ReportFile(state_->files[file_].name,
                                  std::string(e.what()) + "; the rest of the file is skipped");
      }
      CloseFile(true);
    }
  }
  if (builder_.rows() == 0) return std::nullopt;
  return builder_.Take();
}

RecordVisitor* RoutedScan::BeginRow(std::string_view table, const RecordLocation&) {
  if (first_read_) {
    auto it = counts_.rows.find(table);
    if (it == counts_.rows.end()) it = counts_.rows.emplace(std::string(table), 0).first;
    ++it->second;
  }
  return table == table_ ? this : nullptr;
}

void RoutedScan::Unmapped(const RecordLocation& where, std::string_view reason, int64_t time_ticks,
                          std::string_view raw_json) {
  if (first_read_) {
    auto it = counts_.unmapped.find(reason);
    if (it == counts_.unmapped.end()) it = counts_.unmapped.emplace(std::string(reason), 0).first;
    ++it->second;
  }
  if (!wants_raw_events_) return;
  TableRow row(static_cast<RecordVisitor*>(this), where);
  if (time_ticks != 0) row.SetDatetime("TimeGenerated", time_ticks);
  row.Set("SourceFile", where.file);
  row.Set("SourceFormat", format_->name);
  if (where.line != 0) row.SetLong("RecordLine", static_cast<int64_t>(where.line));
  row.SetLong("RecordOffset", static_cast<int64_t>(where.offset));
  row.Set("Reason", reason);
  row.SetJson("RawData", raw_json);
  row.Commit();
}

int RoutedScan::FieldSlot(std::string_view name, Type declared, const RecordLocation& where) {
  auto it = slots_.find(name);
  if (it != slots_.end()) return it->second;
  int slot = builder_.FieldSlot(name, declared, where);
  slots_.emplace(std::string(name), slot);
  return slot;
}

}  // namespace iochound::routing
