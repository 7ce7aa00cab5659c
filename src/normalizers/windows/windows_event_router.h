// Routes one Windows event, whatever rendering it was decoded from, to every table it feeds. This
// is the only mapping of Windows events: each decoder fills a WindowsEvent and calls it.
#pragma once

#include "common/diagnostics.h"
#include "normalizers/routing/row_sink.h"
#include "normalizers/windows/windows_event.h"

namespace iochound {

enum class BaseTables {
  // A log as Windows wrote it: WindowsEvent for every event, and SecurityEvent (Security channel)
  // or Event (any other channel) as the Log Analytics agent would have collected it.
  kByChannel,
  // A row of a Sentinel export, which already is a row of its own table: only the derived rows.
  kNone,
};

// Adds the base rows and the derived rows of `event`: Sysmon (sysmon_tables.h) and the DNS
// Server analytic log (dns_server_analytic.h).
void RouteWindowsEvent(const WindowsEvent& event, const RecordLocation& where, RowSink& sink,
                       BaseTables base);

}  // namespace iochound
