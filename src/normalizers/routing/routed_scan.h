// One scan of a routed table: reads the inputs that can feed the table, file after file, and keeps
// the rows their readers route to it.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/catalog.h"
#include "normalizers/batch_builder.h"
#include "normalizers/routing/row_sink.h"
#include "normalizers/routing/telemetry_state.h"

namespace iochound::routing {

class RoutedScan : public BatchStream, private RowSink, private RecordVisitor {
 public:
  RoutedScan(std::shared_ptr<TelemetryState> state, std::string table, const Schema& schema,
             const std::vector<int>& columns);
  ~RoutedScan() override;
  std::optional<Batch> Next() override;

 private:
  // RowSink
  RecordVisitor* BeginRow(std::string_view table, const RecordLocation& where) override;
  void Unmapped(const RecordLocation& where, std::string_view reason, int64_t time_ticks,
                std::string_view raw_json) override;
  // RecordVisitor: the builder, with the slot of each column name looked up once.
  int FieldSlot(std::string_view name, Type declared, const RecordLocation& where) override;
  void BeginRecord(const RecordLocation& where) override { builder_.BeginRecord(where); }
  void SetField(int slot, const RawValue& value) override { builder_.SetField(slot, value); }
  void EndRecord() override { builder_.EndRecord(); }
  void AbortRecord() override { builder_.AbortRecord(); }

  bool OpenNextFile();
  void CloseFile(bool complete);

  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::shared_ptr<TelemetryState> state_;
  std::string table_;
  bool wants_raw_events_;
  BatchBuilder builder_;
  std::unordered_map<std::string, int, NameHash, std::equal_to<>> slots_;
  size_t next_file_ = 0;
  size_t file_ = 0;
  const TelemetryFormat* format_ = nullptr;  // of file_
  std::unique_ptr<TelemetryReader> reader_;
  // The first read of a file reports its errors and fills its FileStats; later reads (another table
  // of the same query) report into `repeat_errors_`, which nobody prints, so nothing counts twice.
  bool first_read_ = false;
  FileStats counts_;
  uint64_t errors_before_ = 0;
  DataErrors repeat_errors_{0};
};

}  // namespace iochound::routing
