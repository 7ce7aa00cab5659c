// IP functions: parse_ipv4 format_ipv4 ipv4_is_private ipv4_is_in_range ipv4_is_match ipv4_compare,
// ipv6_is_in_range, has_ipv4 has_ipv4_prefix has_any_ipv4 has_any_ipv4_prefix, and geo_info_from_ip_address.
#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

struct Ipv4 {
  uint32_t address;
  int prefix;  // 32 without a /suffix
};

// Dotted quad with an optional /prefix; nullopt if malformed.
std::optional<Ipv4> ParseIpv4(std::string_view s) {
  int prefix = 32;
  if (size_t slash = s.find('/'); slash != std::string_view::npos) {
    std::string_view p = s.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc() || ptr != p.data() + p.size() || prefix < 0 || prefix > 32) return std::nullopt;
    s = s.substr(0, slash);
  }
  uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (s.empty() || s.front() != '.') return std::nullopt;
      s.remove_prefix(1);
    }
    unsigned octet = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), octet);
    if (ec != std::errc() || octet > 255 || ptr == s.data()) return std::nullopt;
    s.remove_prefix(ptr - s.data());
    address = (address << 8) | octet;
  }
  if (!s.empty()) return std::nullopt;
  return Ipv4{address, prefix};
}

uint32_t Mask(int prefix) {
  return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
}

bool InRange(uint32_t address, const Ipv4& range) {
  return (address & Mask(range.prefix)) == (range.address & Mask(range.prefix));
}

bool IsPrivate(uint32_t a) {
  static const Ipv4 kRanges[] = {{0x0A000000, 8}, {0xAC100000, 12}, {0xC0A80000, 16}};
  for (const Ipv4& r : kRanges) {
    if (InRange(a, r)) return true;
  }
  return false;
}

// ipv4_compare (as a long) or ipv4_is_match (as a bool); null when an address or prefix is invalid.
Value CompareIpv4(Vals v, Type result) {
  std::optional<Ipv4> a = ParseIpv4(ToKustoString(v[0]));
  std::optional<Ipv4> b = ParseIpv4(ToKustoString(v[1]));
  int prefix = std::min(a ? a->prefix : 32, b ? b->prefix : 32);
  if (v.size() > 2) {
    std::optional<int64_t> p = ToLong(v[2]);
    if (!p || *p < 0 || *p > 32) return Value::Null(result);
    prefix = std::min(prefix, static_cast<int>(*p));
  }
  if (!a || !b) return Value::Null(result);
  uint32_t x = a->address & Mask(prefix), y = b->address & Mask(prefix);
  if (result == Type::Bool) return Value::Bool(x == y);
  return Value::Long(x < y ? -1 : (x > y ? 1 : 0));
}

struct Ipv6 {
  std::array<uint8_t, 16> bytes;
  int prefix;  // 128 without a /suffix
};

// An IPv6 address with an optional /prefix; an IPv4 address is its IPv4-mapped form (::ffff:a.b.c.d,
// prefix + 96), as Kusto's ipv6_* functions accept both.
std::optional<Ipv6> ParseIpv6(std::string_view s) {
  std::optional<int> prefix;
  if (size_t slash = s.find('/'); slash != std::string_view::npos) {
    std::string_view p = s.substr(slash + 1);
    int n = 0;
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), n);
    if (ec != std::errc() || ptr != p.data() + p.size() || n < 0) return std::nullopt;
    prefix = n;
    s = s.substr(0, slash);
  }
  Ipv6 ip{};
  std::string text(s);
  if (inet_pton(AF_INET6, text.c_str(), ip.bytes.data()) == 1) {
    ip.prefix = prefix.value_or(128);
    return ip.prefix <= 128 ? std::optional(ip) : std::nullopt;
  }
  std::optional<Ipv4> v4 = ParseIpv4(s);
  if (!v4 || (prefix && *prefix > 32)) return std::nullopt;
  ip.bytes[10] = ip.bytes[11] = 0xFF;
  for (int i = 0; i < 4; ++i) ip.bytes[12 + i] = static_cast<uint8_t>(v4->address >> (24 - 8 * i));
  ip.prefix = 96 + prefix.value_or(32);
  return ip;
}

bool InRange6(const Ipv6& address, const Ipv6& range) {
  int bits = std::min(address.prefix, range.prefix);
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - bits));
    if ((address.bytes[i] & mask) != (range.bytes[i] & mask)) return false;
  }
  return true;
}

// The IPv4 addresses written in a text: runs of digits and dots not touching a letter, digit or dot
// (Kusto: "a valid IP address is bounded by non-alphanumeric characters").
std::vector<std::string_view> Ipv4Terms(std::string_view text) {
  std::vector<std::string_view> found;
  auto is_part = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (size_t i = 0; i < text.size();) {
    if (!is_part(text[i]) || (i > 0 && is_word(text[i - 1]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && is_part(text[end])) ++end;
    std::string_view run = text.substr(i, end - i);
    if ((end == text.size() || !is_word(text[end])) && ParseIpv4(run)) found.push_back(run);
    i = end;
  }
  return found;
}

// Whether `address` (dotted text) starts with `prefix`: a whole address, or leading octets ending in '.'.
bool HasPrefix(std::string_view address, std::string_view prefix) {
  if (prefix.empty()) return false;
  if (prefix.back() != '.') return address == prefix;
  return address.substr(0, prefix.size()) == prefix;
}

// has_ipv4 (prefix = false) and has_ipv4_prefix over the needles `v[1..]` (or one dynamic array of them).
Value HasIpv4(Vals v, bool prefix) {
  std::vector<std::string> needles;
  for (const Value& needle : v.subspan(1)) {
    const Dynamic* array = DynOf(needle);
    if (array != nullptr && array->kind() == Dynamic::Kind::Array) {
      for (const Dynamic& item : array->array()) needles.push_back(ToKustoString(Value::Dyn(item)));
    } else {
      needles.push_back(ToKustoString(needle));
    }
  }
  const std::string text = ToKustoString(v[0]);  // outlives the views Ipv4Terms returns
  for (std::string_view address : Ipv4Terms(text)) {
    for (const std::string& needle : needles) {
      if (prefix ? HasPrefix(address, needle) : address == needle) return Value::Bool(true);
    }
  }
  return Value::Bool(false);
}

}  // namespace

void RegisterNetworkFunctions(Registry& r) {
  r.Add(Simple("parse_ipv4", 1, 1, Type::Long, [](Vals v, const EvalContext&) {
    std::optional<Ipv4> ip = ParseIpv4(ToKustoString(v[0]));
    return ip ? Value::Long(ip->address & Mask(ip->prefix)) : Value::Null(Type::Long);
  }));
  r.Add(Simple("format_ipv4", 1, 2, Type::String, [](Vals v, const EvalContext&) {
    std::optional<int64_t> n;
    if (v[0].type() == Type::String) {
      if (std::optional<Ipv4> ip = ParseIpv4(v[0].string_value())) n = ip->address;
    } else {
      n = ToLong(v[0]);
    }
    int prefix = v.size() > 1 ? static_cast<int>(ToLong(v[1]).value_or(32)) : 32;
    if (!n || *n < 0 || *n > 0xFFFFFFFFLL || prefix < 0 || prefix > 32) return Value::String("");
    uint32_t a = static_cast<uint32_t>(*n) & Mask(prefix);
    return Value::String(fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255));
  }));
  r.Add(Simple("ipv4_is_private", 1, 1, Type::Bool, [](Vals v, const EvalContext&) {
    std::optional<Ipv4> ip = ParseIpv4(ToKustoString(v[0]));
    return ip ? Value::Bool(IsPrivate(ip->address)) : Value::Null(Type::Bool);
  }));
  r.Add(Simple("ipv4_is_in_range", 2, 2, Type::Bool, [](Vals v, const EvalContext&) {
    std::optional<Ipv4> ip = ParseIpv4(ToKustoString(v[0]));
    std::optional<Ipv4> range = ParseIpv4(ToKustoString(v[1]));
    return ip && range ? Value::Bool(InRange(ip->address, *range)) : Value::Null(Type::Bool);
  }));
  // ipv4_compare(a, b [, prefix]): -1, 0 or 1 comparing the addresses masked by the shortest of the
  // prefixes (their own /suffixes and the argument); ipv4_is_match is its equality.
  r.Add(Simple("ipv4_compare", 2, 3, Type::Long,
               [](Vals v, const EvalContext&) { return CompareIpv4(v, Type::Long); }));
  r.Add(Simple("ipv4_is_match", 2, 3, Type::Bool,
               [](Vals v, const EvalContext&) { return CompareIpv4(v, Type::Bool); }));
  r.Add(Simple("has_ipv4", 2, 2, Type::Bool, [](Vals v, const EvalContext&) { return HasIpv4(v, false); }));
  r.Add(Simple("has_ipv4_prefix", 2, 2, Type::Bool,
               [](Vals v, const EvalContext&) { return HasIpv4(v, true); }));
  r.Add(Simple("has_any_ipv4", 2, SIZE_MAX, Type::Bool,
               [](Vals v, const EvalContext&) { return HasIpv4(v, false); }));
  r.Add(Simple("has_any_ipv4_prefix", 2, SIZE_MAX, Type::Bool,
               [](Vals v, const EvalContext&) { return HasIpv4(v, true); }));
  // Kusto looks addresses up in MaxMind's GeoLite2 database, which iochound does not ship: the
  // information is never available, so the result is null (docs/kql.md lists the deviation).
  r.Add(Simple("geo_info_from_ip_address", 1, 1, Type::Dynamic,
               [](Vals, const EvalContext&) { return Value::Null(Type::Dynamic); }));
  // https://learn.microsoft.com/kusto/query/ipv6-is-in-range-function
  r.Add(Simple("ipv6_is_in_range", 2, 2, Type::Bool, [](Vals v, const EvalContext&) {
    std::optional<Ipv6> ip = ParseIpv6(ToKustoString(v[0]));
    std::optional<Ipv6> range = ParseIpv6(ToKustoString(v[1]));
    return ip && range ? Value::Bool(InRange6(*ip, *range)) : Value::Null(Type::Bool);
  }));
}

}  // namespace iochound::fn
