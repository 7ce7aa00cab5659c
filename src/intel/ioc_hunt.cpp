#include "intel/ioc_hunt.h"

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "types/value.h"

namespace iochound {
namespace {

bool EndsWithNoCase(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = text[text.size() - suffix.size() + i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != suffix[i]) return false;
  }
  return true;
}

bool IsOneOf(std::string_view column, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    if (column == name) return true;
  }
  return false;
}

// The alert rows of one batch of the scanned table.
struct Alerts {
  std::vector<std::string> columns, matched;
  std::vector<const Ioc*> iocs;
  std::vector<uint32_t> rows;
};

Dynamic EvidenceRow(const Schema& schema, const Batch& batch, size_t row) {
  Dynamic::Object members;
  for (size_t c = 0; c < schema.size(); ++c) {
    members.emplace_back(schema[c].name, ToDynamic(batch.columns[c]->ValueAt(row)));
  }
  return Dynamic::MakeObject(std::move(members));
}

Batch AlertBatch(std::string_view table, const Schema& schema, const Batch& batch, const Alerts& alerts,
                 IocListColumns lists) {
  size_t n = alerts.iocs.size();
  Batch iocs = IocBatch(alerts.iocs, 0, n, lists);
  std::array<std::shared_ptr<Column>, 3> where = {std::make_shared<Column>(Type::String),
                                                  std::make_shared<Column>(Type::String),
                                                  std::make_shared<Column>(Type::String)};
  auto evidence = std::make_shared<Column>(Type::Dynamic);
  for (size_t i = 0; i < n; ++i) {
    where[0]->AppendString(table);
    where[1]->AppendString(alerts.columns[i]);
    where[2]->AppendString(alerts.matched[i]);
    evidence->AppendDynamic(EvidenceRow(schema, batch, alerts.rows[i]));
  }
  Batch out;
  out.columns.assign(where.begin(), where.end());
  out.rows = n;
  out.columns.insert(out.columns.end(), iocs.columns.begin(), iocs.columns.end());
  out.columns.push_back(evidence);
  return out;
}

}  // namespace

std::optional<HuntField> ClassifyHuntColumn(std::string_view table, std::string_view column) {
  if (table == "DnsEvents" && column == "Name") return HuntField::kDomain;
  if (column == "IPAddresses") return HuntField::kIpList;
  if (IsOneOf(column, {"QueryName", "DnsQuery", "DestinationHostname", "DestinationHostName"})) {
    return HuntField::kDomain;
  }
  if (IsOneOf(column,
              {"RemoteUrl", "Url", "URL", "RequestURL", "RequestUrl", "FileOriginUrl", "UrlOriginal"})) {
    return HuntField::kUrl;
  }
  if (IsOneOf(column, {"RemoteIP", "RemoteIPAddress", "DestinationIP", "DestinationIp",
                       "DestinationIPAddress", "DstIpAddr"})) {
    return HuntField::kIp;
  }
  for (std::string_view hash : {"MD5", "SHA1", "SHA256", "SHA384"}) {
    if (EndsWithNoCase(column, hash)) return HuntField::kHash;
  }
  return std::nullopt;
}

Schema AlertSchema(IocListColumns lists) {
  Schema schema{{"Table", Type::String}, {"Column", Type::String}, {"Matched", Type::String}};
  for (Field& field : IocSchema(lists)) schema.push_back(std::move(field));
  schema.push_back({"Evidence", Type::Dynamic});
  return schema;
}

ScanHints HuntScanHints(const IocMatcher& matcher, bool prefilter, int threads) {
  ScanHints hints;
  hints.threads = threads;
  if (!prefilter) return hints;
  for (std::string& text : matcher.RawTexts()) hints.literals.push_back({std::move(text), false, true, true});
  hints.non_ascii_may_match = matcher.MatchesNonAscii();
  return hints;
}

bool HuntTable(std::string_view name, TableSource& table, const IocMatcher& matcher, IocListColumns lists,
               ScanHints hints, ResultWriter& writer, HuntStats& stats) {
  const Schema& schema = table.schema();
  std::vector<std::pair<size_t, HuntField>> hunted;
  for (size_t c = 0; c < schema.size(); ++c) {
    if (schema[c].type != Type::String) continue;
    if (auto field = ClassifyHuntColumn(name, schema[c].name)) hunted.emplace_back(c, *field);
  }
  if (hunted.empty()) return false;
  std::vector<int> all(schema.size());
  for (size_t c = 0; c < all.size(); ++c) all[c] = static_cast<int>(c);
  std::atomic<uint64_t> ruled_out{0};
  hints.records_ruled_out = &ruled_out;
  auto stream = table.Scan(all, hints);
  std::vector<const Ioc*> found;
  while (auto batch = stream->Next()) {
    stats.rows += batch->rows;
    Alerts alerts;
    for (size_t row = 0; row < batch->rows; ++row) {
      for (auto [c, field] : hunted) {
        const Column& column = *batch->columns[c];
        if (column.IsNull(row)) continue;
        std::string_view value = column.StringAt(row);
        found.clear();
        switch (field) {
          case HuntField::kDomain:
            matcher.MatchDomain(value, found);
            break;
          case HuntField::kUrl:
            matcher.MatchUrl(value, found);
            break;
          case HuntField::kIp:
            matcher.MatchIp(value, found);
            break;
          case HuntField::kIpList:
            matcher.MatchIpList(value, found);
            break;
          case HuntField::kHash:
            matcher.MatchHash(value, found);
            break;
        }
        for (const Ioc* ioc : found) {
          alerts.columns.push_back(schema[c].name);
          alerts.matched.emplace_back(value);
          alerts.iocs.push_back(ioc);
          alerts.rows.push_back(static_cast<uint32_t>(row));
          ++stats.alerts_by_ioc_type[std::string(IocTypeName(ioc->type))];
        }
      }
    }
    stats.alerts += alerts.iocs.size();
    if (!alerts.iocs.empty()) writer.Write(AlertBatch(name, schema, *batch, alerts, lists));
  }
  stats.rows += ruled_out.load();
  return true;
}

}  // namespace iochound
