// Sentinel's ThreatIntelligenceIndicator table filled from loaded feeds (`query --iocs FEED`), so that
// published threat-intelligence analytic rules run unchanged against local telemetry. docs/feeds.md
// lists how each IOC field maps to a column.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/catalog.h"
#include "intel/ioc_set.h"

namespace iochound {

// How long an indicator stays valid after it was loaded: feeds such as ThreatFox give no expiry, and
// rules filter on `ExpirationDateTime > now()`, so a feed just loaded is taken as current.
inline constexpr int64_t kIndicatorValidityDays = 90;

// One row per IOC of `iocs` with the built-in schema (hidden standard columns left out).
// `loaded_at` (datetime ticks) is the rows' TimeGenerated: in Sentinel it is when the indicator was
// ingested, which rules' `TimeGenerated >= ago(14d)` lookbacks rely on; first seen is in
// AdditionalInformation.
std::shared_ptr<TableSource> MakeThreatIntelTable(const IocSet& iocs, int64_t loaded_at);

}  // namespace iochound
