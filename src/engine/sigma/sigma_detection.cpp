// Field conditions and their value modifiers (Sigma modifiers appendix v2.1). Matching is
// case-insensitive unless `cased`, as the specification's General section requires; `re` is
// case-sensitive unless `i`.
#include "engine/sigma/sigma_detection.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>

#include "engine/sigma/kql_text.h"
#include "types/dynamic.h"

namespace iochound::sigma {

namespace {

using Piece = Pattern::Piece;

enum class Op { kMatch, kRe, kCidr, kExists, kFieldref, kLt, kLte, kGt, kGte };

struct Modifiers {
  Op op = Op::kMatch;
  bool all = false, cased = false, neq = false;
  std::string re_flags;
  std::string time_part;                // minute/hour/...: the field is that part of a date
  std::vector<std::string> transforms;  // value transformations, in the order written
};

// Sigma's time modifiers (specification 2.1) → KQL datetime_part names.
std::string_view DatetimePart(std::string_view modifier) {
  static const std::pair<std::string_view, std::string_view> kParts[] = {
      {"minute", "minute"},     {"hour", "hour"},   {"day", "day"},
      {"week", "week_of_year"}, {"month", "month"}, {"year", "year"}};
  for (const auto& [name, part] : kParts) {
    if (name == modifier) return part;
  }
  return {};
}

// One value of a detection item as YAML gave it.
struct Scalar {
  bool null = false;
  bool plain = false;  // unquoted: may be a number or a boolean
  std::string text;
};

bool IsTransform(std::string_view m) {
  static const char* const kTransforms[] = {"contains", "startswith",   "endswith", "windash",
                                            "base64",   "base64offset", "utf16le",  "utf16be",
                                            "utf16",    "wide",         "expand"};
  for (const char* t : kTransforms) {
    if (m == t) return true;
  }
  return false;
}

Modifiers ParseModifiers(const std::vector<std::string>& names) {
  Modifiers mods;
  auto set_op = [&](Op op, const std::string& name) {
    if (mods.op != Op::kMatch)
      throw SigmaError(fmt::format("modifier '{}' combined with another type modifier", name));
    mods.op = op;
  };
  for (const std::string& name : names) {
    if (IsTransform(name)) {
      mods.transforms.push_back(name);
    } else if (name == "all") {
      mods.all = true;
    } else if (name == "cased") {
      mods.cased = true;
    } else if (name == "neq") {
      mods.neq = true;
    } else if (name == "re") {
      set_op(Op::kRe, name);
    } else if (name == "i" || name == "m" || name == "s") {
      if (mods.op != Op::kRe) throw SigmaError(fmt::format("regex flag modifier '{}' without 're'", name));
      mods.re_flags += name;
    } else if (!DatetimePart(name).empty()) {
      mods.time_part = DatetimePart(name);
    } else if (name == "cidr") {
      set_op(Op::kCidr, name);
    } else if (name == "exists") {
      set_op(Op::kExists, name);
    } else if (name == "fieldref") {
      set_op(Op::kFieldref, name);
    } else if (name == "lt" || name == "lte" || name == "gt" || name == "gte") {
      set_op(name == "lt" ? Op::kLt : name == "lte" ? Op::kLte : name == "gt" ? Op::kGt : Op::kGte, name);
    } else {
      throw SigmaError(fmt::format("unknown modifier '{}'", name));
    }
  }
  return mods;
}

std::vector<Scalar> Scalars(const YAML::Node& node, std::string_view where) {
  std::vector<Scalar> out;
  auto add = [&](const YAML::Node& n) {
    if (n.IsNull()) {
      out.push_back({true, false, {}});
    } else if (n.IsScalar()) {
      out.push_back({false, n.Tag() == "?", n.Scalar()});
    } else {
      throw SigmaError(fmt::format("{}: values must be strings, numbers or null", where));
    }
  };
  if (node.IsSequence()) {
    if (node.size() == 0) throw SigmaError(fmt::format("{}: empty list of values", where));
    for (const YAML::Node& n : node) add(n);
  } else {
    add(node);
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view op) {
  if (parts.size() == 1) return parts.front();
  std::string out = "(";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? fmt::format(" {} ", op) : "") + parts[i];
  return out + ")";
}

std::optional<int64_t> Integer(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string JsonEscaped(std::string_view text) {
  std::string quoted;
  AppendJsonString(quoted, text);
  return quoted.substr(1, quoted.size() - 2);
}

// `field` matched against one wildcard pattern.
std::string PatternPredicate(const Pattern& pattern, const FieldExpr& field, bool cased) {
  const auto& p = pattern.pieces;
  std::string_view cs = cased ? "_cs" : "";
  if (p.empty()) return fmt::format("{} == ''", field.text);
  bool only_stars = true;
  for (const Piece& piece : p) only_stars &= piece.kind == Piece::Kind::kStar;
  if (only_stars) return field.exists;
  if (!pattern.HasWildcards()) {
    if (field.integer_column) {
      if (auto n = Integer(p.front().text)) return fmt::format("{} == {}", field.raw, *n);
    }
    return fmt::format("{} {} {}", field.text, cased ? "==" : "=~", KqlString(p.front().text));
  }
  auto is = [&](size_t i, Piece::Kind kind) { return p[i].kind == kind; };
  if (p.size() == 3 && is(0, Piece::Kind::kStar) && is(1, Piece::Kind::kText) && is(2, Piece::Kind::kStar)) {
    return fmt::format("{} contains{} {}", field.text, cs, KqlString(p[1].text));
  }
  if (p.size() == 2 && is(0, Piece::Kind::kText) && is(1, Piece::Kind::kStar)) {
    return fmt::format("{} startswith{} {}", field.text, cs, KqlString(p[0].text));
  }
  if (p.size() == 2 && is(0, Piece::Kind::kStar) && is(1, Piece::Kind::kText)) {
    return fmt::format("{} endswith{} {}", field.text, cs, KqlString(p[1].text));
  }
  return fmt::format("{} matches regex {}", field.text, KqlString(WildcardRegex(pattern, cased)));
}

// The alternatives one value stands for after the transformations (windash and base64offset make
// several; any of them matches).
std::vector<Pattern> Transform(const Scalar& value, const Modifiers& mods, const DetectionContext& context) {
  std::vector<Pattern> alternatives = {Pattern::Parse(value.text)};
  bool binary = false;  // UTF-16 bytes not yet base64-encoded
  auto each = [&](auto&& change) {
    std::vector<Pattern> next;
    for (const Pattern& a : alternatives) {
      for (Pattern& changed : change(a)) next.push_back(std::move(changed));
    }
    alternatives = std::move(next);
  };
  for (const std::string& t : mods.transforms) {
    if (t == "contains" || t == "startswith" || t == "endswith") {
      for (Pattern& a : alternatives) {
        if (t != "startswith") a.PrependStar();
        if (t != "endswith") a.AppendStar();
      }
    } else if (t == "windash") {
      each([](const Pattern& a) { return Windash(a); });
    } else if (t == "base64") {
      each([&](const Pattern& a) { return std::vector{Pattern::Literal(Base64(a.LiteralText(t)))}; });
      binary = false;
    } else if (t == "base64offset") {
      each([&](const Pattern& a) {
        std::vector<Pattern> out;
        for (std::string& s : Base64Offsets(a.LiteralText(t))) out.push_back(Pattern::Literal(std::move(s)));
        return out;
      });
      binary = false;
    } else if (t == "expand") {
      each([&](const Pattern& a) { return ExpandPlaceholders(a, context.placeholders); });
    } else {  // utf16le, utf16be, utf16, wide
      each([&](const Pattern& a) {
        return std::vector{Pattern::Literal(Utf16(a.LiteralText(t), t == "utf16be", t == "utf16"))};
      });
      binary = true;
    }
  }
  if (binary) throw SigmaError("utf16 encoding modifiers must be followed by base64 or base64offset");
  return alternatives;
}

std::string Comparison(const Scalar& value, const Modifiers& mods, const FieldExpr& field) {
  char* end = nullptr;
  double number = std::strtod(value.text.c_str(), &end);
  if (value.text.empty() || *end != '\0' || !std::isfinite(number)) {
    throw SigmaError(fmt::format("'{}' is not a number for lt/lte/gt/gte", value.text));
  }
  std::string_view op = mods.op == Op::kLt    ? "<"
                        : mods.op == Op::kLte ? "<="
                        : mods.op == Op::kGt  ? ">"
                                              : ">=";
  return fmt::format("{} {} {}", field.number, op, value.text);
}

std::string Cidr(const std::string& range, const FieldExpr& field) {
  bool v6 = range.find(':') != std::string::npos;
  return fmt::format("{}({}, {})", v6 ? "ipv6_is_in_range" : "ipv4_is_in_range", field.text,
                     KqlString(range));
}

std::string Exists(const Scalar& value, const FieldExpr& field) {
  if (value.text != "true" && value.text != "false") {
    throw SigmaError(fmt::format("'exists' needs true or false, not '{}'", value.text));
  }
  return value.text == "true" ? field.exists : fmt::format("not({})", field.exists);
}

std::string Fieldref(const Scalar& value, const Modifiers& mods, const DetectionContext& context,
                     const FieldExpr& field) {
  FieldExpr other = context.fields(value.text);
  std::string_view cs = mods.cased ? "_cs" : "";
  bool starts = false, ends = false;
  for (const std::string& t : mods.transforms) {
    if (t == "contains" || t == "endswith") starts = true;
    if (t == "contains" || t == "startswith") ends = true;
    if (t != "contains" && t != "startswith" && t != "endswith") {
      throw SigmaError(fmt::format("modifier '{}' with fieldref", t));
    }
  }
  if (starts && ends) return fmt::format("{} contains{} {}", field.text, cs, other.text);
  if (ends) return fmt::format("{} startswith{} {}", field.text, cs, other.text);
  if (starts) return fmt::format("{} endswith{} {}", field.text, cs, other.text);
  return fmt::format("{} {} {}", field.text, mods.cased ? "==" : "=~", other.text);
}

// One field (or, for keywords, the whole event) against its values.
std::string CompileItem(const FieldExpr& field, const Modifiers& mods, const std::vector<Scalar>& values,
                        const DetectionContext& context, bool keyword) {
  std::vector<std::string> parts;
  for (const Scalar& value : values) {
    if (value.null) {
      if (mods.op != Op::kMatch || keyword)
        throw SigmaError("null value with a type modifier or as a keyword");
      parts.push_back(fmt::format("isnull({})", field.raw));
      continue;
    }
    switch (mods.op) {
      case Op::kMatch: {
        std::vector<std::string> alternatives;
        for (Pattern& a : Transform(value, mods, context)) {
          if (keyword) {
            // Keywords look anywhere in the event's JSON text, in the form JSON gives them.
            a.PrependStar();
            a.AppendStar();
            for (Piece& piece : a.pieces) piece.text = JsonEscaped(piece.text);
          }
          alternatives.push_back(PatternPredicate(a, field, mods.cased));
        }
        parts.push_back(Join(alternatives, "or"));
        break;
      }
      case Op::kRe: {
        std::string flags = mods.re_flags.empty() ? "" : "(?" + mods.re_flags + ")";
        parts.push_back(fmt::format("{} matches regex {}", field.text, KqlString(flags + value.text)));
        break;
      }
      case Op::kCidr:
        parts.push_back(Cidr(value.text, field));
        break;
      case Op::kExists:
        parts.push_back(Exists(value, field));
        break;
      case Op::kFieldref:
        parts.push_back(Fieldref(value, mods, context, field));
        break;
      default:
        parts.push_back(Comparison(value, mods, field));
        break;
    }
  }
  std::string joined = Join(parts, mods.all ? "and" : "or");
  return mods.neq ? fmt::format("not({})", joined) : joined;
}

std::vector<std::string> SplitModifiers(const std::string& key, std::string& field) {
  std::vector<std::string> names;
  size_t bar = key.find('|');
  field = key.substr(0, bar);
  while (bar != std::string::npos) {
    size_t next = key.find('|', bar + 1);
    names.push_back(key.substr(bar + 1, next == std::string::npos ? std::string::npos : next - bar - 1));
    bar = next;
  }
  return names;
}

// What keywords are searched in.
FieldExpr WholeEvent(const DetectionContext& context) {
  if (context.keyword_text.empty()) throw SigmaError("keyword search: the table has no whole-event text");
  return {context.keyword_text, context.keyword_text, context.keyword_text, "true"};
}

// The field a condition reads: the mapped field, or with a time modifier the part of its date.
FieldExpr Field(const DetectionContext& context, const std::string& name, const Modifiers& mods) {
  FieldExpr field = context.fields(name);
  if (mods.time_part.empty()) return field;
  std::string part = fmt::format("datetime_part({}, todatetime({}))", KqlString(mods.time_part), field.text);
  return {part, fmt::format("tostring({})", part), part, field.exists, false, true};
}

std::string CompileMap(const YAML::Node& map, const DetectionContext& context) {
  if (map.size() == 0) throw SigmaError("empty search identifier");
  std::vector<std::string> parts;
  for (const auto& item : map) {
    std::string key = item.first.Scalar(), field;
    Modifiers mods = ParseModifiers(SplitModifiers(key, field));
    std::vector<Scalar> values = Scalars(item.second, key);
    if (mods.all && values.size() == 1 && mods.op == Op::kMatch) mods.all = false;
    if (!mods.time_part.empty() && field.empty()) throw SigmaError("a time modifier needs a field");
    if (field.empty()) {
      parts.push_back(CompileItem(WholeEvent(context), mods, values, context, true));
    } else {
      parts.push_back(CompileItem(Field(context, field, mods), mods, values, context, false));
    }
  }
  return Join(parts, "and");
}

}  // namespace

std::string CompileSearch(const YAML::Node& definition, const DetectionContext& context) {
  if (definition.IsMap()) return CompileMap(definition, context);
  if (definition.IsSequence()) {
    if (definition.size() == 0) throw SigmaError("empty search identifier");
    std::vector<std::string> parts;
    YAML::Node keywords(YAML::NodeType::Sequence);
    for (const YAML::Node& element : definition) {
      if (element.IsMap()) {
        parts.push_back(CompileMap(element, context));
      } else if (element.IsScalar()) {
        keywords.push_back(element);
      } else {
        throw SigmaError("a list in a search identifier must hold maps or keyword values");
      }
    }
    if (keywords.size() > 0) {
      parts.push_back(CompileItem(WholeEvent(context), {}, Scalars(keywords, "keywords"), context, true));
    }
    return Join(parts, "or");
  }
  if (definition.IsScalar()) {
    return CompileItem(WholeEvent(context), {}, Scalars(definition, "keywords"), context, true);
  }
  throw SigmaError("a search identifier must be a map, a list or a keyword value");
}

}  // namespace iochound::sigma
