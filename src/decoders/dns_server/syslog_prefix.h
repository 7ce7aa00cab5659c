// The prefix syslog daemons put before a program's message: `Apr 18 10:00:00 host prog[pid]: ` (RFC
// 3164, no year) or `2026-04-18T10:00:00.123+00:00 host prog[pid]: ` (RFC 5424-style timestamps of
// rsyslog and journald exports).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iochound {

struct SyslogPrefix {
  std::optional<int64_t> time_ticks;  // UTC; an RFC 3164 time is taken as UTC in `year`
  std::string_view host;
  std::string_view program;  // "named", "dnsmasq" (without the pid)
  std::string_view message;  // the rest of the line
};

// Splits `line`; nullopt when it does not start with a syslog timestamp, host and program tag.
// RFC 3164 timestamps carry no year: `year` supplies it.
std::optional<SyslogPrefix> ParseSyslogPrefix(std::string_view line, int year);

// The year a year-less syslog timestamp is read in: the current UTC year.
int CurrentUtcYear();

}  // namespace iochound
