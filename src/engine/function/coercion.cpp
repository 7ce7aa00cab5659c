#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "engine/function/function_internal.h"

namespace iochound::fn {

bool IsNullish(const Value& v) {
  return v.is_null() || (v.type() == Type::Dynamic && v.dynamic_value().is_null());
}

const Dynamic* DynOf(const Value& v) {
  return IsNullish(v) || v.type() != Type::Dynamic ? nullptr : &v.dynamic_value();
}

std::string FormatReal(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  // Shortest round-trip digits in scientific form, then laid out the way .NET's "R" format does.
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, end - buf);
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  std::string out = negative ? "-" : "";
  if (exponent < -5 || exponent >= 15) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("E{}{:02}", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out;
  }
  if (exponent < 0) return out + "0." + std::string(-exponent - 1, '0') + digits;
  size_t int_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_digits) return out + digits + std::string(int_digits - digits.size(), '0') + ".0";
  return out + digits.substr(0, int_digits) + "." + digits.substr(int_digits);
}

std::string ToKustoString(const Value& v) {
  if (v.is_null()) return "";
  switch (v.type()) {
    case Type::Null:
      return "";
    case Type::Bool:
      return v.bool_value() ? "True" : "False";
    case Type::Int:
    case Type::Long:
      return std::to_string(v.int_value());
    case Type::Real:
      return FormatReal(v.real_value());
    case Type::Decimal: {
      std::string s = FormatReal(v.real_value());
      return s.ends_with(".0") ? s.substr(0, s.size() - 2) : s;
    }
    case Type::String:
    case Type::Guid:
      return v.string_value();
    case Type::DateTime:
      return FormatDateTime(v.int_value(), FractionDigits::kSeven);
    case Type::TimeSpan:
      return FormatTimeSpan(v.int_value());
    case Type::Dynamic: {
      const Dynamic& d = v.dynamic_value();
      switch (d.kind()) {
        case Dynamic::Kind::Null:
          return "";
        case Dynamic::Kind::String:
        case Dynamic::Kind::Guid:
          return d.string_value();
        case Dynamic::Kind::DateTime:
          return FormatDateTime(d.int_value(), FractionDigits::kSeven);
        case Dynamic::Kind::TimeSpan:
          return FormatTimeSpan(d.int_value());
        default:
          return d.ToJson();
      }
    }
  }
  return "";
}

namespace {

std::string_view TrimSpace(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// The value every to*() conversion starts from: `v` itself, or a dynamic's scalar content; nullopt for
// nulls, dynamic nulls, arrays and objects (which all convert to null).
std::optional<Value> NonNullScalar(const Value& v) {
  if (IsNullish(v)) return std::nullopt;
  if (v.type() != Type::Dynamic) return v;
  const Dynamic* d = DynOf(v);
  if (d == nullptr || d->kind() == Dynamic::Kind::Array || d->kind() == Dynamic::Kind::Object)
    return std::nullopt;
  Value scalar = FromDynamic(*d);
  if (scalar.is_null()) return std::nullopt;
  return scalar;
}

// Truncates toward zero and saturates, as Kusto's toint/tolong of a real do; NaN and infinities are null.
std::optional<int64_t> SaturatingTruncate(double d, int64_t lo, int64_t hi) {
  if (!std::isfinite(d)) return std::nullopt;
  double t = std::trunc(d);
  if (t <= static_cast<double>(lo)) return lo;
  if (t >= static_cast<double>(hi)) return hi;
  return static_cast<int64_t>(t);
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

}  // namespace

std::optional<int64_t> ParseInteger(std::string_view text) {
  std::string_view s = TrimSpace(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  if (s.empty()) return std::nullopt;
  uint64_t magnitude = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (magnitude > kMaxPositive + 1) return std::nullopt;
    return static_cast<int64_t>(0 - magnitude);
  }
  if (magnitude > kMaxPositive) return std::nullopt;
  return static_cast<int64_t>(magnitude);
}

std::optional<double> ParseReal(std::string_view text) {
  std::string s(TrimSpace(text));
  if (s.empty()) return std::nullopt;
  // strtod also takes hex floats and nan(...) payloads, which Kusto rejects.
  for (char c : s) {
    if (c == 'x' || c == 'X' || c == 'p' || c == 'P' || c == '(' || c == '_') return std::nullopt;
  }
  std::string_view body = s;
  if (body.front() == '+' || body.front() == '-') body.remove_prefix(1);
  if (IEquals(body, "infinity") || IEquals(body, "inf") || IEquals(body, "nan")) {
    double special = IEquals(body, "nan") ? std::nan("") : std::numeric_limits<double>::infinity();
    return s.front() == '-' ? -special : special;
  }
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return d;
}

std::optional<int64_t> ToLong(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s) return std::nullopt;
  switch (s->type()) {
    case Type::Bool:
    case Type::Int:
    case Type::Long:
    case Type::TimeSpan:
      return s->int_value();
    case Type::DateTime:
      return s->int_value() + kDotNetEpochOffset;
    case Type::Real:
    case Type::Decimal:
      return SaturatingTruncate(s->real_value(), std::numeric_limits<int64_t>::min(),
                                std::numeric_limits<int64_t>::max());
    case Type::String:
      return ParseInteger(s->string_value());
    default:
      return std::nullopt;
  }
}

std::optional<int64_t> ToInt(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s) return std::nullopt;
  if (s->type() == Type::Real || s->type() == Type::Decimal) {
    return SaturatingTruncate(s->real_value(), std::numeric_limits<int32_t>::min(),
                              std::numeric_limits<int32_t>::max());
  }
  std::optional<int64_t> l = ToLong(*s);
  if (!l) return std::nullopt;
  // Text out of the int range is invalid; a long out of range wraps (toint(2147483648) = -2147483648).
  if (s->type() == Type::String &&
      (*l < std::numeric_limits<int32_t>::min() || *l > std::numeric_limits<int32_t>::max())) {
    return std::nullopt;
  }
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(*l)));
}

std::optional<double> ToReal(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s) return std::nullopt;
  switch (s->type()) {
    case Type::Real:
    case Type::Decimal:
      return s->real_value();
    case Type::String:
      return ParseReal(s->string_value());
    case Type::Bool:
    case Type::Int:
    case Type::Long:
    case Type::TimeSpan:
      return static_cast<double>(s->int_value());
    case Type::DateTime:
      return static_cast<double>(s->int_value() + kDotNetEpochOffset);
    default:
      return std::nullopt;
  }
}

std::optional<bool> ToBool(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s) return std::nullopt;
  switch (s->type()) {
    case Type::Bool:
    case Type::Int:
    case Type::Long:
      return s->int_value() != 0;
    case Type::Real:
    case Type::Decimal:
      return s->real_value() != 0;
    case Type::String: {
      std::string_view text = TrimSpace(s->string_value());
      if (IEquals(text, "true")) return true;
      if (IEquals(text, "false")) return false;
      // Integer text converts by value (tobool("42") is true); other text is null.
      if (std::optional<int64_t> i = ParseInteger(text)) return *i != 0;
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

Value CheckedDateTime(int64_t ticks) {
  if (ticks < kMinDateTimeTicks || ticks > kMaxDateTimeTicks) return Value::Null(Type::DateTime);
  return Value::DateTime(ticks);
}

std::optional<int64_t> ToDateTimeTicks(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s) return std::nullopt;
  std::optional<int64_t> ticks;
  switch (s->type()) {
    case Type::DateTime:
      return s->int_value();
    case Type::String:
      return ParseDateTime(s->string_value());
    case Type::Int:
    case Type::Long:
      ticks = s->int_value() - kDotNetEpochOffset;
      break;
    case Type::Real:
    case Type::Decimal: {
      std::optional<int64_t> t = SaturatingTruncate(s->real_value(), 0, std::numeric_limits<int64_t>::max());
      if (t) ticks = *t - kDotNetEpochOffset;
      break;
    }
    default:
      return std::nullopt;
  }
  if (!ticks || *ticks < kMinDateTimeTicks || *ticks > kMaxDateTimeTicks) return std::nullopt;
  return ticks;
}

std::optional<int64_t> ToTimeSpanTicks(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s) return std::nullopt;
  switch (s->type()) {
    case Type::TimeSpan:
    case Type::Int:
    case Type::Long:
      return s->int_value();
    case Type::String:
      return ParseTimeSpan(s->string_value());
    case Type::Real:
    case Type::Decimal:
      return SaturatingTruncate(s->real_value(), std::numeric_limits<int64_t>::min(),
                                std::numeric_limits<int64_t>::max());
    default:
      return std::nullopt;
  }
}

std::optional<std::string> ToGuid(const Value& v) {
  std::optional<Value> s = NonNullScalar(v);
  if (!s || (s->type() != Type::String && s->type() != Type::Guid)) return std::nullopt;
  std::string_view text = TrimSpace(s->string_value());
  if (text.size() == 38 &&
      ((text.front() == '{' && text.back() == '}') || (text.front() == '(' && text.back() == ')'))) {
    text = text.substr(1, 36);
  }
  std::string hex;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool dash_slot = text.size() == 36 && (i == 8 || i == 13 || i == 18 || i == 23);
    if (dash_slot) {
      if (c != '-') return std::nullopt;
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (hex.size() != 32 || (text.size() != 36 && text.size() != 32)) return std::nullopt;
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20));
}

Value ConvertTo(Type target, const Value& v) {
  auto opt_int = [&](Type t, std::optional<int64_t> i) { return i ? Value::FromInt(t, *i) : Value::Null(t); };
  switch (target) {
    case Type::Bool: {
      std::optional<bool> b = ToBool(v);
      return b ? Value::Bool(*b) : Value::Null(Type::Bool);
    }
    case Type::Int:
      return opt_int(Type::Int, ToInt(v));
    case Type::Long:
      return opt_int(Type::Long, ToLong(v));
    case Type::DateTime:
      return opt_int(Type::DateTime, ToDateTimeTicks(v));
    case Type::TimeSpan:
      return opt_int(Type::TimeSpan, ToTimeSpanTicks(v));
    case Type::Real:
    case Type::Decimal: {
      std::optional<double> d = ToReal(v);
      return d ? Value::FromReal(target, *d) : Value::Null(target);
    }
    case Type::String:
      return Value::String(ToKustoString(v));
    case Type::Guid: {
      std::optional<std::string> g = ToGuid(v);
      return g ? Value::Guid(*g) : Value::Null(Type::Guid);
    }
    case Type::Dynamic:
      return IsNullish(v) ? Value::Null(Type::Dynamic) : Value::Dyn(ToDynamic(v));
    case Type::Null:
      return Value();
  }
  return Value();
}

namespace {

// Normalizes a non-null Value for comparison: dynamic scalars unwrapped, null dynamic stays dynamic.
Value Unwrap(const Value& v) {
  if (v.type() != Type::Dynamic) return v;
  return FromDynamic(v.dynamic_value());
}

enum class Class { Number, Text, Temporal, Span, Boolean, Other };

Class ClassOf(Type t) {
  switch (t) {
    case Type::Int:
    case Type::Long:
    case Type::Real:
    case Type::Decimal:
      return Class::Number;
    case Type::String:
    case Type::Guid:
      return Class::Text;
    case Type::DateTime:
      return Class::Temporal;
    case Type::TimeSpan:
      return Class::Span;
    case Type::Bool:
      return Class::Boolean;
    default:
      return Class::Other;
  }
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

}  // namespace

int CompareValues(const Value& a_in, const Value& b_in) {
  Value a = Unwrap(a_in);
  Value b = Unwrap(b_in);
  Class ca = ClassOf(a.type());
  Class cb = ClassOf(b.type());
  if (ca != cb) return Cmp(static_cast<int>(ca), static_cast<int>(cb));
  switch (ca) {
    case Class::Number:
      if (IsInteger(a.type()) && IsInteger(b.type())) return Cmp(a.int_value(), b.int_value());
      return Cmp(*ToReal(a), *ToReal(b));
    case Class::Text:
      return Cmp(a.string_value(), b.string_value());
    case Class::Other:
      return Cmp(ToKustoString(a), ToKustoString(b));
    default:
      return Cmp(a.int_value(), b.int_value());
  }
}

bool ValuesEqual(const Value& a_in, const Value& b_in) {
  if (a_in.type() == Type::Dynamic && b_in.type() == Type::Dynamic)
    return a_in.dynamic_value() == b_in.dynamic_value();
  Value a = Unwrap(a_in);
  Value b = Unwrap(b_in);
  Class ca = ClassOf(a.type());
  if (ca != ClassOf(b.type())) return false;
  if (ca == Class::Number && !(IsInteger(a.type()) && IsInteger(b.type()))) return *ToReal(a) == *ToReal(b);
  if (ca == Class::Other) return ToDynamic(a) == ToDynamic(b);
  return CompareValues(a, b) == 0;
}

}  // namespace iochound::fn
