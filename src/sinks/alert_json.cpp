#include "sinks/alert_json.h"

#include <fmt/format.h>

#include "packs/condition.h"
#include "sinks/sink_internal.h"
#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound::sinks {
namespace {

constexpr std::string_view kSchemaVersion = "iochound.alert/1";
constexpr std::string_view kProductVersion = "0.1.0";

void Key(std::string& out, std::string_view key) {
  if (out.back() != '{' && out.back() != '[') out += ',';
  AppendJsonString(out, key);
  out += ':';
}

void StringField(std::string& out, std::string_view key, std::string_view value) {
  Key(out, key);
  AppendJsonString(out, value);
}

void IntField(std::string& out, std::string_view key, int64_t value) {
  Key(out, key);
  out += std::to_string(value);
}

void StringArray(std::string& out, std::string_view key, const std::vector<std::string>& values) {
  Key(out, key);
  out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(out, values[i]);
  }
  out += ']';
}

std::string EntityValue(const packs::Alert& alert, const std::string& column) {
  int index = FindField(*alert.schema, column);
  if (index < 0 || alert.batch.columns[index]->IsNull(alert.row)) return "";
  return packs::CellText(*alert.batch.columns[index], alert.row);
}

void Entities(std::string& out, const packs::Alert& alert) {
  Key(out, "entities");
  out += '{';
  for (const auto& [role, attributes] : alert.rule->entities) {
    std::string object = "{";
    for (const auto& [attribute, column] : attributes) {
      std::string value = EntityValue(alert, column);
      if (!value.empty()) StringField(object, attribute, value);
    }
    if (object.size() == 1) continue;  // every attribute empty: the row does not have this entity
    Key(out, role);
    out += object;
    out += '}';
  }
  out += '}';
}

void IocObject(std::string& out, const packs::Alert& alert) {
  const Ioc& ioc = *alert.ioc;
  Key(out, "ioc");
  out += '{';
  StringField(out, "type", IocTypeName(ioc.type));
  StringField(out, "value", ioc.Display());
  StringField(out, "column", alert.ioc_column);
  StringField(out, "matched", alert.ioc_matched);
  if (!ioc.threat_type.empty()) StringField(out, "threat_type", ioc.threat_type);
  if (!ioc.family_name.empty() || !ioc.family.empty()) {
    StringField(out, "family", ioc.family_name.empty() ? ioc.family : ioc.family_name);
  }
  if (ioc.confidence >= 0) IntField(out, "confidence", ioc.confidence);
  if (ioc.first_seen)
    StringField(out, "first_seen", FormatDateTime(*ioc.first_seen, FractionDigits::kMinimal));
  if (ioc.last_seen) StringField(out, "last_seen", FormatDateTime(*ioc.last_seen, FractionDigits::kMinimal));
  if (!ioc.reference.empty()) StringField(out, "reference", ioc.reference);
  if (!ioc.tags.empty()) StringArray(out, "tags", ioc.tags);
  StringArray(out, "sources", ioc.sources);
  out += '}';
}

std::string Origin(const packs::SourceMark& mark) {
  return fmt::format("{}:{}", mark.file, mark.line);
}

uint64_t Fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

int SeverityId(std::string_view severity) {
  if (severity == "informational") return 1;
  if (severity == "low") return 2;
  if (severity == "medium") return 3;
  if (severity == "high") return 4;
  if (severity == "critical") return 5;
  return 0;
}

std::string Capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace

std::string EvidenceJson(const packs::Alert& alert) {
  std::string out = "{";
  for (size_t i = 0; i < alert.schema->size(); ++i) {
    Key(out, (*alert.schema)[i].name);
    AppendJsonCell(out, *alert.batch.columns[i], alert.row);
  }
  out += '}';
  return out;
}

std::string AlertDedupKey(const packs::Alert& alert) {
  uint64_t hash = Fnv1a(alert.pack->id);
  hash = Fnv1a(std::string_view("\0", 1), hash);
  hash = Fnv1a(alert.rule->id, hash);
  hash = Fnv1a(std::string_view("\0", 1), hash);
  hash = Fnv1a(EvidenceJson(alert), hash);
  return fmt::format("{:016x}", hash);
}

std::string AlertJson(const packs::Alert& alert) {
  const packs::Rule& rule = *alert.rule;
  std::string out = "{";
  StringField(out, "schema", kSchemaVersion);
  StringField(out, "dedup_key", AlertDedupKey(alert));
  Key(out, "rule");
  out += '{';
  StringField(out, "id", rule.id);
  StringField(out, "title", rule.title);
  StringField(out, "severity", rule.severity);
  StringField(out, "pack", alert.pack->id);
  Key(out, "mitre");
  out += '{';
  StringArray(out, "tactics", rule.tactics);
  StringArray(out, "techniques", rule.techniques);
  out += "}}";
  Key(out, "time");
  if (alert.time) {
    AppendJsonString(out, FormatDateTime(*alert.time, FractionDigits::kMinimal));
  } else {
    out += "null";
  }
  Entities(out, alert);
  if (alert.ioc != nullptr) IocObject(out, alert);
  Key(out, "evidence");
  out += EvidenceJson(alert);
  Key(out, "source");
  out += '{';
  StringArray(out, "tables", *alert.tables);
  StringArray(out, "inputs", *alert.inputs);
  Key(out, "file");
  if (alert.source) {
    AppendJsonString(out, alert.source->file);
  } else {
    out += "null";
  }
  Key(out, "offset");
  out += alert.source ? std::to_string(alert.source->offset) : "null";
  out += '}';
  if (alert.suppressed_by != nullptr) {
    Key(out, "suppressed_by");
    out += '{';
    StringField(out, "id", alert.suppressed_by->id);
    StringField(out, "origin", Origin(alert.suppressed_by->mark));
    StringField(out, "rationale", alert.suppressed_by->rationale);
    out += '}';
  }
  out += '}';
  return out;
}

// OCSF 1.1.0 Detection Finding: https://schema.ocsf.io/1.1.0/classes/detection_finding
std::string OcsfDetectionFinding(const packs::Alert& alert) {
  const packs::Rule& rule = *alert.rule;
  std::string out = "{";
  IntField(out, "class_uid", 2004);
  StringField(out, "class_name", "Detection Finding");
  IntField(out, "category_uid", 2);
  StringField(out, "category_name", "Findings");
  IntField(out, "activity_id", 1);
  StringField(out, "activity_name", "Create");
  IntField(out, "type_uid", 200401);  // class_uid * 100 + activity_id
  IntField(out, "severity_id", SeverityId(rule.severity));
  StringField(out, "severity", Capitalized(rule.severity));
  IntField(out, "status_id", alert.suppressed_by != nullptr ? 3 : 1);
  StringField(out, "status", alert.suppressed_by != nullptr ? "Suppressed" : "New");
  if (alert.time) IntField(out, "time", *alert.time / 10'000);  // epoch milliseconds
  Key(out, "metadata");
  out += '{';
  StringField(out, "version", "1.1.0");
  Key(out, "product");
  out += '{';
  StringField(out, "name", "iochound");
  StringField(out, "vendor_name", "iochound");
  StringField(out, "version", kProductVersion);
  out += '}';
  StringField(out, "uid", AlertDedupKey(alert));
  out += '}';
  Key(out, "finding_info");
  out += '{';
  StringField(out, "uid", AlertDedupKey(alert));
  StringField(out, "title", rule.title);
  if (!rule.description.empty()) StringField(out, "desc", rule.description);
  Key(out, "analytic");
  out += '{';
  StringField(out, "uid", rule.id);
  StringField(out, "name", rule.title);
  IntField(out, "type_id", 1);
  StringField(out, "type", "Rule");
  out += '}';
  Key(out, "attacks");
  out += '[';
  for (const auto& technique : rule.techniques) {
    if (out.back() != '[') out += ',';
    out += "{\"technique\":{";
    StringField(out, "uid", technique);
    out += "}}";
  }
  for (const auto& tactic : rule.tactics) {
    if (out.back() != '[') out += ',';
    out += "{\"tactic\":{";
    StringField(out, tactic.starts_with("TA") ? "uid" : "name", tactic);
    out += "}}";
  }
  out += "]}";
  Key(out, "evidences");
  out += "[{";
  Key(out, "data");
  out += EvidenceJson(alert);
  out += "}]";
  // iochound's own alert object keeps what OCSF has no attribute for: entities, IOC, suppression.
  Key(out, "unmapped");
  out += AlertJson(alert);
  out += '}';
  return out;
}

}  // namespace iochound::sinks
