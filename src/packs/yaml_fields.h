// Reading YAML maps strictly, for files people write by hand: every key checked against the ones
// allowed (an unknown key is an error with a suggestion, never ignored), every error located as
// FILE:LINE:COLUMN.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "packs/condition.h"

namespace iochound::packs {

// Collects errors for one file.
class YamlContext {
 public:
  explicit YamlContext(std::string file) : file_(std::move(file)) {}

  SourceMark MarkOf(const YAML::Node& node) const;
  void Error(const YAML::Node& node, std::string_view message);
  std::vector<std::string>& errors() { return errors_; }
  const std::string& file() const { return file_; }

  // False (with an error) unless `node` is a map; then reports each key not in `allowed`.
  bool ExpectMap(const YAML::Node& node, std::string_view what, const std::vector<std::string>& allowed);
  // The scalar under `key`; "" when absent (an error when `required`, or when it is not a scalar).
  std::string String(const YAML::Node& map, std::string_view key, bool required);
  // A scalar or a list of scalars under `key`; empty when absent (an error when `required`).
  std::vector<std::string> StringList(const YAML::Node& map, std::string_view key, bool required);
  // A map of scalars to scalars under `key`, in file order.
  std::vector<std::pair<std::string, std::string>> StringMap(const YAML::Node& map, std::string_view key);

 private:
  std::string file_;
  std::vector<std::string> errors_;
};

}  // namespace iochound::packs
