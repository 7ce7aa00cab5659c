#include "normalizers/windows/windows_event_router.h"

#include <strings.h>

#include "normalizers/windows/dns_server_analytic.h"
#include "normalizers/windows/sysmon_tables.h"
#include "normalizers/windows/windows_tables.h"

namespace iochound {

void RouteWindowsEvent(const WindowsEvent& event, const RecordLocation& where, RowSink& sink,
                       BaseTables base) {
  if (base == BaseTables::kByChannel) {
    AddWindowsEventRow(event, where, sink);
    // NXLog renders the channel in lower case ("security") on some hosts.
    if (strcasecmp(event.channel.c_str(), "Security") == 0) {
      AddSecurityEventRow(event, where, sink);
    } else {
      AddEventRow(event, where, sink);
    }
  }
  if (IsSysmonEvent(event)) AddSysmonRows(event, where, sink);
  if (IsDnsServerAnalyticEvent(event)) AddDnsServerAnalyticRow(event, where, sink);
}

}  // namespace iochound
