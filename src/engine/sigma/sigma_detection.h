// A Sigma search identifier (a map of field conditions, a list of maps, or keyword values) compiled
// to a KQL boolean expression over one logsource branch's fields.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "engine/sigma/sigma_logsource.h"
#include "engine/sigma/sigma_value.h"

namespace iochound::sigma {

struct DetectionContext {
  FieldMap fields;
  std::string keyword_text;  // LogsourceTarget::keyword_text
  PlaceholderLookup placeholders;
};

// Throws SigmaError naming what in the definition cannot be compiled.
std::string CompileSearch(const YAML::Node& definition, const DetectionContext& context);

}  // namespace iochound::sigma
