// Datetime functions: ago now startof*/endof* dayof* getyear getmonth week_of_year datetime_add
// datetime_diff datetime_part make_datetime make_timespan unixtime_*_todatetime ingestion_time.
#include <cmath>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::optional<int64_t> Ticks(const Value& v) {
  return ToDateTimeTicks(v);
}

int64_t StartOfDay(int64_t t) {
  return FloorDiv(t, kTicksPerDay) * kTicksPerDay;
}
// 1970-01-01 was a Thursday; Kusto's weeks start on Sunday.
int64_t DayOfWeek(int64_t t) {
  return ((FloorDiv(t, kTicksPerDay) + 4) % 7 + 7) % 7;
}
int64_t StartOfWeek(int64_t t) {
  return StartOfDay(t) - DayOfWeek(t) * kTicksPerDay;
}

int64_t MonthStart(int64_t year, int64_t month) {
  int64_t y = year + FloorDiv(month - 1, 12);
  int64_t m = month - 1 - FloorDiv(month - 1, 12) * 12 + 1;
  return DaysFromCivil(static_cast<int>(y), static_cast<int>(m), 1) * kTicksPerDay;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

enum class Unit { kYear, kMonth, kWeek, kDay };

// startof*/endof*(date[, offset]): the period start `offset` periods away; end = next start - 1 tick.
Value PeriodBound(Vals v, Unit unit, bool end) {
  std::optional<int64_t> t = Ticks(v[0]);
  std::optional<int64_t> offset = v.size() > 1 ? ToLong(v[1]) : std::optional<int64_t>(0);
  if (!t || !offset) return Value::Null(Type::DateTime);
  int64_t k = *offset + (end ? 1 : 0);
  CivilTime c = ToCivil(*t);
  int64_t start = 0;
  switch (unit) {
    case Unit::kYear:
      start = MonthStart(c.year + k, 1);
      break;
    case Unit::kMonth:
      start = MonthStart(c.year, c.month + k);
      break;
    case Unit::kWeek:
      start = StartOfWeek(*t) + k * 7 * kTicksPerDay;
      break;
    case Unit::kDay:
      start = StartOfDay(*t) + k * kTicksPerDay;
      break;
  }
  return CheckedDateTime(end ? start - 1 : start);
}

int64_t IsoWeek(int64_t t) {
  int64_t days = FloorDiv(t, kTicksPerDay);
  int64_t iso_dow = (DayOfWeek(t) + 6) % 7;  // Monday 0
  // The ISO week belongs to the year of its Thursday.
  int64_t thursday = days - iso_dow + 3;
  int year = ToCivil(thursday * kTicksPerDay).year;
  int64_t first_day = DaysFromCivil(year, 1, 1);
  return (thursday - first_day) / 7 + 1;
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// Ticks per fixed-length unit, 0 for calendar units and unknown names.
int64_t FixedUnitTicks(const std::string& part) {
  if (part == "week") return 7 * kTicksPerDay;
  if (part == "day") return kTicksPerDay;
  if (part == "hour") return kTicksPerHour;
  if (part == "minute") return kTicksPerMinute;
  if (part == "second") return kTicksPerSecond;
  if (part == "millisecond") return kTicksPerMillisecond;
  if (part == "microsecond") return kTicksPerMicrosecond;
  return 0;
}

Value DateTimeAdd(Vals v) {
  std::string part = Lower(ToKustoString(v[0]));
  std::optional<int64_t> amount = ToLong(v[1]);
  std::optional<int64_t> t = Ticks(v[2]);
  if (!amount || !t) return Value::Null(Type::DateTime);
  int64_t months = part == "year" ? 12 : part == "quarter" ? 3 : part == "month" ? 1 : 0;
  if (months != 0) {
    if (std::llabs(*amount) > 200'000) return Value::Null(Type::DateTime);
    CivilTime c = ToCivil(*t);
    int64_t start = MonthStart(c.year, c.month + *amount * months);
    CivilTime target = ToCivil(start);
    if (target.year < 1 || target.year > 9999) return Value::Null(Type::DateTime);
    // The day clamps to the target month's length: 2020-03-31 minus a month is 2020-02-29.
    c.year = target.year;
    c.month = target.month;
    c.day = std::min(c.day, DaysInMonth(c.year, c.month));
    return CheckedDateTime(FromCivil(c));
  }
  int64_t unit = part == "nanosecond" ? 0 : FixedUnitTicks(part);
  int64_t delta;
  if (part == "nanosecond") {
    delta = *amount / 100;
  } else if (unit == 0 || __builtin_mul_overflow(*amount, unit, &delta)) {
    return Value::Null(Type::DateTime);
  }
  int64_t out;
  if (__builtin_add_overflow(*t, delta, &out)) return Value::Null(Type::DateTime);
  return CheckedDateTime(out);
}

// datetime_diff counts unit boundaries crossed (floor of each side), not elapsed whole units; weeks
// start on Sunday, and Kusto types the week difference as real.
Value DateTimeDiff(Vals v, const std::string& part) {
  std::optional<int64_t> a = Ticks(v[1]);
  std::optional<int64_t> b = Ticks(v[2]);
  Type result = part == "week" ? Type::Real : Type::Long;
  if (!a || !b) return Value::Null(result);
  CivilTime ca = ToCivil(*a), cb = ToCivil(*b);
  int64_t diff;
  if (part == "year") {
    diff = ca.year - cb.year;
  } else if (part == "quarter") {
    diff = (ca.year * 4 + (ca.month - 1) / 3) - (cb.year * 4 + (cb.month - 1) / 3);
  } else if (part == "month") {
    diff = (ca.year * 12 + ca.month) - (cb.year * 12 + cb.month);
  } else if (part == "week") {
    return Value::Real(static_cast<double>((StartOfWeek(*a) - StartOfWeek(*b)) / (7 * kTicksPerDay)));
  } else if (part == "nanosecond") {
    diff = (*a - *b) * 100;
  } else {
    int64_t unit = FixedUnitTicks(part);
    if (unit == 0) return Value::Null(result);
    diff = FloorDiv(*a, unit) - FloorDiv(*b, unit);
  }
  return Value::Long(diff);
}

const char* const kDiffParts[] = {"year",   "quarter", "month",       "week",        "day",       "hour",
                                  "minute", "second",  "millisecond", "microsecond", "nanosecond"};

Value DateTimePart(Vals v) {
  std::string part = Lower(ToKustoString(v[0]));
  std::optional<int64_t> t = Ticks(v[1]);
  if (!t) return Value::Null(Type::Int);
  CivilTime c = ToCivil(*t);
  int64_t r;
  if (part == "year")
    r = c.year;
  else if (part == "quarter")
    r = (c.month - 1) / 3 + 1;
  else if (part == "month")
    r = c.month;
  else if (part == "week_of_year" || part == "weekofyear")
    r = IsoWeek(*t);
  else if (part == "day")
    r = c.day;
  else if (part == "dayofyear")
    r = FloorDiv(*t, kTicksPerDay) - DaysFromCivil(c.year, 1, 1) + 1;
  else if (part == "hour")
    r = c.hour;
  else if (part == "minute")
    r = c.minute;
  else if (part == "second")
    r = c.second;
  else if (part == "millisecond")
    r = c.fraction_ticks / kTicksPerMillisecond;
  else if (part == "microsecond")
    r = c.fraction_ticks / kTicksPerMicrosecond;
  else if (part == "nanosecond")
    r = c.fraction_ticks * 100;
  else
    return Value::Null(Type::Int);
  return Value::Int(r);
}

Value MakeDateTime(Vals v) {
  int64_t parts[5] = {0, 0, 0, 0, 0};
  for (size_t i = 0; i < 5 && i < v.size(); ++i) {
    std::optional<int64_t> p = ToLong(v[i]);
    if (!p) return Value::Null(Type::DateTime);
    parts[i] = *p;
  }
  double seconds = 0;
  if (v.size() > 5) {
    std::optional<double> s = ToReal(v[5]);
    if (!s) return Value::Null(Type::DateTime);
    seconds = *s;
  }
  auto [y, mo, d, h, mi] = parts;
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
      d > DaysInMonth(static_cast<int>(y), static_cast<int>(mo)) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      seconds < 0 || seconds >= 60) {
    return Value::Null(Type::DateTime);
  }
  int64_t day = DaysFromCivil(static_cast<int>(y), static_cast<int>(mo), static_cast<int>(d));
  return CheckedDateTime(day * kTicksPerDay + h * kTicksPerHour + mi * kTicksPerMinute +
                         std::llround(seconds * kTicksPerSecond));
}

// make_timespan(hour, minute[, second]) or (day, hour, minute, second); out-of-range parts give null.
Value MakeTimeSpan(Vals v) {
  size_t offset = v.size() == 4 ? 1 : 0;
  int64_t days = 0;
  if (offset == 1) {
    std::optional<int64_t> d = ToLong(v[0]);
    if (!d || *d < 0) return Value::Null(Type::TimeSpan);
    days = *d;
  }
  std::optional<int64_t> h = ToLong(v[offset]), m = ToLong(v[offset + 1]);
  std::optional<double> s = v.size() > offset + 2 ? ToReal(v[offset + 2]) : std::optional<double>(0);
  if (!h || !m || !s || *h < 0 || *h > 23 || *m < 0 || *m > 59 || *s < 0 || *s >= 60) {
    return Value::Null(Type::TimeSpan);
  }
  return Value::TimeSpan(days * kTicksPerDay + *h * kTicksPerHour + *m * kTicksPerMinute +
                         std::llround(*s * kTicksPerSecond));
}

ScalarFunction UnixTime(std::string name, double ticks_per_unit) {
  return Simple(std::move(name), 1, 1, Type::DateTime, [ticks_per_unit](Vals v, const EvalContext&) {
    std::optional<double> n = ToReal(v[0]);
    if (!n || !std::isfinite(*n * ticks_per_unit) || std::fabs(*n * ticks_per_unit) > 9e18) {
      return Value::Null(Type::DateTime);
    }
    return CheckedDateTime(static_cast<int64_t>(std::trunc(*n * ticks_per_unit)));
  });
}

ScalarFunction Period(std::string name, Unit unit, bool end) {
  return Simple(std::move(name), 1, 2, Type::DateTime,
                [unit, end](Vals v, const EvalContext&) { return PeriodBound(v, unit, end); });
}

ScalarFunction DatePart(std::string name, std::function<int64_t(int64_t)> part) {
  return Simple(std::move(name), 1, 1, Type::Int, [part](Vals v, const EvalContext&) {
    std::optional<int64_t> t = Ticks(v[0]);
    return t ? Value::Int(part(*t)) : Value::Null(Type::Int);
  });
}

}  // namespace

void RegisterDateTimeFunctions(Registry& r) {
  // The time a record was ingested into Kusto. Local files have no ingestion time, so it is null, as
  // Kusto's is for a table whose ingestion-time policy is off.
  r.Add(Simple("ingestion_time", 0, 0, Type::DateTime,
               [](Vals, const EvalContext&) { return Value::Null(Type::DateTime); }));
  r.Add(Simple("now", 0, 1, Type::DateTime, [](Vals v, const EvalContext& ctx) {
    std::optional<int64_t> offset = v.empty() ? std::optional<int64_t>(0) : ToTimeSpanTicks(v[0]);
    return offset ? CheckedDateTime(ctx.now_ticks + *offset) : Value::Null(Type::DateTime);
  }));
  r.Add(Simple("ago", 1, 1, Type::DateTime, [](Vals v, const EvalContext& ctx) {
    std::optional<int64_t> span = ToTimeSpanTicks(v[0]);
    return span ? CheckedDateTime(ctx.now_ticks - *span) : Value::Null(Type::DateTime);
  }));
  r.Add(Period("startofday", Unit::kDay, false));
  r.Add(Period("endofday", Unit::kDay, true));
  r.Add(Period("startofweek", Unit::kWeek, false));
  r.Add(Period("endofweek", Unit::kWeek, true));
  r.Add(Period("startofmonth", Unit::kMonth, false));
  r.Add(Period("endofmonth", Unit::kMonth, true));
  r.Add(Period("startofyear", Unit::kYear, false));
  r.Add(Period("endofyear", Unit::kYear, true));
  r.Add(Simple("dayofweek", 1, 1, Type::TimeSpan, [](Vals v, const EvalContext&) {
    std::optional<int64_t> t = Ticks(v[0]);
    return t ? Value::TimeSpan(DayOfWeek(*t) * kTicksPerDay) : Value::Null(Type::TimeSpan);
  }));
  r.Add(DatePart("dayofmonth", [](int64_t t) { return ToCivil(t).day; }));
  r.Add(DatePart("dayofyear", [](int64_t t) {
    return FloorDiv(t, kTicksPerDay) - DaysFromCivil(ToCivil(t).year, 1, 1) + 1;
  }));
  r.Add(DatePart("hourofday", [](int64_t t) { return ToCivil(t).hour; }));
  r.Add(DatePart("getmonth", [](int64_t t) { return ToCivil(t).month; }));
  r.Alias("monthofyear", "getmonth");
  r.Add(DatePart("getyear", [](int64_t t) { return ToCivil(t).year; }));
  r.Add(DatePart("week_of_year", IsoWeek));
  r.Alias("weekofyear", "week_of_year");
  r.Add(Simple("datetime_add", 3, 3, Type::DateTime,
               [](Vals v, const EvalContext&) { return DateTimeAdd(v); }));
  r.Add(
      ScalarFunction{"datetime_diff",
                     [](Args args) {
                       CheckArity("datetime_diff", args, 3, 3);
                       const BoundArg& p = args[0];
                       if (!p.is_constant || p.constant.type() != Type::String) return Type::Long;
                       std::string part = Lower(p.constant.string_value());
                       for (const char* known : kDiffParts) {
                         if (part == known) return part == "week" ? Type::Real : Type::Long;
                       }
                       Fail("datetime_diff", "unknown period '" + p.constant.string_value() + "'");
                     },
                     [](Vals v, const EvalContext&) { return DateTimeDiff(v, Lower(ToKustoString(v[0]))); }});
  r.Add(Simple("datetime_part", 2, 2, Type::Int, [](Vals v, const EvalContext&) { return DateTimePart(v); }));
  r.Add(Simple("make_datetime", 3, 6, Type::DateTime,
               [](Vals v, const EvalContext&) { return MakeDateTime(v); }));
  r.Add(Simple("make_timespan", 2, 4, Type::TimeSpan,
               [](Vals v, const EvalContext&) { return MakeTimeSpan(v); }));
  r.Add(UnixTime("unixtime_seconds_todatetime", kTicksPerSecond));
  r.Add(UnixTime("unixtime_milliseconds_todatetime", kTicksPerMillisecond));
  r.Add(UnixTime("unixtime_microseconds_todatetime", kTicksPerMicrosecond));
  r.Add(UnixTime("unixtime_nanoseconds_todatetime", 0.01));
}

}  // namespace iochound::fn
