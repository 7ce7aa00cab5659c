#include "sinks/alert_writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

#include "packs/condition.h"
#include "sinks/alert_json.h"
#include "sinks/result_writer.h"
#include "sinks/sink_internal.h"
#include "types/datetime.h"

namespace iochound {
namespace {

class JsonLinesAlertWriter : public AlertWriter {
 public:
  JsonLinesAlertWriter(std::FILE* out, bool ocsf) : out_(out), ocsf_(ocsf) {}
  void Write(const packs::Alert& alert) override {
    std::string line = ocsf_ ? sinks::OcsfDetectionFinding(alert) : sinks::AlertJson(alert);
    line += '\n';
    sinks::WriteAll(out_, line);
  }
  void End() override {
    if (std::fflush(out_) != 0) throw std::runtime_error("error writing alerts");
  }

 private:
  std::FILE* out_;
  bool ocsf_;
};

// Table and CSV render alerts as rows of text columns through the result writers, so alignment,
// quoting and UTF-8 handling are the query command's.
class TabularAlertWriter : public AlertWriter {
 public:
  TabularAlertWriter(std::string_view format, std::FILE* out) : full_(format == "csv") {
    std::vector<std::string> names = {"time",     "severity", "rule",          "host",
                                      "entities", "ioc",      "suppressed_by", "source"};
    if (full_) {
      names = {"time",          "severity",  "rule_id",  "rule_title",  "tactics",
               "techniques",    "host",      "entities", "ioc",         "ioc_type",
               "suppressed_by", "dedup_key", "evidence", "source_file", "source_offset"};
    }
    for (const auto& name : names) schema_.push_back({name, Type::String});
    writer_ = MakeResultWriter(format, out);
    writer_->Begin(schema_);
    NewBatch();
  }

  void Write(const packs::Alert& alert) override {
    std::string time = alert.time ? FormatDateTime(*alert.time, FractionDigits::kMinimal) : "";
    std::string host, entities;
    for (const auto& [role, attributes] : alert.rule->entities) {
      for (const auto& [attribute, column] : attributes) {
        int index = FindField(*alert.schema, column);
        if (index < 0 || alert.batch.columns[index]->IsNull(alert.row)) continue;
        std::string value = packs::CellText(*alert.batch.columns[index], alert.row);
        if (value.empty()) continue;
        if (role == "host") {
          host = value;
          continue;
        }
        if (!entities.empty()) entities += ' ';
        entities += fmt::format("{}.{}={}", role, attribute, value);
      }
    }
    std::string ioc = alert.ioc != nullptr ? alert.ioc->Display() : "";
    std::string suppressed = alert.suppressed_by != nullptr ? alert.suppressed_by->id : "";
    std::vector<std::string> cells;
    if (full_) {
      cells = {time,
               alert.rule->severity,
               alert.rule->id,
               alert.rule->title,
               fmt::format("{}", fmt::join(alert.rule->tactics, ";")),
               fmt::format("{}", fmt::join(alert.rule->techniques, ";")),
               host,
               entities,
               ioc,
               alert.ioc != nullptr ? std::string(IocTypeName(alert.ioc->type)) : "",
               suppressed,
               sinks::AlertDedupKey(alert),
               sinks::EvidenceJson(alert),
               alert.source ? std::string(alert.source->file) : "",
               alert.source ? std::to_string(alert.source->offset) : ""};
    } else {
      std::string source = alert.source ? fmt::format("{}@{}", alert.source->file, alert.source->offset) : "";
      cells = {time, alert.rule->severity, alert.rule->id, host, entities, ioc, suppressed, source};
    }
    for (size_t i = 0; i < cells.size(); ++i) columns_[i]->AppendString(cells[i]);
    if (++rows_ == kBatchRows) Flush();
  }

  void End() override {
    Flush();
    writer_->End();
  }

 private:
  void NewBatch() {
    columns_.clear();
    for (size_t i = 0; i < schema_.size(); ++i) columns_.push_back(std::make_shared<Column>(Type::String));
    rows_ = 0;
  }
  void Flush() {
    if (rows_ == 0) return;
    Batch batch;
    batch.rows = rows_;
    for (auto& column : columns_) batch.columns.push_back(column);
    writer_->Write(batch);
    NewBatch();
  }

  bool full_;
  Schema schema_;
  std::unique_ptr<ResultWriter> writer_;
  std::vector<std::shared_ptr<Column>> columns_;
  size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<AlertWriter> MakeAlertWriter(std::string_view format, std::FILE* out) {
  if (format == "jsonl") return std::make_unique<JsonLinesAlertWriter>(out, false);
  if (format == "ocsf") return std::make_unique<JsonLinesAlertWriter>(out, true);
  if (format == "table" || format == "csv") return std::make_unique<TabularAlertWriter>(format, out);
  throw std::invalid_argument(fmt::format("unknown alert format '{}' (table, jsonl, csv, ocsf)", format));
}

}  // namespace iochound
