// String functions. Lengths and offsets count Unicode code points, as Kusto's do (strlen("😀") is 1);
// string_size counts UTF-8 bytes. Case mapping is ICU's simple per-code-point mapping.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

std::vector<UChar32> Decode(std::string_view s) {
  std::vector<UChar32> out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : c);
  }
  return out;
}

void Append(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out.append(buf, len);
}

std::string Encode(std::span<const UChar32> cps) {
  std::string out;
  out.reserve(cps.size());
  for (UChar32 c : cps) Append(out, c);
  return out;
}

// Byte offset of code point `index` (clamped to the end).
size_t ByteOffset(std::string_view s, int64_t index) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  for (int64_t k = 0; k < index && i < n; ++k) U8_FWD_1(s.data(), i, n);
  return static_cast<size_t>(i);
}

int64_t CodePointCount(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  int64_t count = 0;
  while (i < n) {
    U8_FWD_1(s.data(), i, n);
    ++count;
  }
  return count;
}

std::string MapCase(std::string_view s, bool upper) {
  std::string out;
  out.reserve(s.size());
  for (UChar32 c : Decode(s)) Append(out, upper ? u_toupper(c) : u_tolower(c));
  return out;
}

std::string Str(const Value& v) {
  return ToKustoString(v);
}

std::optional<int64_t> Int(const Value& v) {
  return ToLong(v);
}

Value Substring(Vals v) {
  std::string s = Str(v[0]);
  std::optional<int64_t> start = Int(v[1]);
  if (!start) return Value::String("");
  int64_t n = CodePointCount(s);
  int64_t from = *start < 0 ? n + *start : *start;
  if (from < 0 || from >= n) return Value::String("");
  int64_t length = n - from;
  if (v.size() > 2) {
    std::optional<int64_t> l = Int(v[2]);
    if (!l || *l <= 0) return Value::String("");
    length = std::min(length, *l);
  }
  size_t b = ByteOffset(s, from);
  size_t e = b + ByteOffset(std::string_view(s).substr(b), length);
  return Value::String(s.substr(b, e - b));
}

// indexof(source, lookup[, start[, length[, occurrence]]]) in code points; null for an empty lookup.
Value IndexOf(Vals v) {
  std::string source = Str(v[0]), lookup = Str(v[1]);
  if (lookup.empty()) return Value::Null(Type::Long);
  int64_t n = CodePointCount(source);
  int64_t start = 0, length = -1, occurrence = 1;
  if (v.size() > 2) {
    std::optional<int64_t> s = Int(v[2]);
    if (!s) return Value::Null(Type::Long);
    start = *s < 0 ? std::max<int64_t>(0, n + *s) : *s;
  }
  if (v.size() > 3) length = Int(v[3]).value_or(-1);
  if (v.size() > 4) occurrence = Int(v[4]).value_or(1);
  if (start > n || occurrence <= 0) return Value::Long(-1);
  size_t begin = ByteOffset(source, start);
  size_t end =
      length < 0 ? source.size() : begin + ByteOffset(std::string_view(source).substr(begin), length);
  std::string_view window = std::string_view(source).substr(0, end);
  size_t pos = begin;
  for (int64_t k = 0;; ++k) {
    pos = window.find(lookup, pos);
    if (pos == std::string_view::npos) return Value::Long(-1);
    if (k + 1 == occurrence) break;
    pos += 1;
  }
  return Value::Long(CodePointCount(window.substr(0, pos)));
}

Value ReplaceString(Vals v) {
  std::string text = Str(v[0]), lookup = Str(v[1]), rewrite = Str(v[2]);
  if (lookup.empty()) return Value::String(text);
  std::string out;
  size_t pos = 0;
  for (size_t hit; (hit = text.find(lookup, pos)) != std::string::npos; pos = hit + lookup.size()) {
    out.append(text, pos, hit - pos);
    out += rewrite;
  }
  out.append(text, pos);
  return Value::String(out);
}

Value Split(Vals v) {
  std::string s = Str(v[0]), delim = Str(v[1]);
  Dynamic::Array parts;
  if (delim.empty()) {
    parts.push_back(Dynamic::MakeString(s));
  } else {
    size_t pos = 0;
    for (size_t hit; (hit = s.find(delim, pos)) != std::string::npos; pos = hit + delim.size()) {
      parts.push_back(Dynamic::MakeString(s.substr(pos, hit - pos)));
    }
    parts.push_back(Dynamic::MakeString(s.substr(pos)));
  }
  if (v.size() > 2) {
    // With an index, a one-element array, or null when the index is out of range.
    std::optional<int64_t> i = Int(v[2]);
    if (!i || *i < 0 || *i >= static_cast<int64_t>(parts.size())) return Value::Null(Type::Dynamic);
    return Value::Dyn(Dynamic::MakeArray({parts[*i]}));
  }
  return Value::Dyn(Dynamic::MakeArray(std::move(parts)));
}

Value StrcatArray(Vals v) {
  const Dynamic* array = DynOf(v[0]);
  std::string delim = Str(v[1]), out;
  if (array == nullptr || array->kind() != Dynamic::Kind::Array) return Value::String("");
  bool first = true;
  for (const Dynamic& item : array->array()) {
    if (!first) out += delim;
    first = false;
    out += ToKustoString(Value::Dyn(item));
  }
  return Value::String(out);
}

Value Translate(Vals v) {
  std::vector<UChar32> search = Decode(Str(v[0])), replace = Decode(Str(v[1]));
  std::string out;
  for (UChar32 c : Decode(Str(v[2]))) {
    auto it = std::find(search.begin(), search.end(), c);
    if (it == search.end()) {
      Append(out, c);
    } else if (!replace.empty()) {
      // A shorter replacement list repeats its last character; an empty one deletes.
      size_t i = std::min<size_t>(it - search.begin(), replace.size() - 1);
      Append(out, replace[i]);
    }
  }
  return Value::String(out);
}

Value Strrep(Vals v) {
  std::string s = Str(v[0]), delim = v.size() > 2 ? Str(v[2]) : "";
  std::optional<int64_t> times = Int(v[1]);
  if (!times || *times <= 0) return Value::String("");
  std::string out;
  for (int64_t i = 0; i < *times; ++i) {
    if (i > 0) out += delim;
    out += s;
  }
  return Value::String(out);
}

}  // namespace

void RegisterStringFunctions(Registry& r) {
  r.Add(Simple("strlen", 1, 1, Type::Long,
               [](Vals v, const EvalContext&) { return Value::Long(CodePointCount(Str(v[0]))); }));
  r.Add(Simple("string_size", 1, 1, Type::Long, [](Vals v, const EvalContext&) {
    return Value::Long(static_cast<int64_t>(Str(v[0]).size()));
  }));
  r.Add(Simple("substring", 2, 3, Type::String, [](Vals v, const EvalContext&) { return Substring(v); }));
  r.Add(Simple("tolower", 1, 1, Type::String,
               [](Vals v, const EvalContext&) { return Value::String(MapCase(Str(v[0]), false)); }));
  r.Add(Simple("toupper", 1, 1, Type::String,
               [](Vals v, const EvalContext&) { return Value::String(MapCase(Str(v[0]), true)); }));
  r.Add(Simple("strcat", 1, 64, Type::String, [](Vals v, const EvalContext&) {
    std::string out;
    for (const Value& x : v) out += Str(x);
    return Value::String(out);
  }));
  r.Add(Simple("strcat_delim", 3, 65, Type::String, [](Vals v, const EvalContext&) {
    std::string delim = Str(v[0]), out;
    for (size_t i = 1; i < v.size(); ++i) out += (i > 1 ? delim : "") + Str(v[i]);
    return Value::String(out);
  }));
  r.Add(
      Simple("strcat_array", 2, 2, Type::String, [](Vals v, const EvalContext&) { return StrcatArray(v); }));
  r.Add(Simple("indexof", 2, 5, Type::Long, [](Vals v, const EvalContext&) { return IndexOf(v); }));
  r.Add(Simple("replace_string", 3, 3, Type::String,
               [](Vals v, const EvalContext&) { return ReplaceString(v); }));
  r.Add(Simple("reverse", 1, 1, Type::String, [](Vals v, const EvalContext&) {
    std::vector<UChar32> cps = Decode(Str(v[0]));
    std::reverse(cps.begin(), cps.end());
    return Value::String(Encode(cps));
  }));
  r.Add(Simple("split", 2, 3, Type::Dynamic, [](Vals v, const EvalContext&) { return Split(v); }));
  r.Add(Simple("translate", 3, 3, Type::String, [](Vals v, const EvalContext&) { return Translate(v); }));
  r.Add(Simple("strrep", 2, 3, Type::String, [](Vals v, const EvalContext&) { return Strrep(v); }));
  r.Add(Simple("strcmp", 2, 2, Type::Long, [](Vals v, const EvalContext&) {
    int c = Str(v[0]).compare(Str(v[1]));
    return Value::Long(c < 0 ? -1 : (c > 0 ? 1 : 0));
  }));
}

}  // namespace iochound::fn
