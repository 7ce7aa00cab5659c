// DnsEvents rows from the Windows DNS Server analytic log (provider Microsoft-Windows-DNSServer,
// channel Microsoft-Windows-DNSServer/Analytical), the ETW events Microsoft's DNS connector reads:
// 256 QUERY_RECEIVED, 257 RESPONSE_SUCCESS and 258 RESPONSE_FAILURE, one row each, as DnsEvents
// keeps them. The server's own traffic (259 ignored queries, 260-263 recursion) is not a client's
// lookup and stays in the base tables only.
#pragma once

#include "normalizers/routing/row_sink.h"
#include "normalizers/windows/windows_event.h"

namespace iochound {

bool IsDnsServerAnalyticEvent(const WindowsEvent& event);

// Adds the DnsEvents row of analytic event `event` (one IsDnsServerAnalyticEvent accepts).
void AddDnsServerAnalyticRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink);

}  // namespace iochound
