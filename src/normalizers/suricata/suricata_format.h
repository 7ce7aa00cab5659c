// The Suricata EVE JSON telemetry format (events with `timestamp` and `event_type`).
#pragma once

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

TelemetryFormat SuricataEveFormat();

}  // namespace iochound
