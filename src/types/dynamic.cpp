#include "types/dynamic.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "types/datetime.h"

namespace iochound {

namespace {

const Dynamic::Array kEmptyArray;
const Dynamic::Object kEmptyObject;

// Nesting deeper than this is rejected rather than risking the stack on hostile input.
constexpr int kMaxDepth = 512;

// Newtonsoft's JObject keeps the first position of a repeated key and the last value, which is what
// Kusto shows for `{"a":1,"a":2}`.
void MergeDuplicateKeys(Dynamic::Object& members) {
  const size_t n = members.size();
  if (n < 2) return;
  if (n <= 16) {  // the usual case: a quadratic scan beats sorting and allocates nothing
    bool any = false;
    for (size_t i = 1; i < n && !any; ++i) {
      for (size_t j = 0; j < i && !any; ++j) any = members[i].first == members[j].first;
    }
    if (!any) return;
  }
  // Stable sort of positions by key: each run of equal keys lists its occurrences in input order.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return members[a].first < members[b].first; });
  std::vector<bool> drop(n, false);
  for (size_t begin = 0, end; begin < n; begin = end) {
    end = begin + 1;
    while (end < n && members[order[end]].first == members[order[begin]].first) ++end;
    if (end - begin == 1) continue;
    members[order[begin]].second = std::move(members[order[end - 1]].second);
    for (size_t k = begin + 1; k < end; ++k) drop[order[k]] = true;
  }
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (drop[i]) continue;
    if (out != i) members[out] = std::move(members[i]);
    ++out;
  }
  members.resize(out);
}

// Numbers outside int64 and double's parser reach (huge integers) fall back to strtod on the raw token.
template <typename V>
std::optional<Dynamic> ConvertNumber(V& v) {
  int64_t i;
  if (v.get_int64().get(i) == simdjson::SUCCESS) return Dynamic::MakeLong(i);
  double d;
  if (v.get_double().get(d) == simdjson::SUCCESS) return Dynamic::MakeReal(d);
  std::string_view raw;
  // A value's raw_json_token() is a plain string_view, a document's a simdjson_result: wrap both.
  simdjson::simdjson_result<std::string_view> token_result = v.raw_json_token();
  if (std::move(token_result).get(raw) != simdjson::SUCCESS) return std::nullopt;
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  std::string token(raw);
  char* end = nullptr;
  d = std::strtod(token.c_str(), &end);
  if (token.empty() || end != token.c_str() + token.size()) return std::nullopt;
  return Dynamic::MakeReal(d);
}

// Works for both a document (the root) and a value, which share simdjson's accessor names.
template <typename V>
std::optional<Dynamic> Convert(V& v, int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  simdjson::ondemand::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return std::nullopt;
  switch (type) {
    case simdjson::ondemand::json_type::null: {
      if (!v.is_null()) return std::nullopt;
      return Dynamic();
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b;
      if (v.get_bool().get(b) != simdjson::SUCCESS) return std::nullopt;
      return Dynamic::MakeBool(b);
    }
    case simdjson::ondemand::json_type::number:
      return ConvertNumber(v);
    case simdjson::ondemand::json_type::string: {
      std::string_view s;
      if (v.get_string().get(s) != simdjson::SUCCESS) return std::nullopt;
      return Dynamic::MakeString(std::string(s));
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      if (v.get_array().get(array) != simdjson::SUCCESS) return std::nullopt;
      Dynamic::Array items;
      for (auto element : array) {
        simdjson::ondemand::value item;
        if (element.get(item) != simdjson::SUCCESS) return std::nullopt;
        auto converted = Convert(item, depth + 1);
        if (!converted) return std::nullopt;
        items.push_back(std::move(*converted));
      }
      return Dynamic::MakeArray(std::move(items));
    }
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (v.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
      Dynamic::Object members;
      for (auto field : object) {
        std::string_view key;
        simdjson::ondemand::value item;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
            field.value().get(item) != simdjson::SUCCESS) {
          return std::nullopt;
        }
        std::string name(key);
        auto converted = Convert(item, depth + 1);
        if (!converted) return std::nullopt;
        members.emplace_back(std::move(name), std::move(*converted));
      }
      MergeDuplicateKeys(members);
      return Dynamic::MakeObject(std::move(members));
    }
  }
  return std::nullopt;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one (overlongs,
// surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && byte(i + 1) >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && byte(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && byte(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void AppendJson(std::string& out, const Dynamic& d) {
  switch (d.kind()) {
    case Dynamic::Kind::Null:
      out += "null";
      return;
    case Dynamic::Kind::Bool:
      out += d.bool_value() ? "true" : "false";
      return;
    case Dynamic::Kind::Long: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, d.int_value());
      out.append(buf, r.ptr);
      return;
    }
    case Dynamic::Kind::Real:
      AppendJsonReal(out, d.real_value());
      return;
    case Dynamic::Kind::String:
    case Dynamic::Kind::Guid:
      AppendJsonString(out, d.string_value());
      return;
    case Dynamic::Kind::DateTime:
      AppendJsonString(out, FormatDateTime(d.int_value()));
      return;
    case Dynamic::Kind::TimeSpan:
      AppendJsonString(out, FormatTimeSpan(d.int_value()));
      return;
    case Dynamic::Kind::Array: {
      out.push_back('[');
      bool first = true;
      for (const Dynamic& item : d.array()) {
        if (!first) out.push_back(',');
        first = false;
        AppendJson(out, item);
      }
      out.push_back(']');
      return;
    }
    case Dynamic::Kind::Object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, value] : d.object()) {
        if (!first) out.push_back(',');
        first = false;
        AppendJsonString(out, key);
        out.push_back(':');
        AppendJson(out, value);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

Dynamic Dynamic::MakeBool(bool v) {
  Dynamic d;
  d.kind_ = Kind::Bool;
  d.int_ = v ? 1 : 0;
  return d;
}

Dynamic Dynamic::MakeLong(int64_t v) {
  Dynamic d;
  d.kind_ = Kind::Long;
  d.int_ = v;
  return d;
}

Dynamic Dynamic::MakeReal(double v) {
  Dynamic d;
  d.kind_ = Kind::Real;
  d.real_ = v;
  return d;
}

Dynamic Dynamic::MakeString(std::string v) {
  Dynamic d;
  d.kind_ = Kind::String;
  d.string_ = std::move(v);
  return d;
}

Dynamic Dynamic::MakeDateTime(int64_t ticks) {
  Dynamic d;
  d.kind_ = Kind::DateTime;
  d.int_ = ticks;
  return d;
}

Dynamic Dynamic::MakeTimeSpan(int64_t ticks) {
  Dynamic d;
  d.kind_ = Kind::TimeSpan;
  d.int_ = ticks;
  return d;
}

Dynamic Dynamic::MakeGuid(std::string canonical) {
  Dynamic d;
  d.kind_ = Kind::Guid;
  // Kusto renders guids in lower case whatever case they were written in.
  for (char& c : canonical) {
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c + 32);
  }
  d.string_ = std::move(canonical);
  return d;
}

Dynamic Dynamic::MakeArray(Array items) {
  Dynamic d;
  d.kind_ = Kind::Array;
  d.array_ = std::make_shared<Array>(std::move(items));
  return d;
}

Dynamic Dynamic::MakeObject(Object members) {
  Dynamic d;
  d.kind_ = Kind::Object;
  d.object_ = std::make_shared<Object>(std::move(members));
  return d;
}

const Dynamic::Array& Dynamic::array() const {
  return kind_ == Kind::Array && array_ ? *array_ : kEmptyArray;
}

Dynamic::Array& Dynamic::mutable_array() {
  if (kind_ != Kind::Array) throw std::logic_error("Dynamic::mutable_array on a non-array");
  if (!array_) {
    array_ = std::make_shared<Array>();
  } else if (array_.use_count() > 1) {
    array_ = std::make_shared<Array>(*array_);  // copy on write: other holders keep the old items
  }
  return *array_;
}

const Dynamic::Object& Dynamic::object() const {
  return kind_ == Kind::Object && object_ ? *object_ : kEmptyObject;
}

Dynamic::Object& Dynamic::mutable_object() {
  if (kind_ != Kind::Object) throw std::logic_error("Dynamic::mutable_object on a non-object");
  if (!object_) {
    object_ = std::make_shared<Object>();
  } else if (object_.use_count() > 1) {
    object_ = std::make_shared<Object>(*object_);
  }
  return *object_;
}

const Dynamic* Dynamic::Find(std::string_view key) const {
  if (kind_ != Kind::Object || !object_) return nullptr;
  for (const auto& [name, value] : *object_) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::optional<Dynamic> Dynamic::ParseJson(std::string_view text) {
  // One parser and padded buffer per thread: parsing is on the ingest hot path and both are costly
  // to create.
  thread_local simdjson::ondemand::parser parser;
  thread_local std::string buffer;
  buffer.assign(text);
  buffer.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::ondemand::document doc;
  if (parser.iterate(buffer.data(), text.size(), buffer.size()).get(doc) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::optional<Dynamic> result = Convert(doc, 0);
  // Anything after the root value (`1 2`, `[1] x`) makes the text invalid: the end of the document
  // is the only place current_location() reports out of bounds.
  if (!result || doc.current_location().error() != simdjson::OUT_OF_BOUNDS) return std::nullopt;
  return result;
}

std::string Dynamic::ToJson() const {
  std::string out;
  AppendJson(out, *this);
  return out;
}

bool Dynamic::operator==(const Dynamic& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::Null:
      return true;
    case Kind::Bool:
    case Kind::Long:
    case Kind::DateTime:
    case Kind::TimeSpan:
      return int_ == other.int_;
    case Kind::Real:
      return real_ == other.real_;
    case Kind::String:
    case Kind::Guid:
      return string_ == other.string_;
    case Kind::Array:
      return array() == other.array();
    case Kind::Object: {
      // Property bags are unordered: equal when they hold the same keys with equal values.
      const Object& a = object();
      const Object& b = other.object();
      if (a.size() != b.size()) return false;
      for (const auto& [key, value] : a) {
        const Dynamic* match = other.Find(key);
        if (match == nullptr || !(*match == value)) return false;
      }
      return true;
    }
  }
  return false;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  return out;
}

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run needing no escaping in one append.
    size_t run = i;
    while (run < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8SequenceLength(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid sequence
        ++i;
      } else {
        out.append(s.data() + i, n);
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out.push_back('"');
}

void AppendJsonReal(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "\"NaN\"";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  // Shortest round-trip digits, then laid out as .NET's "R" format does: scientific notation when
  // the decimal exponent is below -4 or at least 15, with a signed exponent of two or more digits.
  char buf[40];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  if (negative) out.push_back('-');
  if (exponent >= 15 || exponent < -4) {
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('E');
    out.push_back(exponent < 0 ? '-' : '+');
    int magnitude = std::abs(exponent);
    if (magnitude < 10) out.push_back('0');
    out += std::to_string(magnitude);
    return;
  }
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
    return;
  }
  size_t int_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    out += digits;
    out.append(int_digits - digits.size(), '0');
    out += ".0";  // Newtonsoft keeps a whole real distinguishable from a long
  } else {
    out.append(digits, 0, int_digits);
    out.push_back('.');
    out.append(digits, int_digits);
  }
}

}  // namespace iochound
