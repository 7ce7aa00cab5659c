// DnsEvents rows from Sysmon's DNS query events (EID 22).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "normalizers/routing/row_sink.h"
#include "normalizers/windows/windows_event.h"

namespace iochound {

// Adds the DnsEvents row of Sysmon EID 22 `event`, timed `time` (its UtcTime).
void AddSysmonDnsRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time);

// The addresses of a Sysmon QueryResults text as DnsEvents' IPAddresses, joined as every source
// joins them (JoinAddresses, ", "): "type:  5 github.map.fastly.net;::ffff:151.101.248.133;" gives
// "151.101.248.133". CNAME and other typed entries ("type:  N data") are not addresses;
// IPv4-mapped IPv6 is shown as IPv4.
std::string SysmonQueryAddresses(std::string_view query_results);

// The DNS RCODE a Windows DNS status (Sysmon's QueryStatus) stands for: 0 for success and for
// "no records" (9501, 9701: the name exists without data of that type), 9000 + RCODE for the
// DNS_ERROR_RCODE_* codes (9003 NXDOMAIN gives 3); nullopt for client-side failures (timeouts,
// 1460 and the like), which have no RCODE.
std::optional<int64_t> DnsRcodeOfQueryStatus(std::string_view status);

}  // namespace iochound
