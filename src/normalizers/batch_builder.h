// Assembles decoded records into typed batches holding only the columns a scan asked for.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "decoders/record_visitor.h"
#include "normalizers/unknown_fields.h"
#include "types/column.h"

namespace iochound {

class BatchBuilder : public RecordVisitor {
 public:
  // `columns` are indexes into `schema`, in output order (repeats allowed).
  BatchBuilder(const Schema& schema, const std::vector<int>& columns, DataErrors& errors,
               UnknownFields& unknown);

  int FieldSlot(std::string_view name, Type declared, const RecordLocation& where) override;
  void BeginRecord(const RecordLocation& where) override;
  void SetField(int slot, const RawValue& value) override;
  // Types the staged values into the columns (nulls for absent fields, reported nulls for values that
  // do not convert).
  void EndRecord() override;
  void AbortRecord() override {}

  size_t rows() const { return rows_; }
  // The rows built so far, as a batch; the builder starts over empty.
  Batch Take();

 private:
  void ResetColumns();

  const Schema& schema_;
  DataErrors& errors_;
  UnknownFields& unknown_;
  std::vector<int> schema_slot_;                  // schema index -> slot (distinct requested column) or kSkip
  std::vector<int> slot_field_;                   // slot -> schema index
  std::vector<int> output_slot_;                  // output column -> slot
  std::vector<std::shared_ptr<Column>> columns_;  // per slot
  std::vector<RawValue> staged_;                  // per slot, for the current record
  std::vector<uint8_t> present_;
  std::shared_ptr<RowSources> sources_;  // each row's record, for alerts' provenance
  RecordLocation where_;
  size_t rows_ = 0;
};

}  // namespace iochound
