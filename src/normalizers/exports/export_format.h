// Sentinel / Log Analytics and Defender advanced-hunting exports (JSON Lines, JSON arrays, query API
// responses, CSV) read as routed telemetry: each record goes to the table its `Type` column names,
// or, for exports without one (Defender, projected Sentinel results), to the built-in table whose
// columns best cover the file's first record.
#pragma once

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

TelemetryFormat SentinelExportFormat();

// The built-in table whose columns cover at least 80% of `fields` (and two of them), preferring the
// most covered fields, then the smallest table; empty when none does.
std::string_view TableCoveringFields(const std::vector<std::string>& fields);

}  // namespace iochound
