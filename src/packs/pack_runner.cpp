#include "packs/pack_runner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "common/diagnostics.h"
#include "intel/ioc_matcher.h"
#include "packs/sigma_rules.h"

namespace iochound::packs {

namespace {

// An exclusion ready to test rows: a structured `match` bound to the rule's result columns, or a
// Sigma filter's condition, which the rule's query computes as an extra boolean column.
struct BoundExclusion {
  const Exclusion* exclusion = nullptr;
  BoundCondition match;
  int keep_column = -1;  // Sigma filters: the row is suppressed unless this column is true

  bool Matches(const Batch& batch, size_t row) const {
    if (keep_column < 0) return match.Matches(batch, row);
    const Column& keep = *batch.columns[keep_column];
    return keep.IsNull(row) || keep.IntAt(row) == 0;
  }
};

}  // namespace

struct PackHunt::PreparedRule {
  const Pack* pack = nullptr;
  const Rule* rule = nullptr;
  std::unique_ptr<PreparedQuery> query;
  Schema schema;  // the rule's result columns: the query's, without the Sigma filter columns
  std::vector<BoundExclusion> exclusions;
  int time_index = -1;
  std::vector<std::pair<int, IocColumnKind>> ioc_columns;
  IocSet iocs;  // the pack's and the feeds', for this rule's matcher
  std::unique_ptr<IocMatcher> matcher;
  std::vector<std::string> tables;
  std::vector<std::string> inputs;
};

namespace {

bool AppliesTo(const Exclusion& exclusion, const Rule& rule) {
  if (exclusion.sigma_filter) return SigmaFilterReach(*exclusion.sigma_filter, rule) == FilterReach::kApplies;
  for (const auto& id : exclusion.rules) {
    if (id == "*" || id == rule.id) return true;
  }
  for (const auto& table : exclusion.tables) {
    for (const auto& requirement : rule.requires_data) {
      if (requirement.table == table) return true;
    }
  }
  return false;
}

int FindTimeColumn(const Rule& rule, const Schema& schema, std::vector<std::string>& errors) {
  if (!rule.time_column.empty()) {
    int index = FindField(schema, rule.time_column);
    if (index < 0 || schema[index].type != Type::DateTime) {
      errors.push_back(rule.mark.Format(fmt::format(
          "rule '{}': time column '{}' is not a datetime column of its results", rule.id, rule.time_column)));
    }
    return index;
  }
  for (const char* name : {"TimeGenerated", "Timestamp"}) {
    int index = FindField(schema, name);
    if (index >= 0 && schema[index].type == Type::DateTime) return index;
  }
  return -1;
}

void MatchIoc(const IocMatcher& matcher, IocColumnKind kind, std::string_view value,
              std::vector<const Ioc*>& out) {
  switch (kind) {
    case IocColumnKind::kDomain:
      return matcher.MatchDomain(value, out);
    case IocColumnKind::kUrl:
      return matcher.MatchUrl(value, out);
    case IocColumnKind::kIp:
      return matcher.MatchIp(value, out);
    case IocColumnKind::kIpList:
      return matcher.MatchIpList(value, out);
    case IocColumnKind::kHash:
      return matcher.MatchHash(value, out);
  }
}

}  // namespace

PackHunt::PackHunt(const std::vector<const Pack*>& packs, const std::vector<Exclusion>& local,
                   const HuntData& data)
    : data_(data) {
  for (const Pack* pack : packs) {
    for (const Rule& rule : pack->rules) {
      auto prepared = std::make_unique<PreparedRule>();
      prepared->pack = pack;
      prepared->rule = &rule;
      std::vector<std::string> missing;
      for (const auto& requirement : rule.requires_data) {
        prepared->tables.push_back(requirement.table);
        if (data.catalog->Find(requirement.table) == nullptr) {
          missing.push_back(requirement.table);
          continue;
        }
        auto inputs = data.inputs.find(requirement.table);
        if (inputs != data.inputs.end()) {
          prepared->inputs.insert(prepared->inputs.end(), inputs->second.begin(), inputs->second.end());
        }
      }
      if (!missing.empty()) {
        stats_.skipped.push_back(
            fmt::format("rule {}: no input for table {}", rule.id, fmt::join(missing, ", ")));
        continue;
      }
      std::vector<const Exclusion*> applicable;
      for (const auto& exclusion : pack->exclusions) {
        if (AppliesTo(exclusion, rule)) applicable.push_back(&exclusion);
      }
      for (const auto& exclusion : local) {
        if (AppliesTo(exclusion, rule)) applicable.push_back(&exclusion);
      }
      if (!PrepareQuery(*prepared, applicable)) continue;
      const Schema& schema = prepared->schema;
      prepared->time_index = FindTimeColumn(rule, schema, errors_);
      for (const auto& [role, attributes] : rule.entities) {
        for (const auto& [attribute, column] : attributes) {
          if (FindField(schema, column) < 0) {
            errors_.push_back(
                rule.mark.Format(fmt::format("rule '{}': entity {}.{} maps column '{}', which its "
                                             "results do not have",
                                             rule.id, role, attribute, column)));
          }
        }
      }
      for (const auto& [column, kind] : rule.ioc_columns) {
        int index = FindField(schema, column);
        if (index < 0) {
          errors_.push_back(rule.mark.Format(
              fmt::format("rule '{}': ioc_match column '{}' is not in its results", rule.id, column)));
          continue;
        }
        prepared->ioc_columns.emplace_back(index, kind);
      }
      if (!prepared->ioc_columns.empty()) {
        for (const auto& ioc : pack->iocs.iocs()) prepared->iocs.Add(ioc);
        if (data.feeds != nullptr) {
          for (const auto& ioc : data.feeds->iocs()) prepared->iocs.Add(ioc);
        }
        prepared->matcher = std::make_unique<IocMatcher>(prepared->iocs, DomainMatch::kSubdomain);
      }
      for (const Exclusion* exclusion : applicable) {
        if (exclusion->sigma_filter) continue;  // bound by PrepareQuery
        BoundExclusion bound{exclusion, {}, -1};
        std::string error = BoundCondition::Bind(exclusion->match, schema, rule.entities, bound.match);
        if (!error.empty()) {
          errors_.push_back(fmt::format("{} (exclusion '{}' on rule '{}')", error, exclusion->id, rule.id));
          continue;
        }
        prepared->exclusions.push_back(std::move(bound));
        stats_.exclusions.emplace(exclusion, 0);
      }
      // First match wins in the order the exclusions were given (pack, local files, Sigma filters).
      std::stable_sort(prepared->exclusions.begin(), prepared->exclusions.end(),
                       [&](const BoundExclusion& a, const BoundExclusion& b) {
                         return std::find(applicable.begin(), applicable.end(), a.exclusion) <
                                std::find(applicable.begin(), applicable.end(), b.exclusion);
                       });
      rules_.push_back(std::move(prepared));
    }
  }
}

PackHunt::~PackHunt() = default;

bool PackHunt::PrepareQuery(PreparedRule& prepared, const std::vector<const Exclusion*>& applicable) {
  // Each Sigma filter's condition becomes a column the rule's query computes after its own
  // operators, over its rows; the columns follow the rule's, so evidence (`schema`) leaves them out.
  const Rule& rule = *prepared.rule;
  std::string kql = rule.kql;
  std::vector<const Exclusion*> filters;
  for (const Exclusion* exclusion : applicable) {
    if (!exclusion->sigma_filter) continue;
    kql += fmt::format("\n| extend iochound_sigma_filter_{} = ({})", filters.size(),
                       exclusion->sigma_filter->condition);
    filters.push_back(exclusion);
  }
  try {
    prepared.query = Prepare(kql, *data_.catalog, data_.options);
  } catch (const QueryError& error) {
    // Whose error it is: the rule alone is compiled again only to tell.
    try {
      if (!filters.empty()) Prepare(rule.kql, *data_.catalog, data_.options);
    } catch (const QueryError& own) {
      errors_.push_back(
          fmt::format("rule {}: {}", rule.id, FormatQueryError(own, rule.kql, rule.query_origin)));
      return false;
    }
    if (filters.empty()) {
      errors_.push_back(
          fmt::format("rule {}: {}", rule.id, FormatQueryError(error, rule.kql, rule.query_origin)));
      return false;
    }
    std::vector<std::string> names;
    for (const Exclusion* filter : filters) names.push_back(filter->sigma_filter->path);
    errors_.push_back(fmt::format("rule {}: the Sigma filters {} do not apply to its results: {}", rule.id,
                                  fmt::join(names, ", "), error.what()));
    return false;
  }
  const Schema& full = prepared.query->schema();
  prepared.schema.assign(full.begin(), full.end() - static_cast<std::ptrdiff_t>(filters.size()));
  for (size_t i = 0; i < filters.size(); ++i) {
    prepared.exclusions.push_back({filters[i], {}, static_cast<int>(prepared.schema.size() + i)});
    stats_.exclusions.emplace(filters[i], 0);
  }
  return true;
}

void PackHunt::Run(const std::function<void(const Alert&)>& emit) {
  std::vector<PreparedQuery*> queries;
  for (const auto& prepared : rules_) {
    queries.push_back(prepared->query.get());
    stats_.rules[prepared->rule->id];  // every rule that ran is in the stats, with or without hits
  }
  std::vector<const Ioc*> matches;
  ExecuteSharingScans(queries, [&](size_t index, const Batch& batch) {
    const PreparedRule& prepared = *rules_[index];
    RuleStats& stats = stats_.rules[prepared.rule->id];
    const Schema& schema = prepared.schema;
    for (size_t row = 0; row < batch.rows; ++row) {
      Alert alert;
      alert.pack = prepared.pack;
      alert.rule = prepared.rule;
      alert.schema = &schema;
      alert.batch = batch;
      alert.row = row;
      alert.tables = &prepared.tables;
      alert.inputs = &prepared.inputs;
      if (batch.sources) alert.source = batch.sources->At(row);
      if (prepared.time_index >= 0 && !batch.columns[prepared.time_index]->IsNull(row)) {
        alert.time = batch.columns[prepared.time_index]->IntAt(row);
      }
      for (const auto& [index, kind] : prepared.ioc_columns) {
        const Column& column = *batch.columns[index];
        if (column.IsNull(row)) continue;
        std::string value = CellText(column, row);
        matches.clear();
        MatchIoc(*prepared.matcher, kind, value, matches);
        if (matches.empty()) continue;
        alert.ioc = matches.front();
        alert.ioc_column = schema[index].name;
        alert.ioc_matched = std::move(value);
        break;
      }
      for (const auto& exclusion : prepared.exclusions) {
        if (exclusion.Matches(batch, row)) {
          alert.suppressed_by = exclusion.exclusion;
          break;
        }
      }
      ++stats.hits;
      if (alert.suppressed_by != nullptr) {
        ++stats.suppressed;
        ++stats_.exclusions[alert.suppressed_by];
      } else {
        ++stats.alerts;
      }
      emit(alert);
    }
  });
}

}  // namespace iochound::packs
