#include "intel/ti_table.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "normalizers/batches_table.h"
#include "normalizers/table_schemas.h"
#include "types/datetime.h"
#include "types/value.h"

namespace iochound {
namespace {

constexpr std::string_view kTable = "ThreatIntelligenceIndicator";

Schema IndicatorSchema() {
  const Schema* builtin = FindBuiltinSchema(kTable);
  if (builtin == nullptr) throw std::logic_error("no built-in ThreatIntelligenceIndicator schema");
  Schema schema;
  for (const Field& field : *builtin) {
    if (!IsHiddenStandardColumn(field.name)) schema.push_back(field);
  }
  return schema;
}

std::string_view HashTypeName(IocType type) {
  switch (type) {
    case IocType::kMd5:
      return "MD5";
    case IocType::kSha1:
      return "SHA1";
    case IocType::kSha256:
      return "SHA256";
    default:
      return "SHA384";
  }
}

std::string OptionalDate(const std::optional<int64_t>& ticks) {
  return ticks ? FormatDateTime(*ticks, FractionDigits::kMinimal) : "unknown";
}

// Fills the row's columns for one IOC; columns not set stay null.
class RowBuilder {
 public:
  explicit RowBuilder(const Schema& schema) : schema_(schema), row_(schema.size()) {}

  void Set(std::string_view column, Value value) {
    int index = FindField(schema_, column);
    if (index < 0) throw std::logic_error(fmt::format("{} has no column {}", kTable, column));
    row_[index] = std::move(value);
  }
  void SetText(std::string_view column, std::string text) {
    if (!text.empty()) Set(column, Value::String(std::move(text)));
  }
  void AppendTo(std::vector<std::shared_ptr<Column>>& columns) {
    for (size_t i = 0; i < row_.size(); ++i) {
      if (row_[i].is_null()) {
        columns[i]->AppendNull();
      } else {
        columns[i]->Append(row_[i]);
      }
      row_[i] = Value();
    }
  }

 private:
  const Schema& schema_;
  std::vector<Value> row_;
};

void FillRow(const Ioc& ioc, int64_t loaded_at, RowBuilder& row) {
  row.SetText("IndicatorId", fmt::format("{}:{}", IocTypeName(ioc.type), ioc.Display()));
  switch (ioc.type) {
    case IocType::kDomain:
      row.SetText("DomainName", ioc.value);
      break;
    case IocType::kUrl:
      row.SetText("Url", ioc.value);
      break;
    case IocType::kIp:
    case IocType::kIpPort:
      // Rules read either column (NetworkIP in most, NetworkDestinationIP in the connection ones).
      row.SetText("NetworkIP", ioc.value);
      row.SetText("NetworkDestinationIP", ioc.value);
      if (ioc.type == IocType::kIpPort) {
        row.Set("NetworkPort", Value::Int(ioc.port));
        row.Set("NetworkDestinationPort", Value::Int(ioc.port));
      }
      break;
    case IocType::kFilename:
      row.SetText("FileName", ioc.value);
      break;
    default:
      row.SetText("FileHashValue", ioc.value);
      row.SetText("FileHashType", std::string(HashTypeName(ioc.type)));
  }
  if (ioc.confidence >= 0) row.Set("ConfidenceScore", Value::Real(ioc.confidence));
  row.SetText("ThreatType", ioc.threat_type);
  row.SetText("Description", ioc.family_name.empty() ? ioc.family : ioc.family_name);
  row.SetText("MalwareNames", ioc.family);
  row.SetText("Tags", fmt::format("{}", fmt::join(ioc.tags, ",")));
  row.SetText("IndicatorProvider", ioc.reporter);
  row.SetText("SourceSystem", fmt::format("{}", fmt::join(ioc.sources, ",")));
  row.SetText("ExternalIndicatorId", ioc.reference);
  row.SetText(
      "AdditionalInformation",
      fmt::format("first seen {}, last seen {}", OptionalDate(ioc.first_seen), OptionalDate(ioc.last_seen)));
  row.Set("Active", Value::Bool(true));
  row.SetText("Action", "alert");
  row.Set("TimeGenerated", Value::DateTime(loaded_at));
  row.Set("ExpirationDateTime", Value::DateTime(loaded_at + kIndicatorValidityDays * kTicksPerDay));
  row.SetText("Type", std::string(kTable));
}

// The table's rows, kBatchRows a batch, built once when the feeds are loaded.
std::vector<Batch> IndicatorBatches(const IocSet& iocs, int64_t loaded_at, const Schema& schema) {
  std::vector<Batch> batches;
  RowBuilder row(schema);
  const auto& all = iocs.iocs();
  for (size_t begin = 0; begin < all.size(); begin += kBatchRows) {
    size_t end = std::min(all.size(), begin + kBatchRows);
    std::vector<std::shared_ptr<Column>> columns;
    for (const Field& field : schema) {
      columns.push_back(std::make_shared<Column>(field.type));
      columns.back()->Reserve(end - begin);
    }
    for (size_t i = begin; i < end; ++i) {
      FillRow(all[i], loaded_at, row);
      row.AppendTo(columns);
    }
    Batch& batch = batches.emplace_back();
    batch.columns.assign(columns.begin(), columns.end());
    batch.rows = end - begin;
  }
  return batches;
}

}  // namespace

std::shared_ptr<TableSource> MakeThreatIntelTable(const IocSet& iocs, int64_t loaded_at) {
  Schema schema = IndicatorSchema();
  std::vector<Batch> batches = IndicatorBatches(iocs, loaded_at, schema);
  return std::make_shared<BatchesTable>(std::move(schema), std::move(batches));
}

}  // namespace iochound
