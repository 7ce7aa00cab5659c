#include "normalizers/exports/export_format.h"

#include <fmt/format.h>

#include "decoders/decoder.h"
#include "normalizers/table_schemas.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

class ExportReader : public TelemetryReader, private RecordVisitor {
 public:
  ExportReader(const InputFile& input, DataErrors& errors) : decoder_(OpenDecoder(input, errors)) {}

  bool Next(RowSink& sink) override {
    sink_ = &sink;
    return decoder_->Next(*this);
  }
  uint64_t records() const override { return records_; }

 private:
  int FieldSlot(std::string_view name, Type, const RecordLocation&) override {
    if (name == "Type") type_slot_ = static_cast<int>(names_.size());
    names_.emplace_back(name);
    values_.emplace_back();
    present_.push_back(0);
    return static_cast<int>(names_.size() - 1);
  }
  void BeginRecord(const RecordLocation& where) override {
    where_ = where;
    std::fill(present_.begin(), present_.end(), 0);
  }
  void SetField(int slot, const RawValue& value) override {
    values_[static_cast<size_t>(slot)] = value;
    present_[static_cast<size_t>(slot)] = 1;
  }
  void AbortRecord() override { ++records_; }
  void EndRecord() override {
    ++records_;
    std::string_view table = TableOfRecord();
    if (table.empty()) {
      sink_->Unmapped(where_, unmapped_reason_, 0, RecordJson());
      return;
    }
    TableRow row(*sink_, table, where_);
    if (!row.wanted()) return;
    for (size_t slot = 0; slot < names_.size(); ++slot) {
      if (present_[slot]) row.SetRaw(names_[slot], values_[slot]);
    }
    row.Commit();
  }

  std::string_view TableOfRecord() {
    if (type_slot_ >= 0 && present_[static_cast<size_t>(type_slot_)]) {
      std::string_view type = values_[static_cast<size_t>(type_slot_)].text;
      if (FindBuiltinSchema(type) != nullptr) return type;
      unmapped_reason_ = fmt::format("Type '{}': no built-in table", type);
      return {};
    }
    if (!file_table_decided_) {
      std::vector<std::string> fields;
      for (size_t slot = 0; slot < names_.size(); ++slot)
        if (present_[slot]) fields.push_back(names_[slot]);
      file_table_ = TableCoveringFields(fields);
      file_table_decided_ = true;
    }
    if (file_table_.empty()) unmapped_reason_ = "no Type column and the columns match no built-in table";
    return file_table_;
  }

  std::string RecordJson() const {
    std::string json = "{";
    for (size_t slot = 0; slot < names_.size(); ++slot) {
      if (!present_[slot]) continue;
      if (json.size() > 1) json += ',';
      AppendJsonString(json, names_[slot]);
      json += ':';
      const RawValue& value = values_[slot];
      switch (value.kind) {
        case RawValue::Kind::kNull:
          json += "null";
          break;
        case RawValue::Kind::kString:
          AppendJsonString(json, value.text);
          break;
        case RawValue::Kind::kDynamic:
          json += value.dynamic->ToJson();
          break;
        default:
          json += value.text;
      }
    }
    return json + "}";
  }

  std::unique_ptr<Decoder> decoder_;
  RowSink* sink_ = nullptr;
  std::vector<std::string> names_;
  std::vector<RawValue> values_;
  std::vector<uint8_t> present_;
  int type_slot_ = -1;
  RecordLocation where_;
  uint64_t records_ = 0;
  bool file_table_decided_ = false;
  std::string_view file_table_;
  std::string unmapped_reason_;
};

int DetectExport(const FormatProbe& probe) {
  size_t first = probe.head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) return 0;
  char c = probe.head[first];
  if (c == '{' || c == '[') return 10;
  std::string_view line = probe.head.substr(first, probe.head.find('\n', first) - first);
  return line.find(',') != std::string_view::npos ? 5 : 0;
}

std::unique_ptr<TelemetryReader> OpenExport(const InputFile& input, DataErrors& errors) {
  return std::make_unique<ExportReader>(input, errors);
}

}  // namespace

std::string_view TableCoveringFields(const std::vector<std::string>& fields) {
  std::string_view best;
  size_t best_covered = 0;
  size_t best_size = 0;
  for (std::string_view table : BuiltinTableNames()) {
    const Schema& schema = *FindBuiltinSchema(table);
    size_t covered = 0;
    for (const std::string& field : fields) covered += FindField(schema, field) >= 0;
    if (covered < 2 || covered * 5 < fields.size() * 4) continue;
    if (covered > best_covered || (covered == best_covered && schema.size() < best_size)) {
      best = table;
      best_covered = covered;
      best_size = schema.size();
    }
  }
  return best;
}

TelemetryFormat SentinelExportFormat() {
  return {"sentinel-export",
          "Sentinel/Log Analytics and Defender exports (JSON Lines, JSON array, query API, CSV), "
          "routed by their Type column or by their columns",
          {},
          DetectExport,
          OpenExport};
}

}  // namespace iochound
