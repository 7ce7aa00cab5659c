#include "intel/field_mapping.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <stdexcept>

#include "common/file_text.h"
#include "intel/csv_line.h"

namespace iochound {
namespace {

constexpr std::array<std::string_view, 13> kFields = {
    "value",      "type",       "port",      "threat_type", "family", "family_name", "aliases",
    "confidence", "first_seen", "last_seen", "reference",   "tags",   "reporter"};

// openhunting.io re-publishes ThreatFox per family as one object: values grouped by IOC type under
// ioc_data[].ioc, with the family stated once per ioc_data element.
constexpr std::string_view kOpenHunting = R"(records = ioc_data[].ioc.*[]
value = value
type = @key
first_seen = timestamp
family = /ioc_data[].malware
family_name = /ioc_data[].malware_printable
aliases = /ioc_data[].malware_alias
tags = /ioc_data[].tags
)";

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// Adds `field=source` to `mapping`; returns an error message, empty on success.
std::string AddEntry(std::string_view entry, FieldMapping& mapping) {
  size_t eq = entry.find('=');
  if (eq == std::string_view::npos) return fmt::format("expected FIELD=SOURCE, got '{}'", entry);
  std::string field(Trim(entry.substr(0, eq)));
  std::string source(Trim(entry.substr(eq + 1)));
  if (source.empty()) return fmt::format("no source for field '{}'", field);
  if (field == "records") {
    mapping.records = source;
  } else if (FieldMapping::IsField(field)) {
    mapping.fields[field] = source;
  } else {
    return fmt::format("unknown IOC field '{}' (known: records, {})", field, fmt::join(kFields, ", "));
  }
  return {};
}

void RequireValue(const FieldMapping& mapping, std::string_view origin) {
  if (!mapping.fields.contains("value")) {
    throw std::invalid_argument(fmt::format("{}: the mapping must give 'value'", origin));
  }
}

FieldMapping ParseMappingText(std::string_view text, std::string_view origin) {
  FieldMapping mapping;
  std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (line.empty() || line.front() == '#') continue;
    std::string error = AddEntry(line, mapping);
    if (!error.empty()) throw std::invalid_argument(fmt::format("{}:{}: {}", origin, i + 1, error));
  }
  RequireValue(mapping, origin);
  return mapping;
}

}  // namespace

bool FieldMapping::IsField(std::string_view name) {
  return std::find(kFields.begin(), kFields.end(), name) != kFields.end();
}

FieldMapping ParseFieldSpec(std::string_view spec) {
  FieldMapping mapping;
  size_t begin = 0;
  while (begin <= spec.size()) {
    size_t end = std::min(spec.find(',', begin), spec.size());
    std::string_view entry = Trim(spec.substr(begin, end - begin));
    if (!entry.empty()) {
      std::string error = AddEntry(entry, mapping);
      if (!error.empty()) throw std::invalid_argument(fmt::format("--ioc-fields: {}", error));
    }
    begin = end + 1;
  }
  RequireValue(mapping, "--ioc-fields");
  return mapping;
}

FieldMapping LoadFieldMapping(const std::string& name_or_path) {
  if (!std::filesystem::exists(name_or_path)) {
    if (name_or_path == "openhunting") return ParseMappingText(kOpenHunting, "openhunting");
    throw std::invalid_argument(fmt::format(
        "--ioc-mapping: '{}' is neither a file nor a built-in mapping (openhunting)", name_or_path));
  }
  std::optional<std::string> text = ReadFileText(name_or_path);
  if (!text) throw std::invalid_argument(fmt::format("cannot read mapping file '{}'", name_or_path));
  return ParseMappingText(*text, name_or_path);
}

}  // namespace iochound
