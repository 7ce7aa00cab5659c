// Counts of a set of IOCs by type, family, threat type and confidence band, for `ioc stats`.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "intel/ioc.h"

namespace iochound {

struct IocStats {
  size_t total = 0;
  std::map<std::string, size_t> by_type;
  std::map<std::string, size_t> by_family;       // display name, else id; `(none)` when absent
  std::map<std::string, size_t> by_threat_type;  // `(none)` when absent
  std::map<std::string, size_t> by_confidence;   // bands: `0-24`, `25-49`, `50-74`, `75-99`, `100`, `unknown`
};

IocStats CountIocs(const std::vector<const Ioc*>& iocs);

// The report `ioc stats` prints: one section per breakdown, counts right-aligned, largest first.
std::string FormatIocStats(const IocStats& stats);

}  // namespace iochound
