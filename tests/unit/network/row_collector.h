// A RowSink for the network readers' tests: keeps every row as column → text, and every unmapped
// record with its reason.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "normalizers/routing/row_sink.h"
#include "normalizers/routing/telemetry_format.h"

namespace iochound::testing {

using Row = std::map<std::string, std::string>;

struct UnmappedRecord {
  std::string reason;
  std::string json;
};

class RowCollector : public RowSink {
  class Visitor;

 public:
  RecordVisitor* BeginRow(std::string_view table, const RecordLocation& where) override;
  void Unmapped(const RecordLocation& where, std::string_view reason, int64_t time_ticks,
                std::string_view raw_json) override;

  std::map<std::string, std::vector<Row>> tables;
  std::vector<UnmappedRecord> unmapped;

 private:
  class Visitor : public RecordVisitor {
   public:
    explicit Visitor(std::vector<Row>& rows) : rows_(rows) {}
    int FieldSlot(std::string_view name, Type, const RecordLocation&) override;
    void BeginRecord(const RecordLocation&) override { fields_.clear(); }
    // Values are read at EndRecord, not here: RawValue text need only live until then, and a reader
    // that lets it die sooner must fail these tests as it would corrupt real rows.
    void SetField(int slot, const RawValue& value) override { fields_.emplace_back(slot, value); }
    void EndRecord() override;
    void AbortRecord() override { fields_.clear(); }

   private:
    std::vector<Row>& rows_;
    std::vector<std::string> names_;
    std::vector<std::pair<int, RawValue>> fields_;
  };
  std::map<std::string, std::unique_ptr<Visitor>> visitors_;
};

struct ReadResult {
  RowCollector rows;  // rows hold no pointers into the reader, so results outlive it
  uint64_t records = 0;
  size_t errors = 0;
};

// Detects `path`'s format (checking it is `expected_format`) and reads it all through its reader.
ReadResult ReadTelemetry(const std::string& path, std::string_view expected_format);

// The distinct values of `column` in `rows`.
size_t DistinctCount(const std::vector<Row>& rows, const std::string& column);

// Writes `content` to a fresh file under the test's temporary directory; returns its path.
std::string WriteTempFile(const std::string& name, std::string_view content);

}  // namespace iochound::testing
