#include "types/datetime.h"

#include <array>
#include <cmath>

namespace iochound {

namespace {

// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.9999999Z relative to the Unix epoch: Kusto's range.
constexpr int64_t kMinDays = -719162;  // DaysFromCivil(1, 1, 1)
constexpr int64_t kMaxDays = 2932896;  // DaysFromCivil(9999, 12, 31)
constexpr int64_t kMinTicks = kMinDays * kTicksPerDay;
constexpr int64_t kMaxTicks = (kMaxDays + 1) * kTicksPerDay - 1;

constexpr bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool IsLeapYear(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Reads exactly `n` digits at s[pos..]; false when any is not a digit or the text is too short.
bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// A fraction of a second after the '.', as ticks. More than 7 digits are accepted (nanosecond
// timestamps from other systems) and truncated to Kusto's 100 ns resolution.
bool Fraction(std::string_view s, size_t& pos, int64_t& ticks) {
  size_t start = pos;
  int64_t v = 0;
  int digits = 0;
  while (pos < s.size() && IsDigit(s[pos])) {
    if (digits < 7) {
      v = v * 10 + (s[pos] - '0');
      ++digits;
    }
    ++pos;
  }
  if (pos == start) return false;
  for (; digits < 7; ++digits) v *= 10;
  ticks = v;
  return true;
}

bool ValidTime(int h, int mi, int sec) {
  return h <= 23 && mi <= 59 && sec <= 59;
}

std::optional<int64_t> Assemble(int y, int mo, int d, int h, int mi, int sec, int64_t frac,
                                int64_t offset_ticks) {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || !ValidTime(h, mi, sec))
    return std::nullopt;
  int64_t ticks = FromCivil(CivilTime{y, mo, d, h, mi, sec, frac}) - offset_ticks;
  if (ticks < kMinTicks || ticks > kMaxTicks) return std::nullopt;
  return ticks;
}

// `Z`, `+hh:mm`, `+hhmm` or `+hh` (and the `-` forms), as ticks east of UTC. Consumes the whole rest.
bool IsoZone(std::string_view s, size_t pos, int64_t& offset) {
  offset = 0;
  if (pos == s.size()) return true;
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size();
  if (s[pos] != '+' && s[pos] != '-') return false;
  int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int hh = 0, mm = 0;
  if (!Digits(s, pos, 2, hh)) return false;
  pos += 2;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (pos < s.size()) {
    if (!Digits(s, pos, 2, mm)) return false;
    pos += 2;
  }
  if (pos != s.size() || hh > 14 || mm > 59) return false;
  offset = sign * (hh * kTicksPerHour + mm * kTicksPerMinute);
  return true;
}

// yyyy-mm-dd[(T| )hh:mm[:ss[.f+]]][zone]. The common shape `yyyy-mm-ddThh:mm:ss[.f]Z` is read with
// fixed-position digit checks and no branching on formats, as it sits on the ingest hot path.
std::optional<int64_t> ParseIso(std::string_view s) {
  int y, mo, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, y) || !Digits(s, 5, 2, mo) ||
      !Digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (s.size() == 10) return Assemble(y, mo, d, 0, 0, 0, 0, 0);
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int h, mi, sec = 0;
  if (s.size() < 16 || s[13] != ':' || !Digits(s, 11, 2, h) || !Digits(s, 14, 2, mi)) return std::nullopt;
  size_t pos = 16;
  int64_t frac = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      if (!Fraction(s, pos, frac)) return std::nullopt;
    }
  }
  int64_t offset;
  if (!IsoZone(s, pos, offset)) return std::nullopt;
  return Assemble(y, mo, d, h, mi, sec, frac, offset);
}

// Case-insensitive match of an English month name (3 letters or full) to 1..12, else 0.
int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths{"january",   "february", "march",    "april",
                                                            "may",       "june",     "july",     "august",
                                                            "september", "october",  "november", "december"};
  if (word.size() < 3) return 0;
  std::string lower(word);
  for (char& c : lower) c = AsciiLower(c);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i] || (lower.size() == 3 && kMonths[i].substr(0, 3) == lower) ||
        (lower == "sept" && i == 8)) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

// RFC 822/850/1123 zones: GMT, UT, UTC, Z, North American zones, or +hhmm/-hhmm.
bool RfcZone(std::string_view zone, int64_t& offset) {
  offset = 0;
  if (zone.empty()) return true;
  if (zone[0] == '+' || zone[0] == '-') {
    int hh, mm;
    if (zone.size() != 5 || !Digits(zone, 1, 2, hh) || !Digits(zone, 3, 2, mm) || mm > 59) return false;
    offset = (zone[0] == '-' ? -1 : 1) * (hh * kTicksPerHour + mm * kTicksPerMinute);
    return true;
  }
  struct Named {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Named, 12> kZones{{{"gmt", 0},
                                                 {"ut", 0},
                                                 {"utc", 0},
                                                 {"z", 0},
                                                 {"est", -5},
                                                 {"edt", -4},
                                                 {"cst", -6},
                                                 {"cdt", -5},
                                                 {"mst", -7},
                                                 {"mdt", -6},
                                                 {"pst", -8},
                                                 {"pdt", -7}}};
  std::string lower(zone);
  for (char& c : lower) c = AsciiLower(c);
  for (const auto& z : kZones) {
    if (z.name == lower) {
      offset = z.hours * kTicksPerHour;
      return true;
    }
  }
  return false;
}

// [Weekday,] d(-| )Mon(-| )yy[yy] hh:mm[:ss[.f]] [zone]: RFC 822, 850 and 1123. Two-digit years
// map to 1950-2049, as .NET's default calendar window does.
std::optional<int64_t> ParseRfc(std::string_view s) {
  size_t pos = 0;
  if (size_t comma = s.find(','); comma != std::string_view::npos) {
    for (size_t i = 0; i < comma; ++i) {
      if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return std::nullopt;
    }
    pos = comma + 1;
    while (pos < s.size() && IsSpace(s[pos])) ++pos;
  }
  auto number = [&](size_t min_digits, size_t max_digits, int& out) {
    size_t start = pos;
    int v = 0;
    while (pos < s.size() && IsDigit(s[pos]) && pos - start < max_digits) v = v * 10 + (s[pos++] - '0');
    out = v;
    return pos - start >= min_digits && (pos == s.size() || !IsDigit(s[pos]));
  };
  int d, y;
  if (!number(1, 2, d)) return std::nullopt;
  if (pos >= s.size() || (s[pos] != ' ' && s[pos] != '-')) return std::nullopt;
  char sep = s[pos++];
  size_t month_start = pos;
  while (pos < s.size() && ((s[pos] >= 'a' && s[pos] <= 'z') || (s[pos] >= 'A' && s[pos] <= 'Z'))) ++pos;
  int mo = MonthFromName(s.substr(month_start, pos - month_start));
  if (mo == 0 || pos >= s.size() || s[pos] != sep) return std::nullopt;
  ++pos;
  size_t year_start = pos;
  if (!number(2, 4, y) || pos - year_start == 3) return std::nullopt;
  if (pos - year_start == 2) y += y < 50 ? 2000 : 1900;
  if (pos >= s.size() || s[pos] != ' ') return std::nullopt;
  ++pos;
  int h, mi, sec = 0;
  int64_t frac = 0;
  if (!number(1, 2, h) || pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  if (!number(2, 2, mi)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!number(2, 2, sec)) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      if (!Fraction(s, pos, frac)) return std::nullopt;
    }
  }
  std::string_view zone;
  if (pos < s.size()) {
    if (s[pos] != ' ') return std::nullopt;
    zone = Trim(s.substr(pos));
  }
  int64_t offset;
  if (!RfcZone(zone, offset)) return std::nullopt;
  return Assemble(y, mo, d, h, mi, sec, frac, offset);
}

// Days to (year, month, day), proleptic Gregorian: the inverse of DaysFromCivil (H. Hinnant's algorithm).
void CivilFromDays(int64_t days, int& year, int& month, int& day) {
  days += 719468;
  int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  int64_t doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

void AppendTwo(std::string& out, int64_t v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

void AppendSevenDigits(std::string& out, int64_t v) {
  char buf[7];
  for (int i = 6; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, 7);
}

struct TimeSpanUnit {
  std::string_view name;
  int64_t ticks;
};

constexpr std::array<TimeSpanUnit, 27> kTimeSpanUnits{{
    {"d", kTicksPerDay},
    {"day", kTicksPerDay},
    {"days", kTicksPerDay},
    {"h", kTicksPerHour},
    {"hr", kTicksPerHour},
    {"hrs", kTicksPerHour},
    {"hour", kTicksPerHour},
    {"hours", kTicksPerHour},
    {"m", kTicksPerMinute},
    {"min", kTicksPerMinute},
    {"mins", kTicksPerMinute},
    {"minute", kTicksPerMinute},
    {"minutes", kTicksPerMinute},
    {"s", kTicksPerSecond},
    {"sec", kTicksPerSecond},
    {"secs", kTicksPerSecond},
    {"second", kTicksPerSecond},
    {"seconds", kTicksPerSecond},
    {"ms", kTicksPerMillisecond},
    {"milli", kTicksPerMillisecond},
    {"millis", kTicksPerMillisecond},
    {"millisecond", kTicksPerMillisecond},
    {"milliseconds", kTicksPerMillisecond},
    {"microsecond", kTicksPerMicrosecond},
    {"microseconds", kTicksPerMicrosecond},
    {"tick", 1},
    {"ticks", 1},
}};

// `[-]N[.F]unit` or a bare integer `[-]N` (days, as .NET reads a lone number; Kusto's
// totimespan("1.5") is null, so a bare fraction is not accepted).
std::optional<int64_t> ParseTimeSpanLiteral(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  size_t pos = 0;
  while (pos < s.size() && IsDigit(s[pos])) ++pos;
  size_t int_end = pos;
  size_t frac_start = pos, frac_end = pos;
  if (pos < s.size() && s[pos] == '.') {
    frac_start = ++pos;
    while (pos < s.size() && IsDigit(s[pos])) ++pos;
    frac_end = pos;
  }
  if (int_end == 0 && frac_end == frac_start) return std::nullopt;
  std::string_view unit = s.substr(pos);
  int64_t unit_ticks = 0;
  if (unit.empty()) {
    if (frac_end != int_end) return std::nullopt;
    unit_ticks = kTicksPerDay;
  } else {
    for (const auto& u : kTimeSpanUnits) {
      if (u.name == unit) unit_ticks = u.ticks;
    }
    if (unit_ticks == 0) return std::nullopt;
  }
  // Integer part exactly; the fraction through long double, rounded to the nearest tick.
  __int128 whole = 0;
  for (size_t i = 0; i < int_end; ++i) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > INT64_MAX) return std::nullopt;
  }
  __int128 ticks = whole * unit_ticks;
  if (frac_end > frac_start) {
    long double frac = 0, scale = 1;
    for (size_t i = frac_start; i < frac_end && i < frac_start + 18; ++i) {
      scale /= 10;
      frac += (s[i] - '0') * scale;
    }
    ticks += static_cast<int64_t>(std::llroundl(frac * unit_ticks));
  }
  if (ticks > INT64_MAX) return std::nullopt;
  return negative ? -static_cast<int64_t>(ticks) : static_cast<int64_t>(ticks);
}

// [-][d.]hh:mm[:ss[.fffffff]], .NET's constant ("c") TimeSpan format.
std::optional<int64_t> ParseTimeSpanClock(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  size_t pos = 0;
  auto number = [&](size_t max_digits, int64_t& out) {
    size_t start = pos;
    int64_t v = 0;
    while (pos < s.size() && IsDigit(s[pos])) {
      if (pos - start >= max_digits) return false;
      v = v * 10 + (s[pos++] - '0');
    }
    out = v;
    return pos > start;
  };
  int64_t days = 0, h, mi, sec = 0, frac = 0;
  if (!number(8, h)) return std::nullopt;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    days = h;
    if (!number(2, h)) return std::nullopt;
  }
  if (pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  if (!number(2, mi)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!number(2, sec)) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t start = pos;
      if (!number(7, frac)) return std::nullopt;
      for (size_t n = pos - start; n < 7; ++n) frac *= 10;
    }
  }
  if (pos != s.size() || h > 23 || mi > 59 || sec > 59 || days > 10675199) return std::nullopt;
  int64_t ticks =
      days * kTicksPerDay + h * kTicksPerHour + mi * kTicksPerMinute + sec * kTicksPerSecond + frac;
  return negative ? -ticks : ticks;
}

}  // namespace

int64_t DaysFromCivil(int year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t FromCivil(const CivilTime& c) {
  return DaysFromCivil(c.year, c.month, c.day) * kTicksPerDay + c.hour * kTicksPerHour +
         c.minute * kTicksPerMinute + c.second * kTicksPerSecond + c.fraction_ticks;
}

CivilTime ToCivil(int64_t ticks) {
  int64_t days = ticks / kTicksPerDay;
  int64_t rem = ticks % kTicksPerDay;
  if (rem < 0) {  // floor, so instants before 1970 land in the right day
    rem += kTicksPerDay;
    --days;
  }
  CivilTime c{};
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rem / kTicksPerHour);
  c.minute = static_cast<int>(rem / kTicksPerMinute % 60);
  c.second = static_cast<int>(rem / kTicksPerSecond % 60);
  c.fraction_ticks = rem % kTicksPerSecond;
  return c;
}

std::optional<int64_t> ParseDateTime(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.size() >= 10 && IsDigit(s[0]) && s[4] == '-') return ParseIso(s);
  return ParseRfc(s);
}

std::string FormatDateTime(int64_t ticks, FractionDigits digits) {
  CivilTime c = ToCivil(ticks);
  std::string out;
  out.reserve(28);
  AppendTwo(out, c.year / 100);
  AppendTwo(out, c.year % 100);
  out.push_back('-');
  AppendTwo(out, c.month);
  out.push_back('-');
  AppendTwo(out, c.day);
  out.push_back('T');
  AppendTwo(out, c.hour);
  out.push_back(':');
  AppendTwo(out, c.minute);
  out.push_back(':');
  AppendTwo(out, c.second);
  if (digits == FractionDigits::kSeven || c.fraction_ticks != 0) {
    out.push_back('.');
    AppendSevenDigits(out, c.fraction_ticks);
    if (digits == FractionDigits::kMinimal) {
      while (out.back() == '0') out.pop_back();
    }
  }
  out.push_back('Z');
  return out;
}

std::optional<int64_t> ParseTimeSpan(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  if (s.find(':') != std::string_view::npos) return ParseTimeSpanClock(s);
  return ParseTimeSpanLiteral(s);
}

std::string FormatTimeSpan(int64_t ticks) {
  std::string out;
  // Unsigned magnitude so that INT64_MIN formats rather than overflowing.
  uint64_t magnitude = ticks < 0 ? 0 - static_cast<uint64_t>(ticks) : static_cast<uint64_t>(ticks);
  if (ticks < 0) out.push_back('-');
  uint64_t days = magnitude / kTicksPerDay;
  uint64_t rem = magnitude % kTicksPerDay;
  if (days != 0) {
    out += std::to_string(days);
    out.push_back('.');
  }
  AppendTwo(out, static_cast<int64_t>(rem / kTicksPerHour));
  out.push_back(':');
  AppendTwo(out, static_cast<int64_t>(rem / kTicksPerMinute % 60));
  out.push_back(':');
  AppendTwo(out, static_cast<int64_t>(rem / kTicksPerSecond % 60));
  if (uint64_t frac = rem % kTicksPerSecond; frac != 0) {
    out.push_back('.');
    AppendSevenDigits(out, static_cast<int64_t>(frac));
  }
  return out;
}

}  // namespace iochound
