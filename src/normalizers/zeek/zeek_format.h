// The Zeek telemetry formats: TSV logs (`#separator` header) and JSON logs (records with `uid` and
// `id.orig_h`/`id_orig_h`), both read by one reader that routes dns and conn records to tables.
#pragma once

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

TelemetryFormat ZeekTsvFormat();
TelemetryFormat ZeekJsonFormat();

}  // namespace iochound
