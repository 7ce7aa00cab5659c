#include "intel/ioc_table.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

namespace iochound {
namespace {

enum ColumnIndex {
  kValue,
  kType,
  kThreatType,
  kFamily,
  kFamilyName,
  kAliases,
  kConfidence,
  kFirstSeen,
  kLastSeen,
  kReference,
  kTags,
  kReporter,
  kSources
};

void AppendList(Column& column, const std::vector<std::string>& items) {
  if (column.type() == Type::String) {
    column.AppendString(fmt::format("{}", fmt::join(items, ";")));
    return;
  }
  Dynamic::Array array;
  for (const auto& item : items) array.push_back(Dynamic::MakeString(item));
  column.AppendDynamic(Dynamic::MakeArray(std::move(array)));
}

void AppendTime(Column& column, const std::optional<int64_t>& ticks) {
  if (ticks) {
    column.AppendInt(*ticks);
  } else {
    column.AppendNull();
  }
}

}  // namespace

Schema IocSchema(IocListColumns lists) {
  Type list = lists == IocListColumns::kDynamic ? Type::Dynamic : Type::String;
  return Schema{{"Value", Type::String},
                {"Type", Type::String},
                {"ThreatType", Type::String},
                {"Family", Type::String},
                {"FamilyName", Type::String},
                {"Aliases", list},
                {"Confidence", Type::Long},
                {"FirstSeen", Type::DateTime},
                {"LastSeen", Type::DateTime},
                {"Reference", Type::String},
                {"Tags", list},
                {"Reporter", Type::String},
                {"Sources", list}};
}

Batch IocBatch(const std::vector<const Ioc*>& iocs, size_t begin, size_t end, IocListColumns lists) {
  Schema schema = IocSchema(lists);
  std::vector<std::shared_ptr<Column>> columns;
  for (const Field& field : schema) {
    columns.push_back(std::make_shared<Column>(field.type));
    columns.back()->Reserve(end - begin);
  }
  for (size_t i = begin; i < end; ++i) {
    const Ioc& ioc = *iocs[i];
    columns[kValue]->AppendString(ioc.Display());
    columns[kType]->AppendString(IocTypeName(ioc.type));
    columns[kThreatType]->AppendString(ioc.threat_type);
    columns[kFamily]->AppendString(ioc.family);
    columns[kFamilyName]->AppendString(ioc.family_name);
    AppendList(*columns[kAliases], ioc.aliases);
    if (ioc.confidence >= 0) {
      columns[kConfidence]->AppendInt(ioc.confidence);
    } else {
      columns[kConfidence]->AppendNull();
    }
    AppendTime(*columns[kFirstSeen], ioc.first_seen);
    AppendTime(*columns[kLastSeen], ioc.last_seen);
    columns[kReference]->AppendString(ioc.reference);
    AppendList(*columns[kTags], ioc.tags);
    columns[kReporter]->AppendString(ioc.reporter);
    AppendList(*columns[kSources], ioc.sources);
  }
  Batch batch;
  batch.rows = end - begin;
  for (auto& column : columns) batch.columns.push_back(std::move(column));
  return batch;
}

}  // namespace iochound
