#include "decoders/dns_server/syslog_prefix.h"

#include <re2/re2.h>

#include <ctime>
#include <string>

#include "types/datetime.h"

namespace iochound {
namespace {

int MonthNumber(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i)
    if (kMonths[i] == name) return i + 1;
  return 0;
}

}  // namespace

int CurrentUtcYear() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

std::optional<SyslogPrefix> ParseSyslogPrefix(std::string_view line, int year) {
  static const RE2 kBsd(
      R"(([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) ([^\s\[:]+)(?:\[\d+\])?: ?)");
  static const RE2 kIso(R"((\d{4}-\d{2}-\d{2}T\S+) (\S+) ([^\s\[:]+)(?:\[\d+\])?: ?)");
  re2::StringPiece input(line.data(), line.size());
  re2::StringPiece month, day, hour, minute, second, host, program, iso;
  SyslogPrefix prefix;
  if (RE2::Consume(&input, kBsd, &month, &day, &hour, &minute, &second, &host, &program)) {
    int month_number = MonthNumber(std::string_view(month.data(), month.size()));
    if (month_number == 0) return std::nullopt;
    CivilTime civil{year,
                    month_number,
                    std::stoi(std::string(day)),
                    std::stoi(std::string(hour)),
                    std::stoi(std::string(minute)),
                    std::stoi(std::string(second)),
                    0};
    prefix.time_ticks = FromCivil(civil);
  } else if (RE2::Consume(&input, kIso, &iso, &host, &program)) {
    prefix.time_ticks = ParseDateTime(std::string_view(iso.data(), iso.size()));
  } else {
    return std::nullopt;
  }
  prefix.host = std::string_view(host.data(), host.size());
  prefix.program = std::string_view(program.data(), program.size());
  prefix.message = std::string_view(input.data(), input.size());
  return prefix;
}

}  // namespace iochound
