// The subset of STIX 2.1 patterning that lists IOCs: equality comparisons on the observable
// properties iochound hunts, combined with OR, e.g.
// `[domain-name:value = 'evil.com' OR ipv4-addr:value = '1.2.3.4'] OR [file:hashes.'SHA-256' = '...']`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "intel/ioc.h"

namespace iochound {

struct PatternValue {
  IocType type;
  std::string value;
};

// The compared values, or nullopt with `error` set for patterns outside the subset (AND,
// FOLLOWEDBY, other operators and properties, qualifiers): those describe behaviour, not a list.
std::optional<std::vector<PatternValue>> ParseStixPattern(std::string_view pattern, std::string& error);

}  // namespace iochound
