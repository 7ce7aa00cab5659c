#include "suite_render.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace iochound::conformance {
namespace {

constexpr int64_t kTicksPerSecond = 10'000'000;
constexpr int64_t kTicksPerDay = 86'400 * kTicksPerSecond;

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days). Written here
// rather than borrowed from the engine so that the suite checks the engine's datetime arithmetic
// against an independent calendar.
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::string_view SuiteRenderer::TypeName(Type type) {
  switch (type) {
    case Type::Bool:
      return "Bool";
    case Type::Int:
    case Type::Long:
      return "Int";
    // The suite's client reads decimals as doubles: `datatable(d:decimal)` columns are listed as Real
    // and decimal(10)/decimal(3) prints 3.3333333333333335, so decimal maps to Real, not Decimal.
    case Type::Real:
    case Type::Decimal:
      return "Real";
    case Type::String:
      return "String";
    case Type::DateTime:
      return "DateTime";
    case Type::TimeSpan:
      return "TimeSpan";
    case Type::Dynamic:
      return "Dynamic";
    case Type::Guid:
      return "Guid";
    case Type::Null:
      break;
  }
  return "Null";
}

std::string SuiteRenderer::Row(std::span<const Value> values) {
  std::string out = "(";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += Scalar(values[i]);
  }
  out += ')';
  return out;
}

std::string SuiteRenderer::Scalar(const Value& value) {
  if (value.is_null()) return "null";
  switch (value.type()) {
    case Type::Bool:
      return value.bool_value() ? "True" : "False";
    case Type::Int:
    case Type::Long:
      return std::to_string(value.int_value());
    case Type::Real:
    case Type::Decimal:
      return Real(value.real_value());
    case Type::String:
    case Type::Guid:
      return "'" + value.string_value() + "'";
    case Type::DateTime:
      return DateTime(value.int_value());
    case Type::TimeSpan:
      return TimeSpan(value.int_value());
    case Type::Dynamic:
      return Json(value.dynamic_value());
    case Type::Null:
      break;
  }
  return "null";
}

std::string SuiteRenderer::Real(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0" : "0";

  // Shortest round-trip digits and exponent, as .NET Core 3.0+ computes them; then .NET's "G"
  // layout: scientific when the decimal point would fall more than max(digits, 15) places right of
  // the first digit or more than 3 zeros left of it.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
  std::string_view sci(buf, end - buf);  // d[.ddd]e±XX
  const size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::string_view exp_text = sci.substr(e_pos + 1);
  if (exp_text.front() == '+') exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  const int scale = exponent + 1;
  const int max_digits = std::max<int>(static_cast<int>(digits.size()), 15);

  std::string out = v < 0 ? "-" : "";
  if (scale > max_digits || scale < -3) {
    out += digits[0];
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof exp_buf, "E%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += exp_buf;
  } else if (scale <= 0) {
    out += "0." + std::string(-scale, '0') + digits;
  } else if (static_cast<size_t>(scale) >= digits.size()) {
    out += digits + std::string(scale - digits.size(), '0');
  } else {
    out += digits.substr(0, scale) + "." + digits.substr(scale);
  }
  return out;
}

std::string SuiteRenderer::DateTime(int64_t ticks) {
  const int64_t days = FloorDiv(ticks, kTicksPerDay);
  const int64_t in_day = ticks - days * kTicksPerDay;
  int64_t year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  const int64_t seconds = in_day / kTicksPerSecond;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%07lldZ",
                static_cast<long long>(year), month, day, static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60),
                static_cast<long long>(in_day % kTicksPerSecond));
  return buf;
}

std::string SuiteRenderer::TimeSpan(int64_t ticks) {
  // .NET's TimeSpan "c" format; the magnitude is taken as unsigned so the minimum value renders too.
  const bool negative = ticks < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(ticks) : static_cast<uint64_t>(ticks);
  const uint64_t per_second = kTicksPerSecond;
  const uint64_t days = magnitude / (per_second * 86'400);
  const uint64_t seconds = magnitude / per_second % 86'400;
  const uint64_t fraction = magnitude % per_second;
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%s", negative ? "-" : "");
  if (days > 0) n += std::snprintf(buf + n, sizeof buf - n, "%llu.", static_cast<unsigned long long>(days));
  n += std::snprintf(
      buf + n, sizeof buf - n, "%02llu:%02llu:%02llu", static_cast<unsigned long long>(seconds / 3600),
      static_cast<unsigned long long>(seconds / 60 % 60), static_cast<unsigned long long>(seconds % 60));
  if (fraction > 0)
    std::snprintf(buf + n, sizeof buf - n, ".%07llu", static_cast<unsigned long long>(fraction));
  return buf;
}

std::string SuiteRenderer::Json(const Dynamic& value) {
  std::string out;
  AppendJson(out, value, 0);
  return out;
}

void SuiteRenderer::AppendJson(std::string& out, const Dynamic& value, int indent) {
  switch (value.kind()) {
    case Dynamic::Kind::Null:
      out += "null";
      return;
    case Dynamic::Kind::Bool:
      out += value.bool_value() ? "true" : "false";
      return;
    case Dynamic::Kind::Long:
      out += std::to_string(value.int_value());
      return;
    case Dynamic::Kind::Real: {
      const double v = value.real_value();
      // Newtonsoft's default FloatFormatHandling.String quotes the non-finite values.
      if (!std::isfinite(v)) {
        AppendJsonString(out, Real(v));
        return;
      }
      std::string text = Real(v);
      if (text.find_first_of(".E") == std::string::npos) text += ".0";
      out += text;
      return;
    }
    case Dynamic::Kind::String:
    case Dynamic::Kind::Guid:
      AppendJsonString(out, value.string_value());
      return;
    case Dynamic::Kind::DateTime:
      AppendJsonString(out, DateTime(value.int_value()));
      return;
    case Dynamic::Kind::TimeSpan:
      AppendJsonString(out, TimeSpan(value.int_value()));
      return;
    case Dynamic::Kind::Array: {
      const auto& items = value.array();
      if (items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ",\n";
        out.append(indent + 2, ' ');
        AppendJson(out, items[i], indent + 2);
      }
      out += '\n';
      out.append(indent, ' ');
      out += ']';
      return;
    }
    case Dynamic::Kind::Object: {
      const auto& members = value.object();
      if (members.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ",\n";
        out.append(indent + 2, ' ');
        AppendJsonString(out, members[i].first);
        out += ": ";
        AppendJson(out, members[i].second, indent + 2);
      }
      out += '\n';
      out.append(indent, ' ');
      out += '}';
      return;
    }
  }
}

void SuiteRenderer::AppendJsonString(std::string& out, std::string_view s) {
  // Newtonsoft's default escaping: quote, backslash, control characters, and U+0085, U+2028, U+2029
  // (line terminators in JavaScript); everything else, non-ASCII included, is written as is.
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    char buf[8];
    if (c < 0x20) {
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      out += "\\u0085";
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

}  // namespace iochound::conformance
