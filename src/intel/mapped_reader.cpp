#include "intel/mapped_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "intel/csv_line.h"
#include "intel/feed_json.h"
#include "intel/feed_values.h"
#include "intel/json_path.h"

namespace iochound {
namespace {

bool IsLiteral(std::string_view source) {
  return source.size() >= 2 && source.front() == '\'' && source.back() == '\'';
}

bool IsListField(std::string_view field) {
  return field == "aliases" || field == "tags";
}

// The IOC fields of one record, by mapping field name: list fields as items, others as text.
using RecordFields = std::map<std::string, std::vector<std::string>>;

FeedRecord BuildRecord(RecordFields fields, uint64_t line) {
  auto text = [&](const char* name) {
    auto it = fields.find(name);
    if (it == fields.end() || it->second.empty() || IsNullText(it->second.front())) return std::string();
    return it->second.front();
  };
  FeedRecord record;
  record.line = line;
  record.value = text("value");
  record.type = text("type");
  if (std::string port = text("port"); !port.empty()) {
    record.value += ":" + port;
    if (record.type.empty() || ParseIocType(record.type) == IocType::kIp) record.type = "ip:port";
  }
  Ioc& meta = record.meta;
  meta.threat_type = text("threat_type");
  meta.family = text("family");
  meta.family_name = text("family_name");
  meta.aliases = std::move(fields["aliases"]);
  meta.confidence = ParseConfidence(text("confidence"));
  meta.first_seen = ParseFeedTime(text("first_seen"));
  meta.last_seen = ParseFeedTime(text("last_seen"));
  meta.reference = text("reference");
  meta.tags = std::move(fields["tags"]);
  meta.reporter = text("reporter");
  return record;
}

// A mapping source compiled against the records path.
struct JsonSource {
  enum class Kind { kPath, kKey, kLiteral } kind = Kind::kPath;
  std::vector<PathStep> steps;
  size_t shared = 0;  // for root paths: steps shared with the records path
  bool from_root = false;
  std::string literal;
};

class JsonMapping {
 public:
  explicit JsonMapping(const FieldMapping& mapping) {
    records_ = ParseJsonPath(mapping.records);
    for (const auto& [field, source] : mapping.fields) {
      JsonSource compiled;
      if (source == "@key") {
        compiled.kind = JsonSource::Kind::kKey;
      } else if (IsLiteral(source)) {
        compiled.kind = JsonSource::Kind::kLiteral;
        compiled.literal = source.substr(1, source.size() - 2);
      } else if (source.front() == '/') {
        compiled.from_root = true;
        compiled.steps = ParseJsonPath(std::string_view(source).substr(1));
        while (compiled.shared < std::min(compiled.steps.size(), records_.size()) &&
               compiled.steps[compiled.shared] == records_[compiled.shared]) {
          ++compiled.shared;
        }
      } else {
        compiled.steps = ParseJsonPath(source);
      }
      sources_.emplace(field, std::move(compiled));
    }
  }

  void Read(simdjson::dom::element root, uint64_t line, FeedSink& sink) const {
    std::vector<PathStep> records = records_;
    // Without a records path a root array holds the records, and anything else is one.
    if (records.empty() && root.is_array()) records.push_back({PathStep::Kind::kEach, {}});
    WalkJsonPath(root, records, [&](const PathContext& context) {
      RecordFields fields;
      for (const auto& [field, source] : sources_) fields[field] = Evaluate(source, field, context);
      sink.Add(BuildRecord(std::move(fields), line));
    });
  }

 private:
  std::vector<std::string> Evaluate(const JsonSource& source, const std::string& field,
                                    const PathContext& context) const {
    if (source.kind == JsonSource::Kind::kKey) return {std::string(context.key)};
    if (source.kind == JsonSource::Kind::kLiteral) return {source.literal};
    std::vector<simdjson::dom::element> found =
        source.from_root ? EvaluateJsonPath(context.elements[source.shared], source.steps, source.shared)
                         : EvaluateJsonPath(context.elements.back(), source.steps);
    std::vector<std::string> out;
    for (simdjson::dom::element element : found) {
      if (IsListField(field)) {
        for (auto& item : JsonList(element)) out.push_back(std::move(item));
      } else {
        out.push_back(JsonText(element));
      }
    }
    return out;
  }

  std::vector<PathStep> records_;
  std::map<std::string, JsonSource> sources_;
};

}  // namespace

void ReadMappedJson(simdjson::dom::element root, const FieldMapping& mapping, FeedSink& sink) {
  JsonMapping(mapping).Read(root, 0, sink);
}

void ReadMappedJsonLines(std::string_view text, const FieldMapping& mapping, FeedSink& sink) {
  JsonMapping compiled(mapping);
  simdjson::dom::parser parser;
  std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") == std::string_view::npos) continue;
    simdjson::dom::element root;
    if (auto error = parser.parse(simdjson::padded_string(lines[i])).get(root); error) {
      sink.Reject(i + 1, fmt::format("invalid JSON: {}", simdjson::error_message(error)));
      continue;
    }
    compiled.Read(root, i + 1, sink);
  }
}

void ReadMappedCsv(std::string_view text, const FieldMapping& mapping, FeedSink& sink) {
  std::vector<std::string_view> lines = SplitLines(text);
  size_t header_line = 0;
  while (header_line < lines.size() && (lines[header_line].empty() || lines[header_line].front() == '#')) {
    ++header_line;
  }
  if (header_line == lines.size()) return;
  auto header = SplitCsvLine(lines[header_line]);
  if (!header) {
    sink.Reject(header_line + 1, "unterminated quoted field in the header");
    return;
  }
  std::map<std::string, int> columns;  // mapping field -> column, -1 for literals
  for (const auto& [field, source] : mapping.fields) {
    if (IsLiteral(source)) {
      columns[field] = -1;
      continue;
    }
    auto it = std::find(header->begin(), header->end(), source);
    if (it == header->end()) {
      throw std::invalid_argument(
          fmt::format("the CSV header has no column '{}' (mapped to {})", source, field));
    }
    columns[field] = static_cast<int>(it - header->begin());
  }
  for (size_t i = header_line + 1; i < lines.size(); ++i) {
    if (lines[i].empty() || lines[i].front() == '#') continue;
    auto row = SplitCsvLine(lines[i]);
    if (!row || row->size() != header->size()) {
      sink.Reject(i + 1, row ? fmt::format("expected {} fields as the header names, got {}", header->size(),
                                           row->size())
                             : "unterminated quoted field");
      continue;
    }
    RecordFields fields;
    for (const auto& [field, column] : columns) {
      const std::string& source = mapping.fields.at(field);
      std::string text = column < 0 ? source.substr(1, source.size() - 2) : (*row)[column];
      fields[field] = IsListField(field) ? SplitList(text) : std::vector<std::string>{text};
    }
    sink.Add(BuildRecord(std::move(fields), i + 1));
  }
}

}  // namespace iochound
