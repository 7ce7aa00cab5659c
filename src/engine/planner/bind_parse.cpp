// Binding of parse, parse-where and parse-kv: the pattern becomes one RE2 regex (parse) or a key/value
// splitter (parse-kv), run once per row by the parse operator (execution/parse.cpp).
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/diagnostics.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

using ast::ExprKind;

namespace {

// The to*() function that turns extracted text into a column of `type`; nullptr for strings.
const ScalarFunction* Converter(Type type, const ast::Identifier& at) {
  static const std::map<Type, const char*> kCasts = {
      {Type::Bool, "tobool"},         {Type::Int, "toint"},         {Type::Long, "tolong"},
      {Type::Real, "todouble"},       {Type::Decimal, "todecimal"}, {Type::DateTime, "todatetime"},
      {Type::TimeSpan, "totimespan"}, {Type::Dynamic, "todynamic"}, {Type::Guid, "toguid"}};
  if (type == Type::String) return nullptr;
  auto it = kCasts.find(type);
  const ScalarFunction* function = it == kCasts.end() ? nullptr : FindScalarFunction(it->second);
  if (function == nullptr)
    Fail(at.offset, at.length, fmt::format("cannot extract a column of type {}", TypeName(type)));
  return function;
}

// The text of an option value written as a word (`kind=regex`, `flags=Ui`) or a string literal.
std::string OptionText(const ast::Option& option) {
  const ast::Expr& value = *option.value;
  if (value.kind == ExprKind::kName) return value.name;
  if (value.kind == ExprKind::kLiteral && value.type == Type::String) return value.text;
  Fail(value, fmt::format("the value of '{}' must be a word or a string literal", option.name));
}

// What a typed column matches in kind=simple and kind=regex: numbers only where a number is due,
// so that `n:long *` stops at the first non-digit; other types take any text and must convert.
std::string ColumnPattern(Type type, bool regex_mode) {
  if (type == Type::Int || type == Type::Long) return R"(-?\d+)";
  if (type == Type::Real || type == Type::Decimal) return R"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)";
  // Kusto's regex mode matches its columns greedily (flags=U makes them lazy); simple mode takes the
  // shortest text up to the next delimiter.
  return regex_mode ? ".*" : ".*?";
}

}  // namespace

PlanNodePtr Binder::ParseNode(PlanNodePtr input, const ast::Expr& source, ParseSpec spec,
                              const std::vector<ast::ColumnDecl>& columns) {
  // Keywords cannot name a column unless bracketed (`['from']`), as Kusto's parser insists.
  static const std::set<std::string, std::less<>> kKeywords = {"true", "false", "from", "to"};
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kParse;
  node->schema = input->schema;
  for (size_t i = 0; i < input->schema.size(); ++i) spec.outputs.push_back(static_cast<int>(i));
  std::set<std::string, std::less<>> seen;
  for (size_t k = 0; k < columns.size(); ++k) {
    const ast::Identifier& name = columns[k].name;
    bool bracketed = name.offset < text_.size() && text_[name.offset] == '[';
    if (!bracketed && kKeywords.count(name.name)) {
      Fail(name.offset, name.length,
           fmt::format("'{0}' is a keyword; write ['{0}'] to use it as a column name", name.name));
    }
    if (!seen.insert(name.name).second)
      Fail(name.offset, name.length, fmt::format("column '{}' is extracted twice", name.name));
    int extracted = -static_cast<int>(k) - 1;
    int existing = FindField(node->schema, name.name);
    if (existing >= 0) {
      node->schema[static_cast<size_t>(existing)].type = columns[k].type;
      spec.outputs[static_cast<size_t>(existing)] = extracted;
    } else {
      node->schema.push_back({name.name, columns[k].type});
      spec.outputs.push_back(extracted);
    }
  }
  node->exprs.push_back(AsString(BindExpr(source, input->schema), source));
  node->parse = std::make_shared<const ParseSpec>(std::move(spec));
  node->children.push_back(std::move(input));
  return node;
}

PlanNodePtr Binder::BindParse(const ast::Parse& parse, PlanNodePtr input, const ast::Operator& op) {
  std::string kind = "simple";
  std::string flags;
  const ast::Option* flags_option = nullptr;
  for (const auto& option : parse.options) {
    if (option.name == "kind") {
      kind = OptionText(option);
      if (kind != "simple" && kind != "regex" && kind != "relaxed") {
        Fail(option.offset, option.length,
             fmt::format("parse kind '{}' is not one of simple, regex, relaxed", kind));
      }
    } else if (option.name == "flags") {
      flags = OptionText(option);
      flags_option = &option;
    }
  }
  bool regex_mode = kind == "regex";
  if (flags_option != nullptr) {
    if (!regex_mode) Fail(flags_option->offset, flags_option->length, "parse flags apply to kind=regex only");
    if (flags.find_first_not_of("imsU") != std::string::npos) {
      Fail(flags_option->offset, flags_option->length,
           fmt::format("parse flags '{}': only i, m, s and U are supported", flags));
    }
  }
  ParseSpec spec;
  spec.mode = ParseSpec::Mode::kPattern;
  spec.relaxed = kind == "relaxed";
  spec.drop_unmatched = parse.where;
  // Simple and relaxed patterns match the whole text, `.` included newlines; a regex pattern is searched
  // for anywhere, with the user's flags.
  std::string pattern = regex_mode ? (flags.empty() ? "" : "(?" + flags + ")") : "(?s)^";
  std::vector<ast::ColumnDecl> columns;
  using Part = ast::Parse::Part;
  for (size_t i = 0; i < parse.parts.size(); ++i) {
    const Part& part = parse.parts[i];
    switch (part.kind) {
      case Part::Kind::kStar:
        pattern += regex_mode ? ".*" : ".*?";
        break;
      case Part::Kind::kLiteral:
        pattern += regex_mode ? "(?:" + part.text + ")" : RE2::QuoteMeta(part.text);
        break;
      case Part::Kind::kColumn: {
        if (i > 0 && parse.parts[i - 1].kind == Part::Kind::kColumn) {
          Fail(part.offset, part.length,
               fmt::format("parse: column '{}' must be separated from the column before it by a string",
                           part.column.name));
        }
        Type type = part.type.value_or(Type::String);
        std::string group = fmt::format("c{}", columns.size());
        std::string body = spec.relaxed ? ".*?" : ColumnPattern(type, regex_mode);
        pattern += fmt::format("(?P<{}>{})", group, body);
        columns.push_back({part.column, type});
        spec.columns.push_back({part.column.name, 0, type, Converter(type, part.column)});
        break;
      }
    }
  }
  // A last column takes the rest of the text rather than nothing.
  if (!regex_mode && parse.parts.back().kind == Part::Kind::kColumn) pattern += "$";
  auto regex = std::make_shared<RE2>(pattern, RE2::Quiet);
  if (!regex->ok())
    Fail(op.offset, op.length, fmt::format("parse: invalid regular expression: {}", regex->error()));
  const auto& groups = regex->NamedCapturingGroups();
  for (size_t k = 0; k < spec.columns.size(); ++k) spec.columns[k].group = groups.at(fmt::format("c{}", k));
  spec.regex = std::move(regex);
  return ParseNode(std::move(input), *parse.source, std::move(spec), columns);
}

PlanNodePtr Binder::BindParseKv(const ast::ParseKv& kv, PlanNodePtr input, const ast::Operator& op) {
  ParseSpec spec;
  bool has_pair = false, has_kv = false;
  std::string regex_text;
  const ast::Option* regex_option = nullptr;
  for (const auto& option : kv.options) {
    const ast::Expr& value = *option.value;
    if (option.name == "greedy") {
      if (value.kind != ExprKind::kLiteral || value.type != Type::Bool)
        Fail(value, "parse-kv: greedy must be true or false");
      spec.greedy = value.int_value != 0;
      continue;
    }
    if (value.kind != ExprKind::kLiteral || value.type != Type::String)
      Fail(value, fmt::format("parse-kv: the value of '{}' must be a string literal", option.name));
    const std::string& text = value.text;
    if (option.name == "pair_delimiter") {
      spec.pair_delimiter = text;
      has_pair = true;
    } else if (option.name == "kv_delimiter") {
      spec.kv_delimiter = text;
      has_kv = true;
    } else if (option.name == "quote") {
      if (text.empty() || text.size() > 2) Fail(value, "parse-kv: a quote is one or two characters");
      spec.quotes.emplace_back(text.front(), text.back());
    } else if (option.name == "escape") {
      if (text.size() != 1) Fail(value, "parse-kv: an escape is one character");
      spec.escapes += text;
    } else if (option.name == "regex") {
      regex_text = text;
      regex_option = &option;
    } else {
      Fail(option.offset, option.length, fmt::format("unknown parse-kv option '{}'", option.name));
    }
  }
  if (regex_option != nullptr) {
    auto regex = std::make_shared<RE2>(regex_text, RE2::Quiet);
    if (!regex->ok())
      Fail(*regex_option->value, fmt::format("invalid regular expression: {}", regex->error()));
    if (regex->NumberOfCapturingGroups() != 2)
      Fail(*regex_option->value, "parse-kv: the regex must have exactly two groups, the key and the value");
    spec.mode = ParseSpec::Mode::kKvRegex;
    spec.regex = std::move(regex);
  } else if (has_pair != has_kv) {
    Fail(op.offset, op.length, "parse-kv: pair_delimiter and kv_delimiter go together");
  } else if (has_pair) {
    if (spec.pair_delimiter.empty() || spec.kv_delimiter.empty())
      Fail(op.offset, op.length, "parse-kv: delimiters cannot be empty");
    spec.mode = ParseSpec::Mode::kKvDelimited;
  } else {
    spec.mode = ParseSpec::Mode::kKvAuto;
  }
  for (const auto& column : kv.columns) {
    spec.columns.push_back({column.name.name, 0, column.type, Converter(column.type, column.name)});
  }
  return ParseNode(std::move(input), *kv.source, std::move(spec), kv.columns);
}

}  // namespace iochound::binding
