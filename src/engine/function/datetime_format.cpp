// format_datetime and format_timespan. Kusto supports only numeric format tokens: longer runs split into
// supported ones ('dddd' renders as 'dd' twice, 'MMM' as 'MM' then 'M'); other characters are copied.
#include <fmt/format.h>

#include <string_view>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

// Length of the longest supported token of letter `c` at most `run` long.
size_t TokenLength(char c, size_t run, bool timespan) {
  switch (c) {
    case 'y':
      return run >= 4 ? 4 : (run >= 2 ? 2 : 1);
    case 'f':
    case 'F':
      return std::min<size_t>(run, 7);
    case 't':
      return timespan ? 0 : std::min<size_t>(run, 2);
    case 'd':
      if (timespan) return std::min<size_t>(run, 8);
      return std::min<size_t>(run, 2);
    case 'M':
      return timespan ? 0 : std::min<size_t>(run, 2);
    case 'h':
    case 'H':
    case 'm':
    case 's':
      return std::min<size_t>(run, 2);
    default:
      return 0;
  }
}

std::string Fraction(int64_t fraction_ticks, size_t digits, bool trim) {
  std::string f = fmt::format("{:07}", fraction_ticks).substr(0, digits);
  if (trim) {
    while (!f.empty() && f.back() == '0') f.pop_back();
  }
  return f;
}

std::string Pad(int64_t v, size_t width) {
  return fmt::format("{:0{}}", v, width);
}

std::string FormatDateTimeWith(int64_t ticks, std::string_view format) {
  CivilTime c = ToCivil(ticks);
  std::string out;
  for (size_t i = 0; i < format.size();) {
    char ch = format[i];
    size_t run = 1;
    while (i + run < format.size() && format[i + run] == ch) ++run;
    size_t n = TokenLength(ch, run, false);
    if (n == 0) {
      out += ch;
      ++i;
      continue;
    }
    int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
    switch (ch) {
      case 'y':
        out += n == 4 ? Pad(c.year, 4) : (n == 2 ? Pad(c.year % 100, 2) : std::to_string(c.year % 100));
        break;
      case 'M':
        out += Pad(c.month, n);
        break;
      case 'd':
        out += Pad(c.day, n);
        break;
      case 'h':
        out += Pad(hour12, n);
        break;
      case 'H':
        out += Pad(c.hour, n);
        break;
      case 'm':
        out += Pad(c.minute, n);
        break;
      case 's':
        out += Pad(c.second, n);
        break;
      case 'f':
        out += Fraction(c.fraction_ticks, n, false);
        break;
      case 'F':
        out += Fraction(c.fraction_ticks, n, true);
        break;
      case 't':
        out += n == 2 ? (c.hour < 12 ? "AM" : "PM") : (c.hour < 12 ? "A" : "P");
        break;
    }
    i += n;
  }
  return out;
}

std::string FormatTimeSpanWith(int64_t ticks, std::string_view format) {
  uint64_t magnitude = ticks < 0 ? 0 - static_cast<uint64_t>(ticks) : static_cast<uint64_t>(ticks);
  int64_t days = static_cast<int64_t>(magnitude / kTicksPerDay);
  int64_t rem = static_cast<int64_t>(magnitude % kTicksPerDay);
  std::string out = ticks < 0 ? "-" : "";
  for (size_t i = 0; i < format.size();) {
    char ch = format[i];
    size_t run = 1;
    while (i + run < format.size() && format[i + run] == ch) ++run;
    size_t n = TokenLength(ch, run, true);
    if (n == 0) {
      out += ch;
      ++i;
      continue;
    }
    switch (ch) {
      case 'd':
        out += Pad(days, n);
        break;
      case 'h':
      case 'H':
        out += Pad(rem / kTicksPerHour, n);
        break;
      case 'm':
        out += Pad(rem / kTicksPerMinute % 60, n);
        break;
      case 's':
        out += Pad(rem / kTicksPerSecond % 60, n);
        break;
      case 'f':
        out += Fraction(rem % kTicksPerSecond, n, false);
        break;
      case 'F':
        out += Fraction(rem % kTicksPerSecond, n, true);
        break;
      default:
        break;
    }
    i += n;
  }
  return out;
}

}  // namespace

void RegisterDateTimeFormatFunctions(Registry& r) {
  r.Add(Simple("format_datetime", 2, 2, Type::String, [](Vals v, const EvalContext&) {
    std::optional<int64_t> t = ToDateTimeTicks(v[0]);
    return Value::String(t ? FormatDateTimeWith(*t, ToKustoString(v[1])) : "");
  }));
  r.Add(Simple("format_timespan", 2, 2, Type::String, [](Vals v, const EvalContext&) {
    std::optional<int64_t> t = ToTimeSpanTicks(v[0]);
    return Value::String(t ? FormatTimeSpanWith(*t, ToKustoString(v[1])) : "");
  }));
}

}  // namespace iochound::fn
