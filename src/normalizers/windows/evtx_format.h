// The "evtx" telemetry format: Windows XML Event Log files, recognised by their "ElfFile\0" magic,
// every event routed by RouteWindowsEvent.
#pragma once

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

const TelemetryFormat& EvtxTelemetryFormat();

}  // namespace iochound
