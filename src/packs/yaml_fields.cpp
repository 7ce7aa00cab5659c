#include "packs/yaml_fields.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/suggest.h"

namespace iochound::packs {

SourceMark YamlContext::MarkOf(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file_, 0, 0};
  return {file_, mark.line + 1, mark.column + 1};
}

void YamlContext::Error(const YAML::Node& node, std::string_view message) {
  errors_.push_back(MarkOf(node).Format(message));
}

bool YamlContext::ExpectMap(const YAML::Node& node, std::string_view what,
                            const std::vector<std::string>& allowed) {
  if (!node.IsMap()) {
    Error(node, fmt::format("{} must be a map of keys to values", what));
    return false;
  }
  for (const auto& entry : node) {
    std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      Error(entry.first, fmt::format("unknown key '{}' in {}{}", key, what, DidYouMean(key, allowed)));
    }
  }
  return true;
}

std::string YamlContext::String(const YAML::Node& map, std::string_view key, bool required) {
  YAML::Node value = map[std::string(key)];
  if (!value) {
    if (required) Error(map, fmt::format("missing required key '{}'", key));
    return "";
  }
  if (!value.IsScalar()) {
    Error(value, fmt::format("'{}' must be a single value", key));
    return "";
  }
  if (required && value.Scalar().empty()) Error(value, fmt::format("'{}' must not be empty", key));
  return value.Scalar();
}

std::vector<std::string> YamlContext::StringList(const YAML::Node& map, std::string_view key, bool required) {
  YAML::Node value = map[std::string(key)];
  std::vector<std::string> list;
  if (!value) {
    if (required) Error(map, fmt::format("missing required key '{}'", key));
    return list;
  }
  if (value.IsScalar()) {
    list.push_back(value.Scalar());
  } else if (value.IsSequence()) {
    for (const auto& item : value) {
      if (item.IsScalar()) {
        list.push_back(item.Scalar());
      } else {
        Error(item, fmt::format("'{}' must be a list of single values", key));
      }
    }
  } else {
    Error(value, fmt::format("'{}' must be a value or a list of values", key));
  }
  if (required && list.empty()) Error(value, fmt::format("'{}' must not be empty", key));
  return list;
}

std::vector<std::pair<std::string, std::string>> YamlContext::StringMap(const YAML::Node& map,
                                                                        std::string_view key) {
  YAML::Node value = map[std::string(key)];
  std::vector<std::pair<std::string, std::string>> entries;
  if (!value) return entries;
  if (!value.IsMap()) {
    Error(value, fmt::format("'{}' must be a map", key));
    return entries;
  }
  for (const auto& entry : value) {
    if (!entry.second.IsScalar()) {
      Error(entry.second, fmt::format("'{}.{}' must be a single value", key, entry.first.Scalar()));
      continue;
    }
    entries.emplace_back(entry.first.Scalar(), entry.second.Scalar());
  }
  return entries;
}

}  // namespace iochound::packs
