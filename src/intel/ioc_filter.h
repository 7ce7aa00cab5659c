// The `--family`, `--min-confidence` and `--since` filters of the ioc commands.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "intel/ioc.h"

namespace iochound {

struct IocFilter {
  std::string family;            // family id, display name or alias; empty: any
  int min_confidence = -1;       // IOCs without a confidence fail any minimum
  std::optional<int64_t> since;  // last seen (else first seen) at or after; IOCs without dates fail

  bool Matches(const Ioc& ioc) const {
    if (!family.empty() && !ioc.HasFamily(family)) return false;
    if (min_confidence >= 0 && ioc.confidence < min_confidence) return false;
    if (since) {
      std::optional<int64_t> seen = ioc.last_seen ? ioc.last_seen : ioc.first_seen;
      if (!seen || *seen < *since) return false;
    }
    return true;
  }
};

}  // namespace iochound
