// A RowSink for the Windows mapping tests: keeps every committed row as column → text, checks that
// each value converts to its column's type (as the routed catalog will convert it), and records
// columns the schema does not have and unmapped records.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "normalizers/routing/row_sink.h"

namespace iochound::windows_testing {

using Row = std::map<std::string, std::string>;

class RecordingSink : public RowSink, private RecordVisitor {
 public:
  RecordVisitor* BeginRow(std::string_view table, const RecordLocation& where) override;
  void Unmapped(const RecordLocation& where, std::string_view reason, int64_t time_ticks,
                std::string_view raw_json) override;

  const std::vector<Row>& rows(const std::string& table) { return tables_[table]; }
  size_t count(const std::string& table) const {
    auto it = tables_.find(table);
    return it == tables_.end() ? 0 : it->second.size();
  }
  const std::map<std::string, std::vector<Row>>& tables() const { return tables_; }
  // Problems found: values that do not convert, columns set twice, rows begun while one is open.
  const std::vector<std::string>& problems() const { return problems_; }
  // "Table.Column" for columns the table's schema does not have (a Sentinel export's extra fields
  // pass through as extra columns; a mapping should write none).
  const std::set<std::string>& extra_columns() const { return extra_columns_; }
  const std::vector<std::string>& unmapped() const { return unmapped_; }

 private:
  int FieldSlot(std::string_view name, Type declared, const RecordLocation& where) override;
  void BeginRecord(const RecordLocation& where) override;
  void SetField(int slot, const RawValue& value) override;
  void EndRecord() override;
  void AbortRecord() override;

  std::map<std::string, std::vector<Row>> tables_;
  std::string table_;
  std::vector<std::string> slot_names_;
  Row row_;
  bool open_ = false;
  std::vector<std::string> problems_;
  std::vector<std::string> unmapped_;
  std::set<std::string> extra_columns_;
};

}  // namespace iochound::windows_testing
