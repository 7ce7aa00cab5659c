// DNS servers' own logs as DnsEvents (docs/tables.md, "DNS server logs"): the Windows DNS Server
// debug log, BIND's query log and dnsmasq's query log.
#pragma once

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

TelemetryFormat WindowsDnsDebugFormat();
TelemetryFormat BindQueryLogFormat();
TelemetryFormat DnsmasqLogFormat();

}  // namespace iochound
