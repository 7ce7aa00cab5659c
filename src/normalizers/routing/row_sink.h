// The seam between telemetry readers and the tables they feed. A reader decodes one source record
// (an EVTX event, a Zeek log line, a DNS packet pair ...) and derives zero or more rows of built-in
// tables from it; the sink decides which tables the current scan wants, so readers never build
// rows nobody reads.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "decoders/raw_value.h"
#include "decoders/record_visitor.h"
#include "types/dynamic.h"

namespace iochound {

class RowSink {
 public:
  virtual ~RowSink() = default;
  // Starts a row of built-in table `table` derived from the record at `where`. Returns the visitor
  // to fill (FieldSlot/SetField, then EndRecord or AbortRecord), or nullptr when the scan does not
  // want that table. Every call is counted for the per-file summary, wanted or not.
  virtual RecordVisitor* BeginRow(std::string_view table, const RecordLocation& where) = 0;
  // A source record that maps to no table. `reason` says why in a form that groups well in the
  // summary ("Sysmon EID 255: no table"); the record is kept as a row of the RawEvents table with
  // its time (types/datetime.h ticks, 0 when unknown) and its content as JSON.
  virtual void Unmapped(const RecordLocation& where, std::string_view reason, int64_t time_ticks,
                        std::string_view raw_json) = 0;
};

// Fills one row through a RowSink: `TableRow row(sink, "DnsEvents", where); if (row.wanted()) {
// row.Set("Name", name); ...; row.Commit(); }`. Values are converted to the column's type by the
// table's schema, as values read from an export are; a row destroyed without Commit() is dropped.
class TableRow {
 public:
  TableRow(RowSink& sink, std::string_view table, const RecordLocation& where)
      : TableRow(sink.BeginRow(table, where), where) {}
  // A row straight into `visitor` (null: not wanted), for sinks building their own rows.
  TableRow(RecordVisitor* visitor, const RecordLocation& where);
  ~TableRow();
  TableRow(const TableRow&) = delete;
  TableRow& operator=(const TableRow&) = delete;

  bool wanted() const { return visitor_ != nullptr; }

  void Set(std::string_view column, std::string_view text) {
    SetRaw(column, {RawValue::Kind::kString, text});
  }
  void SetLong(std::string_view column, int64_t value);
  void SetDouble(std::string_view column, double value);
  void SetBool(std::string_view column, bool value);
  void SetDatetime(std::string_view column, int64_t ticks);
  // A dynamic column's value as JSON text.
  void SetJson(std::string_view column, std::string_view json) {
    SetRaw(column, {RawValue::Kind::kJson, json});
  }
  void SetRaw(std::string_view column, RawValue value);
  // For texts made for this row (the visitor may hold a value's text until the row is committed,
  // so a temporary cannot be passed to Set): the row keeps them alive.
  void SetOwned(std::string_view column, std::string text) { Set(column, Keep(std::move(text))); }
  void SetJsonOwned(std::string_view column, std::string json) { SetJson(column, Keep(std::move(json))); }
  // A dynamic column's value built by the reader; the row keeps it until committed.
  void SetDynamic(std::string_view column, Dynamic value);
  void Commit();

 private:
  // Keeps a formatted value alive until the row is committed (RawValue only points at text).
  std::string_view Keep(std::string text);

  RecordVisitor* visitor_;
  RecordLocation where_;
  std::deque<std::string> kept_;
  std::vector<std::unique_ptr<Dynamic>> kept_dynamic_;
  bool done_ = false;
};

}  // namespace iochound
