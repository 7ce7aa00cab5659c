// Datetime and timespan values: signed 64-bit counts of 100 ns ticks, Kusto's resolution. Datetimes
// count from the Unix epoch (1970-01-01T00:00:00Z), which covers Kusto's whole range (years 1-9999).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iochound {

inline constexpr int64_t kTicksPerMicrosecond = 10;
inline constexpr int64_t kTicksPerMillisecond = 10'000;
inline constexpr int64_t kTicksPerSecond = 10'000'000;
inline constexpr int64_t kTicksPerMinute = 60 * kTicksPerSecond;
inline constexpr int64_t kTicksPerHour = 60 * kTicksPerMinute;
inline constexpr int64_t kTicksPerDay = 24 * kTicksPerHour;

// Parses the datetime texts Kusto accepts in datetime() literals, todatetime() and ingestion:
// ISO 8601 (`2026-04-18`, `2026-04-18T10:00:00`, `2026-04-18 10:00:00.1234567`, 0-7 fraction
// digits, `Z` or `+hh:mm`/`-hh:mm` offsets, converted to UTC) and RFC 822/1123
// (`Sat, 18 Apr 2026 10:00:00 GMT`). Leading/trailing whitespace is ignored. nullopt if invalid.
std::optional<int64_t> ParseDateTime(std::string_view text);

enum class FractionDigits { kMinimal, kSeven };

// ISO 8601 UTC with `Z`: 2026-04-18T10:00:00.123Z with kMinimal (no fraction when zero, else only
// the digits needed, up to 7); 2026-04-18T10:00:00.1230000Z with kSeven (Kusto's tostring()).
std::string FormatDateTime(int64_t ticks, FractionDigits digits = FractionDigits::kSeven);

// Parses Kusto timespan texts: `[-][d.]hh:mm[:ss[.fffffff]]` and literal forms `1d`, `2h`, `30m`,
// `10s`, `100ms`, `10microsecond`, `1tick`, `1.5h` (with the unit names Kusto accepts). nullopt if invalid.
std::optional<int64_t> ParseTimeSpan(std::string_view text);

// Kusto's rendering: `[-][d.]hh:mm:ss[.fffffff]`, e.g. 1.02:03:04.5000000, 00:00:00.0000001, -1.00:00:00.
std::string FormatTimeSpan(int64_t ticks);

// Calendar helpers shared by the datetime functions.
struct CivilTime {
  int year, month, day, hour, minute, second;
  int64_t fraction_ticks;  // 0..9'999'999
};
CivilTime ToCivil(int64_t ticks);
int64_t FromCivil(const CivilTime& civil);  // no validation; caller checks ranges
int64_t DaysFromCivil(int year, int month, int day);

}  // namespace iochound
