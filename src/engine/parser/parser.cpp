#include "engine/parser/parser.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

#include "common/diagnostics.h"
#include "engine/parser/lexer.h"

namespace iochound {
namespace {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Identifier;
using ast::NamedExpr;
using ast::Operator;
using ast::Option;
using ast::TabularExpr;

constexpr std::string_view kOperatorNames[] = {
    "where",
    "filter",
    "project",
    "extend",
    "project-away",
    "project-keep",
    "project-rename",
    "project-reorder",
    "summarize",
    "order",
    "sort",
    "take",
    "limit",
    "top",
    "count",
    "distinct",
    "join",
    "lookup",
    "union",
    "mv-expand",
    "mv-apply",
    "parse",
    "parse-where",
    "parse-kv",
    "top-nested",
    "sample",
    "sample-distinct",
    "serialize",
    "as",
    "make-series",
    "render",
    "search",
    "invoke",
    "evaluate",
    "getschema",
    "consume",
    "partition",
    "mvexpand",
    "mvapply",
    "top-hitters",
    "fork",
    "facet",
    "scan",
};

// Words that keep their meaning as binary string operators; legacy spellings map to today's.
std::string_view CanonicalStringOp(std::string_view word) {
  static constexpr std::string_view kOps[] = {
      "has",           "!has",           "has_cs",      "!has_cs",      "hasprefix",    "!hasprefix",
      "hasprefix_cs",  "!hasprefix_cs",  "hassuffix",   "!hassuffix",   "hassuffix_cs", "!hassuffix_cs",
      "contains",      "!contains",      "contains_cs", "!contains_cs", "startswith",   "!startswith",
      "startswith_cs", "!startswith_cs", "endswith",    "!endswith",    "endswith_cs",  "!endswith_cs",
      "like",          "!like",          "matches",     "likecs",
  };
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kLegacy{{
      {"containscs", "contains_cs"},
      {"!containscs", "!contains_cs"},
      {"notcontains", "!contains"},
      {"notcontainscs", "!contains_cs"},
      {"notlike", "!like"},
      {"notlikecs", "!likecs"},
  }};
  for (std::string_view op : kOps) {
    if (op == word) return op;
  }
  for (const auto& [legacy, canonical] : kLegacy) {
    if (legacy == word) return canonical;
  }
  return {};
}

bool IsListOp(std::string_view word) {
  return word == "in" || word == "!in" || word == "in~" || word == "!in~" || word == "has_any" ||
         word == "has_all";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

ExprPtr MakeExpr(ExprKind kind, size_t offset, size_t length) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->offset = offset;
  e->length = length;
  return e;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) { tok_ = LexToken(text_, 0); }

  ParsedQuery ParseAll() {
    ParsedQuery query;
    query.statements = ParseStatements(/*in_body=*/false);
    if (tok_.kind != TokenKind::kEnd) Fail("expected ';' or end of query", tok_);
    return query;
  }

 private:
  // ---- token handling ------------------------------------------------------------------------

  const Token& Peek(size_t n) {
    if (n == 0) return tok_;
    while (ahead_.size() < n) {
      const Token& last = ahead_.empty() ? tok_ : ahead_.back();
      if (last.kind == TokenKind::kEnd) return last;
      ahead_.push_back(LexToken(text_, last.offset + last.length));
    }
    return ahead_[n - 1];
  }

  void Advance() {
    prev_end_ = tok_.offset + tok_.length;
    if (!ahead_.empty()) {
      tok_ = std::move(ahead_.front());
      ahead_.erase(ahead_.begin());
    } else {
      tok_ = LexToken(text_, prev_end_);
    }
  }

  // Continues lexing at `offset`, after text the parser consumed raw.
  void Seek(size_t offset) {
    ahead_.clear();
    prev_end_ = offset;
    tok_ = LexToken(text_, offset);
  }

  bool IsPunct(std::string_view p, size_t n = 0) {
    const Token& t = Peek(n);
    return t.kind == TokenKind::kPunct && t.text == p;
  }
  bool IsWord(std::string_view w, size_t n = 0) {
    const Token& t = Peek(n);
    return t.kind == TokenKind::kIdentifier && t.text == w;
  }
  bool IsName(size_t n = 0) {
    const Token& t = Peek(n);
    return t.kind == TokenKind::kBracketName || (t.kind == TokenKind::kIdentifier && t.text[0] != '!');
  }
  bool AcceptPunct(std::string_view p) {
    if (!IsPunct(p)) return false;
    Advance();
    return true;
  }
  bool AcceptWord(std::string_view w) {
    if (!IsWord(w)) return false;
    Advance();
    return true;
  }
  // Two tokens with nothing between them, as in `project-away` or `Device*`.
  bool Adjacent(size_t n) { return Peek(n).offset == Peek(n - 1).offset + Peek(n - 1).length; }

  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kEnd:
        return "end of query";
      case TokenKind::kString:
        return "string literal";
      case TokenKind::kBracketName:
        return "['" + t.text + "']";
      default:
        return "'" + t.text + "'";
    }
  }

  [[noreturn]] void Fail(const std::string& expected, const Token& found) {
    throw QueryError(expected + ", found " + Describe(found), found.offset, found.length);
  }

  void ExpectPunct(std::string_view p, std::string_view context) {
    if (!AcceptPunct(p)) Fail("expected '" + std::string(p) + "' " + std::string(context), tok_);
  }
  void ExpectWord(std::string_view w, std::string_view context) {
    if (!AcceptWord(w)) Fail("expected '" + std::string(w) + "' " + std::string(context), tok_);
  }

  Identifier ExpectName(std::string_view what) {
    if (!IsName()) Fail("expected " + std::string(what), tok_);
    Identifier id{tok_.text, tok_.offset, tok_.length};
    Advance();
    return id;
  }

  // A name that may contain `*` wildcards and `-`-free parts written together: `Device*`, `*Id`.
  Identifier ExpectNamePattern(std::string_view what) {
    if (!IsName() && !IsPunct("*")) Fail("expected " + std::string(what), tok_);
    Identifier id{"", tok_.offset, 0};
    do {
      id.name += tok_.text;
      Advance();
    } while ((IsName() || IsPunct("*")) && tok_.offset == prev_end_);
    id.length = prev_end_ - id.offset;
    return id;
  }

  template <typename T>
  void Finish(T& node, size_t offset) {
    node.offset = offset;
    node.length = prev_end_ - offset;
  }

  // ---- statements ------------------------------------------------------------------------------

  std::vector<ast::Statement> ParseStatements(bool in_body) {
    std::vector<ast::Statement> statements;
    while (true) {
      while (AcceptPunct(";")) {
      }
      if (tok_.kind == TokenKind::kEnd || (in_body && IsPunct("}"))) break;
      statements.push_back(ParseStatement());
      auto* query = std::get_if<ast::QueryStatement>(&statements.back().node);
      if (!in_body && query && query->expr->kind != ExprKind::kTabular) {
        // A query is tabular: `T` and `f(x)` alone are a table and a tabular function.
        size_t offset = query->expr->offset;
        size_t length = query->expr->length;
        std::shared_ptr<TabularExpr> tab = ToTabular(std::move(query->expr));
        query->expr = MakeExpr(ExprKind::kTabular, offset, length);
        query->expr->tabular = std::move(tab);
      }
      if (AcceptPunct(";")) continue;
      if (tok_.kind == TokenKind::kEnd || (in_body && IsPunct("}"))) break;
      Fail(in_body ? "expected ';' or '}' after the statement"
                   : "expected ';' or end of query after the statement",
           tok_);
    }
    return statements;
  }

  ast::Statement ParseStatement() {
    ast::Statement st;
    size_t start = tok_.offset;
    if (IsWord("let") && IsName(1)) {
      Advance();
      ast::LetStatement let;
      let.name = ExpectName("a name after 'let'");
      ExpectPunct("=", "after the name in a let statement");
      if (IsFunctionDefinition()) {
        let.function = ParseFunctionDef();
      } else {
        let.value = ParseExpr();
      }
      st.node = std::move(let);
    } else if (IsWord("declare") && IsWord("query_parameters", 1)) {
      Advance();
      Advance();
      ast::DeclareStatement declare;
      ExpectPunct("(", "after 'declare query_parameters'");
      declare.params = ParseParameters("the query parameter list");
      st.node = std::move(declare);
    } else if (IsWord("set") && IsName(1)) {
      Advance();
      ast::SetStatement set;
      set.name = ExpectDottedName("an option name after 'set'");
      if (AcceptPunct("=")) set.value = ParseOr();
      st.node = std::move(set);
    } else {
      st.node = ast::QueryStatement{ParseExpr()};
    }
    Finish(st, start);
    return st;
  }

  Identifier ExpectDottedName(std::string_view what) {
    Identifier id = ExpectName(what);
    while (IsPunct(".") && IsName(1)) {
      Advance();
      id.name += "." + tok_.text;
      Advance();
    }
    id.length = prev_end_ - id.offset;
    return id;
  }

  bool IsFunctionDefinition() {
    size_t n = IsWord("view") && IsPunct("(", 1) ? 1 : 0;
    if (!IsPunct("(", n)) return false;
    if (IsPunct(")", n + 1)) return IsPunct("{", n + 2);
    return IsName(n + 1) && IsPunct(":", n + 2);
  }

  std::shared_ptr<ast::FunctionDef> ParseFunctionDef() {
    auto fn = std::make_shared<ast::FunctionDef>();
    size_t start = tok_.offset;
    fn->is_view = AcceptWord("view");
    ExpectPunct("(", "to start the parameter list");
    fn->params = ParseParameters("the parameter list");
    ExpectPunct("{", "to start the function body");
    fn->body = ParseStatements(/*in_body=*/true);
    if (fn->body.empty()) Fail("expected a function body", tok_);
    ExpectPunct("}", "to close the function body");
    Finish(*fn, start);
    return fn;
  }

  // After '(' up to and including ')'.
  std::vector<ast::Parameter> ParseParameters(std::string_view list) {
    std::vector<ast::Parameter> params;
    if (AcceptPunct(")")) return params;
    while (true) {
      ast::Parameter p;
      p.name = ExpectName("a parameter name in " + std::string(list));
      ExpectPunct(":", "after the parameter name " + p.name.name);
      if (AcceptPunct("(")) {
        p.is_tabular = true;
        while (!AcceptPunct(")")) {
          if (AcceptPunct("*")) {
            p.open_schema = true;
          } else {
            p.columns.push_back(ParseColumnDecl());
          }
          if (!IsPunct(")")) ExpectPunct(",", "between the columns of a tabular parameter");
        }
      } else {
        p.type = ParseType();
      }
      if (AcceptPunct("=")) p.default_value = ParseOr();
      params.push_back(std::move(p));
      if (AcceptPunct(")")) return params;
      ExpectPunct(",", "or ')' in " + std::string(list));
    }
  }

  Type ParseType() {
    if (tok_.kind != TokenKind::kIdentifier) Fail("expected a type name", tok_);
    std::optional<Type> type = ParseTypeName(tok_.text);
    if (!type)
      Fail("expected a type name (bool, int, long, real, decimal, string, datetime, timespan, dynamic, guid)",
           tok_);
    Advance();
    return *type;
  }

  ast::ColumnDecl ParseColumnDecl() {
    ast::ColumnDecl c;
    if (tok_.kind == TokenKind::kString) {
      c.name = {tok_.text, tok_.offset, tok_.length};
      Advance();
    } else {
      c.name = ExpectName("a column name");
    }
    ExpectPunct(":", "after the column name " + c.name.name);
    c.type = ParseType();
    return c;
  }

  // `(name:type, ...)`: current token is '('.
  std::vector<ast::ColumnDecl> ParseSchema(std::string_view what) {
    ExpectPunct("(", "to start the schema of " + std::string(what));
    std::vector<ast::ColumnDecl> columns;
    if (AcceptPunct(")")) return columns;
    while (true) {
      columns.push_back(ParseColumnDecl());
      if (AcceptPunct(")")) return columns;
      ExpectPunct(",", "or ')' in the schema of " + std::string(what));
      if (AcceptPunct(")")) return columns;  // a trailing comma, which Kusto tolerates
    }
  }

  // ---- tabular expressions ---------------------------------------------------------------------

  // Any expression; one followed by `|` becomes the source of a pipeline.
  ExprPtr ParseExpr() {
    size_t start = tok_.offset;
    std::shared_ptr<TabularExpr> tab;
    if (IsTabularStart()) {
      tab = std::make_shared<TabularExpr>();
      tab->ops.push_back(ParseSource());
    } else {
      ExprPtr e = ParseOr();
      if (!IsPunct("|")) return e;
      if (e->kind == ExprKind::kTabular) {
        // `(T | where ...) | ...`: the parenthesized pipeline is the source.
        tab = std::make_shared<TabularExpr>();
        tab->ops.push_back(Operator{e->offset, e->length, ast::Nested{std::move(e->tabular)}});
      } else {
        tab = ToTabular(std::move(e));
      }
    }
    ParsePipes(*tab, start);
    auto e = MakeExpr(ExprKind::kTabular, start, prev_end_ - start);
    e->tabular = std::move(tab);
    return e;
  }

  void ParsePipes(TabularExpr& tab, size_t start) {
    while (AcceptPunct("|")) tab.ops.push_back(ParseOperator());
    Finish(tab, start);
  }

  bool IsTabularStart() {
    if (tok_.kind != TokenKind::kIdentifier) return false;
    const std::string& w = tok_.text;
    if (w == "datatable" || w == "externaldata" || w == "external_data") return IsPunct("(", 1) || IsName(1);
    if (w == "print" || w == "union" || w == "evaluate") return !IsPunct(",", 1) && !IsPunct(")", 1);
    if (w == "range") return IsName(1) && IsWord("from", 2);
    if (w == "search") {
      const Token& next = Peek(1);
      return next.kind == TokenKind::kString || IsPunct("*", 1) || IsWord("in", 1) || IsWord("kind", 1);
    }
    return false;
  }

  // A scalar-looking expression used where a table is required: a name, a call or a parenthesized
  // pipeline.
  std::shared_ptr<TabularExpr> ToTabular(ExprPtr e) {
    if (e->kind == ExprKind::kTabular) return e->tabular;
    auto tab = std::make_shared<TabularExpr>();
    Operator op;
    op.offset = e->offset;
    op.length = e->length;
    if (e->kind == ExprKind::kName) {
      op.node = ast::TableRef{{e->name, e->offset, e->length}};
    } else if (e->kind == ExprKind::kCall && e->name == "table" && e->args.size() == 1 &&
               e->args[0]->kind == ExprKind::kLiteral && e->args[0]->type == Type::String) {
      op.node = ast::TableRef{{e->args[0]->text, e->offset, e->length}};
    } else if (e->kind == ExprKind::kCall ||
               (e->kind == ExprKind::kMember && e->args[0]->kind == ExprKind::kCall)) {
      op.node = ast::TabularCall{std::move(e)};
    } else {
      throw QueryError("expected a table, a tabular function call or a parenthesized tabular expression",
                       e->offset, e->length);
    }
    tab->offset = op.offset;
    tab->length = op.length;
    tab->ops.push_back(std::move(op));
    return tab;
  }

  // A table operand of join/lookup/union/search: `(pipeline)`, a name or a call; no trailing pipes.
  std::shared_ptr<TabularExpr> ParseTableOperand(std::string_view what) {
    if (AcceptPunct("(")) {
      size_t open = prev_end_ - 1;
      ExprPtr e = ParseExpr();
      ExpectPunct(")", "to close the " + std::string(what) + " opened at offset " + std::to_string(open));
      return ToTabular(std::move(e));
    }
    if (IsTabularStart()) {
      auto tab = std::make_shared<TabularExpr>();
      size_t start = tok_.offset;
      tab->ops.push_back(ParseSource());
      Finish(*tab, start);
      return tab;
    }
    if (!IsName() && !IsPunct("*")) Fail("expected " + std::string(what), tok_);
    if ((IsName() && IsPunct("*", 1) && Adjacent(1)) || IsPunct("*")) {
      Identifier pattern = ExpectNamePattern(what);
      auto tab = std::make_shared<TabularExpr>();
      tab->ops.push_back(Operator{pattern.offset, pattern.length, ast::TableRef{pattern}});
      tab->offset = pattern.offset;
      tab->length = pattern.length;
      return tab;
    }
    return ToTabular(ParsePostfix());
  }

  Operator ParseSource() {
    Operator op;
    size_t start = tok_.offset;
    std::string word = tok_.text;
    if (word == "datatable") {
      Advance();
      ast::Datatable dt;
      dt.columns = ParseSchema("datatable");
      dt.values = ParseBracketList("datatable values");
      op.node = std::move(dt);
    } else if (word == "externaldata" || word == "external_data") {
      Advance();
      ast::ExternalData ed;
      ed.columns = ParseSchema("externaldata");
      ed.uris = ParseBracketList("externaldata URIs");
      if (AcceptWord("with")) ed.options = ParseOptionList("externaldata properties");
      op.node = std::move(ed);
    } else if (word == "print") {
      Advance();
      ast::Print print;
      print.columns = ParseNamedExprList();
      op.node = std::move(print);
    } else if (word == "range") {
      Advance();
      ast::Range range;
      range.column = ExpectName("a column name after 'range'");
      ExpectWord("from", "in range");
      range.from = ParseOr();
      ExpectWord("to", "in range");
      range.to = ParseOr();
      ExpectWord("step", "in range");
      range.step = ParseOr();
      op.node = std::move(range);
    } else {
      Advance();
      op.node = ParsePipeOperator(word, start);
    }
    Finish(op, start);
    return op;
  }

  // `[ e1, e2, ... ]`; a single string written `["x"]` lexes as a bracketed name.
  std::vector<ExprPtr> ParseBracketList(std::string_view what) {
    std::vector<ExprPtr> values;
    if (tok_.kind == TokenKind::kBracketName) {
      auto e = MakeExpr(ExprKind::kLiteral, tok_.offset + 1, tok_.length - 2);
      e->type = Type::String;
      e->text = tok_.text;
      values.push_back(std::move(e));
      Advance();
      return values;
    }
    ExpectPunct("[", "to start the " + std::string(what));
    while (!AcceptPunct("]")) {
      values.push_back(ParseOr());
      if (!IsPunct("]")) ExpectPunct(",", "or ']' in the " + std::string(what));
    }
    return values;
  }

  // `( name = value, ... )` after `with`.
  std::vector<Option> ParseOptionList(std::string_view what) {
    ExpectPunct("(", "to start the " + std::string(what));
    std::vector<Option> options;
    while (!AcceptPunct(")")) {
      Option o;
      o.offset = tok_.offset;
      o.name = ExpectDottedName("a property name in the " + std::string(what)).name;
      ExpectPunct("=", "after the property name " + o.name);
      o.value = ParseOr();
      Finish(o, o.offset);
      options.push_back(std::move(o));
      if (!IsPunct(")")) ExpectPunct(",", "or ')' in the " + std::string(what));
    }
    return options;
  }

  // `kind=inner hint.strategy=shuffle ...` before an operator's arguments.
  std::vector<Option> ParseOptions(std::initializer_list<std::string_view> names) {
    std::vector<Option> options;
    while (tok_.kind == TokenKind::kIdentifier) {
      bool known = std::find(names.begin(), names.end(), tok_.text) != names.end() && IsPunct("=", 1);
      bool hint = tok_.text == "hint" && IsPunct(".", 1);
      if (!known && !hint) break;
      Option o;
      o.offset = tok_.offset;
      o.name = ExpectDottedName("an option name").name;
      ExpectPunct("=", "after the option " + o.name);
      o.value = ParseOptionValue();
      Finish(o, o.offset);
      options.push_back(std::move(o));
    }
    return options;
  }

  // One token: a word (kName), or a literal, possibly negative.
  ExprPtr ParseOptionValue() {
    if (tok_.kind == TokenKind::kIdentifier && tok_.text != "true" && tok_.text != "false") {
      auto e = MakeExpr(ExprKind::kName, tok_.offset, tok_.length);
      e->name = tok_.text;
      Advance();
      return e;
    }
    bool literal = tok_.kind == TokenKind::kString || tok_.kind == TokenKind::kInt ||
                   tok_.kind == TokenKind::kReal || tok_.kind == TokenKind::kTimeSpan;
    if (literal || tok_.kind == TokenKind::kIdentifier || IsPunct("-")) {
      return ParseUnary();
    }
    Fail("expected an option value", tok_);
  }

  Operator ParseOperator() {
    Operator op;
    size_t start = tok_.offset;
    if (tok_.kind != TokenKind::kIdentifier) Fail("expected a tabular operator after '|'", tok_);
    std::string name = tok_.text;
    Advance();
    // Hyphenated operator names lex as words and '-'.
    while (IsPunct("-") && tok_.offset == prev_end_ && Peek(1).kind == TokenKind::kIdentifier &&
           Adjacent(1)) {
      Advance();
      name += "-" + tok_.text;
      Advance();
    }
    op.node = ParsePipeOperator(name, start);
    Finish(op, start);
    return op;
  }

  // The operator `name` (already consumed) starting at `start`.
  ast::OperatorNode ParsePipeOperator(const std::string& name, size_t start) {
    if (name == "where" || name == "filter") return ast::Where{ParseOr()};
    if (name == "project") return ast::Project{ParseNamedExprList()};
    if (name == "extend") return ast::Extend{ParseNamedExprList()};
    if (name == "project-away") return ast::ProjectAway{ParsePatternList()};
    if (name == "project-keep") return ast::ProjectKeep{ParsePatternList()};
    if (name == "project-rename") {
      ast::ProjectRename rename;
      do {
        ast::ProjectRename::Pair pair;
        pair.new_name = ExpectName("a new column name in project-rename");
        ExpectPunct("=", "after the new name in project-rename (new = old)");
        pair.old_name = ExpectName("the existing column name in project-rename");
        rename.renames.push_back(std::move(pair));
      } while (AcceptPunct(","));
      return rename;
    }
    if (name == "project-reorder") {
      ast::ProjectReorder reorder;
      do {
        ast::ProjectReorder::Key key;
        key.pattern = ExpectNamePattern("a column name in project-reorder");
        if (IsWord("asc") || IsWord("desc")) {
          key.order = tok_.text;
          Advance();
        } else if (IsWord("granny") && IsPunct("-", 1) && (IsWord("asc", 2) || IsWord("desc", 2))) {
          Advance();
          Advance();
          key.order = "granny-" + tok_.text;
          Advance();
        }
        reorder.keys.push_back(std::move(key));
      } while (AcceptPunct(","));
      return reorder;
    }
    if (name == "summarize") {
      ast::Summarize s;
      s.options = ParseOptions({});
      if (!IsWord("by")) s.aggregates = ParseNamedExprList();
      if (AcceptWord("by")) s.by = ParseNamedExprList();
      return s;
    }
    if (name == "order" || name == "sort") {
      ExpectWord("by", "after '" + name + "'");
      return ast::Sort{ParseSortKeys()};
    }
    if (name == "take" || name == "limit") return ast::Take{ParseOr()};
    if (name == "top") {
      ast::Top top;
      top.count = ParseOr();
      ExpectWord("by", "after the row count of top");
      top.keys = ParseSortKeys();
      return top;
    }
    if (name == "count") return ast::Count{};
    if (name == "distinct") {
      ast::Distinct d;
      ParseOptions({});
      if (AcceptPunct("*")) {
        d.star = true;
      } else {
        d.columns = ParseNamedExprList();
      }
      return d;
    }
    if (name == "join" || name == "lookup") {
      std::vector<Option> options = ParseOptions({"kind"});
      std::shared_ptr<TabularExpr> right = ParseTableOperand("right side of " + name);
      std::vector<ExprPtr> on;
      if (AcceptWord("on")) {
        do {
          on.push_back(ParseOr());
        } while (AcceptPunct(","));
      } else if (name == "lookup") {
        Fail("expected 'on' after the right side of lookup", tok_);
      } else if (AcceptWord("where")) {
        return ast::Join{std::move(options), std::move(right), std::move(on), ParseOr()};
      }
      if (name == "join") return ast::Join{std::move(options), std::move(right), std::move(on), nullptr};
      return ast::Lookup{std::move(options), std::move(right), std::move(on)};
    }
    if (name == "union") {
      ast::Union u;
      u.options = ParseOptions({"kind", "withsource", "isfuzzy"});
      do {
        u.tables.push_back(ParseTableOperand("table of union"));
      } while (AcceptPunct(","));
      return u;
    }
    if (name == "mv-expand" || name == "mvexpand") {
      ast::MvExpand mv;
      mv.options = ParseOptions({"bagexpansion", "with_itemindex", "kind"});
      mv.items = ParseMvItems();
      if (AcceptWord("limit")) mv.limit = ParseOr();
      return mv;
    }
    if (name == "mv-apply" || name == "mvapply") {
      ast::MvApply mv;
      mv.options = ParseOptions({"bagexpansion", "with_itemindex", "kind"});
      mv.items = ParseMvItems();
      if (AcceptWord("limit")) mv.limit = ParseOr();
      ExpectWord("on", "before the subquery of mv-apply");
      mv.subquery = ParseSubquery("mv-apply");
      return mv;
    }
    if (name == "parse" || name == "parse-where") return ParseParse(name == "parse-where");
    if (name == "parse-kv") {
      ast::ParseKv kv;
      kv.source = ParseOr();
      ExpectWord("as", "after the source of parse-kv");
      kv.columns = ParseSchema("parse-kv");
      if (AcceptWord("with")) kv.options = ParseOptionList("parse-kv options");
      return kv;
    }
    if (name == "top-nested") return ParseTopNested();
    if (name == "sample") return ast::Sample{ParseOr()};
    if (name == "sample-distinct") {
      ast::SampleDistinct s;
      s.count = ParseOr();
      ExpectWord("of", "after the count of sample-distinct");
      s.column = ParseOr();
      return s;
    }
    if (name == "serialize") {
      ast::Serialize s;
      if (IsName()) s.columns = ParseNamedExprList();
      return s;
    }
    if (name == "as") {
      ast::As as;
      as.options = ParseOptions({});
      as.name = ExpectName("a name after 'as'");
      return as;
    }
    if (name == "make-series") return ParseMakeSeries();
    if (name == "render") {
      size_t begin = tok_.offset;
      ExpectName("a visualization after 'render'");
      // Legacy properties (`kind=stacked`) and the `with (...)` property list.
      while (IsName() && IsPunct("=", 1)) {
        Advance();
        Advance();
        ParseOptionValue();
      }
      if (AcceptWord("with")) {
        ExpectPunct("(", "after 'with' in render");
        SkipBalanced(")");
      }
      return ast::Render{std::string(text_.substr(begin, prev_end_ - begin))};
    }
    if (name == "search") {
      ast::Search s;
      s.options = ParseOptions({"kind"});
      if (IsWord("in") && IsPunct("(", 1)) {
        Advance();
        Advance();
        do {
          s.tables.push_back(ExpectNamePattern("a table name in search"));
        } while (AcceptPunct(","));
        ExpectPunct(")", "to close the table list of search");
      }
      s.predicate = ParseOr();
      return s;
    }
    if (name == "invoke") return ast::Invoke{ParseCallOperand("invoke")};
    if (name == "evaluate") {
      ast::Evaluate ev;
      ev.options = ParseOptions({});
      ev.call = ParseCallOperand("evaluate");
      return ev;
    }
    if (name == "getschema") return ast::GetSchema{};
    if (name == "consume") {
      ParseOptions({"decodeblocks"});
      return ast::Consume{};
    }
    if (name == "partition") {
      ast::Partition p;
      p.options = ParseOptions({});
      ExpectWord("by", "after 'partition'");
      Identifier column = ExpectName("a column name after 'partition by'");
      p.by = MakeExpr(ExprKind::kName, column.offset, column.length);
      p.by->name = column.name;
      if (IsPunct("{")) {
        Advance();
        p.subquery = ParseSubqueryBody("}", "partition");
      } else {
        p.subquery = ParseSubquery("partition");
      }
      return p;
    }
    if (name == "top-hitters") {
      ast::TopHitters th;
      th.count = ParseOr();
      ExpectWord("of", "after the count of top-hitters");
      th.of = ParseOr();
      if (AcceptWord("by")) th.by = ParseOr();
      return th;
    }
    if (name == "scan") return ParseScan();
    std::string suggestion;
    size_t best = 3;
    for (std::string_view known : kOperatorNames) {
      size_t d = EditDistance(name, known);
      if (d == 0)
        throw QueryError("tabular operator '" + name + "' is not supported", start, prev_end_ - start);
      if (d < best) {
        best = d;
        suggestion = std::string(known);
      }
    }
    throw QueryError("unknown tabular operator '" + name + "'" +
                         (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"),
                     start, prev_end_ - start);
  }

  ast::Scan ParseScan() {
    ast::Scan scan;
    scan.options = ParseOptions({"with_match_id"});
    if (AcceptWord("declare")) {
      ExpectPunct("(", "after 'declare' in scan");
      scan.declare = ParseParameters("the scan declarations");
    }
    ExpectWord("with", "before the steps of scan");
    ExpectPunct("(", "to start the steps of scan");
    while (!AcceptPunct(")")) {
      ast::Scan::Step step;
      ExpectWord("step", "to start a scan step");
      step.name = ExpectName("a step name");
      if (AcceptWord("output")) {
        ExpectPunct("=", "after 'output'");
        if (!IsWord("all") && !IsWord("last") && !IsWord("none")) Fail("expected all, last or none", tok_);
        step.output = tok_.text;
        Advance();
      }
      ExpectPunct(":", "after the step name " + step.name.name);
      step.condition = ParseOr();
      if (AcceptPunct("=>")) {
        do {
          NamedExpr assignment;
          assignment.names.push_back(ExpectName("a column name to assign"));
          ExpectPunct("=", "after the assigned column name");
          assignment.expr = ParseOr();
          step.assignments.push_back(std::move(assignment));
        } while (AcceptPunct(","));
      }
      if (!IsPunct(")")) ExpectPunct(";", "after the scan step " + step.name.name);
      scan.steps.push_back(std::move(step));
    }
    return scan;
  }

  // `plugin(args)` after evaluate/invoke.
  ExprPtr ParseCallOperand(std::string_view op) {
    if (tok_.kind != TokenKind::kIdentifier || !IsPunct("(", 1))
      Fail("expected a function call after '" + std::string(op) + "'", tok_);
    return ParsePostfix();
  }

  // `( operators... )` whose input is the enclosing rows.
  std::shared_ptr<TabularExpr> ParseSubquery(std::string_view what) {
    ExpectPunct("(", "to start the subquery of " + std::string(what));
    return ParseSubqueryBody(")", what);
  }

  std::shared_ptr<TabularExpr> ParseSubqueryBody(std::string_view close, std::string_view what) {
    auto tab = std::make_shared<TabularExpr>();
    size_t start = tok_.offset;
    tab->ops.push_back(Operator{start, 0, ast::ImplicitInput{}});
    if (!IsPunct("|")) tab->ops.push_back(ParseOperator());
    ParsePipes(*tab, start);
    ExpectPunct(close, "to close the subquery of " + std::string(what));
    return tab;
  }

  void SkipBalanced(std::string_view close) {
    while (!AcceptPunct(close)) {
      if (tok_.kind == TokenKind::kEnd) Fail("expected '" + std::string(close) + "'", tok_);
      if (AcceptPunct("(")) {
        SkipBalanced(")");
      } else if (AcceptPunct("[")) {
        SkipBalanced("]");
      } else {
        Advance();
      }
    }
  }

  std::vector<Identifier> ParsePatternList() {
    std::vector<Identifier> patterns;
    do {
      patterns.push_back(ExpectNamePattern("a column name or pattern"));
    } while (AcceptPunct(","));
    return patterns;
  }

  std::vector<ast::SortKey> ParseSortKeys() {
    std::vector<ast::SortKey> keys;
    do {
      ast::SortKey key;
      key.expr = ParseOr();
      if (AcceptWord("asc")) {
        key.descending = false;
      } else {
        AcceptWord("desc");
      }
      key.nulls_first = !key.descending;
      if (AcceptWord("nulls")) {
        if (AcceptWord("first")) {
          key.nulls_first = true;
        } else if (AcceptWord("last")) {
          key.nulls_first = false;
        } else {
          Fail("expected 'first' or 'last' after 'nulls'", tok_);
        }
      }
      keys.push_back(std::move(key));
    } while (AcceptPunct(","));
    return keys;
  }

  std::vector<ast::MvExpand::Item> ParseMvItems() {
    std::vector<ast::MvExpand::Item> items;
    do {
      ast::MvExpand::Item item;
      item.column = ParseNamedExpr();
      if (AcceptWord("to")) {
        ExpectWord("typeof", "after 'to'");
        ExpectPunct("(", "after 'typeof'");
        item.to_type = ParseType();
        ExpectPunct(")", "to close typeof(...)");
      }
      items.push_back(std::move(item));
    } while (AcceptPunct(","));
    return items;
  }

  ast::Parse ParseParse(bool where) {
    ast::Parse p;
    p.where = where;
    p.options = ParseOptions({"kind", "flags"});
    p.source = ParseOr();
    ExpectWord("with", "after the source expression of parse");
    while (true) {
      ast::Parse::Part part;
      part.offset = tok_.offset;
      if (AcceptPunct("*")) {
        part.kind = ast::Parse::Part::Kind::kStar;
      } else if (tok_.kind == TokenKind::kString) {
        part.kind = ast::Parse::Part::Kind::kLiteral;
        part.text = tok_.text;
        Advance();
      } else if (IsName() && !IsPunct("|") && !IsWord("with")) {
        part.kind = ast::Parse::Part::Kind::kColumn;
        part.column = ExpectName("a column name");
        if (AcceptPunct(":")) part.type = ParseType();
      } else {
        break;
      }
      Finish(part, part.offset);
      p.parts.push_back(std::move(part));
      AcceptPunct(",");
    }
    if (p.parts.empty()) Fail("expected the pattern of parse", tok_);
    return p;
  }

  ast::TopNested ParseTopNested() {
    ast::TopNested tn;
    do {
      if (!tn.clauses.empty()) {
        if (!(IsWord("top") && IsPunct("-", 1) && IsWord("nested", 2)))
          Fail("expected 'top-nested' after ','", tok_);
        Advance();
        Advance();
        Advance();
      }
      ast::TopNested::Clause c;
      if (!IsWord("of")) c.count = ParseOr();
      ExpectWord("of", "in top-nested");
      c.of = ParseNamedExpr();
      if (AcceptWord("with")) {
        ExpectWord("others", "after 'with' in top-nested");
        ExpectPunct("=", "after 'with others'");
        c.with_others = ParseOr();
      }
      ExpectWord("by", "in top-nested");
      c.by = ParseNamedExpr();
      if (AcceptWord("asc")) {
        c.descending = false;
      } else {
        AcceptWord("desc");
      }
      tn.clauses.push_back(std::move(c));
    } while (AcceptPunct(","));
    return tn;
  }

  ast::MakeSeries ParseMakeSeries() {
    ast::MakeSeries ms;
    ms.options = ParseOptions({"kind"});
    do {
      ast::MakeSeries::Aggregate agg;
      agg.aggregate = ParseNamedExpr();
      if (IsWord("default") && IsPunct("=", 1)) {
        Advance();
        Advance();
        agg.default_value = ParseOr();
      }
      ms.aggregates.push_back(std::move(agg));
    } while (AcceptPunct(","));
    ExpectWord("on", "after the aggregates of make-series");
    ms.on = ParseAdditive();
    if (AcceptWord("in")) {
      ExpectWord("range", "after 'in' in make-series");
      ExpectPunct("(", "after 'range'");
      ms.from = ParseOr();
      ExpectPunct(",", "in range(start, stop, step)");
      ms.to = ParseOr();
      ExpectPunct(",", "in range(start, stop, step)");
      ms.step = ParseOr();
      ExpectPunct(")", "to close range(start, stop, step)");
    } else {
      if (AcceptWord("from")) ms.from = ParseOr();
      if (AcceptWord("to")) ms.to = ParseOr();
      ExpectWord("step", "in make-series");
      ms.step = ParseOr();
    }
    if (AcceptWord("by")) ms.by = ParseNamedExprList();
    return ms;
  }

  // ---- scalar expressions ----------------------------------------------------------------------

  std::vector<NamedExpr> ParseNamedExprList() {
    std::vector<NamedExpr> list;
    do {
      list.push_back(ParseNamedExpr());
    } while (AcceptPunct(","));
    return list;
  }

  NamedExpr ParseNamedExpr() {
    NamedExpr ne;
    if (IsName() && IsPunct("=", 1)) {
      ne.names.push_back(ExpectName("a name"));
      Advance();
    } else if (IsPunct("(") && IsName(1) && IsTupleAssignment()) {
      Advance();
      do {
        ne.names.push_back(ExpectName("a column name"));
      } while (AcceptPunct(","));
      ExpectPunct(")", "to close the list of names");
      ExpectPunct("=", "after the list of names");
    }
    ne.expr = ParseOr();
    return ne;
  }

  // `(a, b) = ...` after '(' at the current token.
  bool IsTupleAssignment() {
    for (size_t n = 1;; n += 2) {
      if (!IsName(n)) return false;
      if (IsPunct(")", n + 1)) return IsPunct("=", n + 2);
      if (!IsPunct(",", n + 1)) return false;
    }
  }

  ExprPtr Binary(std::string op, ExprPtr l, ExprPtr r) {
    auto e = MakeExpr(ExprKind::kBinary, l->offset, r->offset + r->length - l->offset);
    e->op = std::move(op);
    e->args.push_back(std::move(l));
    e->args.push_back(std::move(r));
    return e;
  }

  ExprPtr ParseOr() {
    ExprPtr l = ParseAnd();
    while (AcceptWord("or")) l = Binary("or", std::move(l), ParseAnd());
    return l;
  }

  ExprPtr ParseAnd() {
    ExprPtr l = ParseComparison();
    while (AcceptWord("and")) l = Binary("and", std::move(l), ParseComparison());
    return l;
  }

  ExprPtr ParseComparison() {
    ExprPtr l = ParseAdditive();
    while (true) {
      // A lone `=` compares too: Microsoft's parser accepts `where A = B` and hunting queries use it.
      static constexpr std::string_view kCompare[] = {"==", "=", "!=", "<>", "<",
                                                      "<=", ">", ">=", "=~", "!~"};
      if (tok_.kind == TokenKind::kPunct &&
          std::find(std::begin(kCompare), std::end(kCompare), tok_.text) != std::end(kCompare)) {
        std::string op = tok_.text == "<>" ? "!=" : tok_.text == "=" ? "==" : tok_.text;
        Advance();
        l = Binary(op, std::move(l), ParseAdditive());
        continue;
      }
      if (tok_.kind != TokenKind::kIdentifier) return l;
      std::string word = tok_.text;
      if (IsListOp(word)) {
        Advance();
        auto e = MakeExpr(ExprKind::kInList, l->offset, 0);
        e->op = word;
        e->args.push_back(std::move(l));
        ExpectPunct("(", "after '" + word + "'");
        if (!IsPunct(")")) {
          do {
            e->args.push_back(ParseExpr());
          } while (AcceptPunct(","));
        }
        ExpectPunct(")", "to close the argument list of " + word);
        e->length = prev_end_ - e->offset;
        l = std::move(e);
        continue;
      }
      if (word == "between" || word == "!between") {
        Advance();
        auto e = MakeExpr(ExprKind::kBetween, l->offset, 0);
        e->op = word;
        e->args.push_back(std::move(l));
        ExpectPunct("(", "after '" + word + "'");
        e->args.push_back(ParseAdditive());
        ExpectPunct("..", "between the bounds of " + word);
        e->args.push_back(ParseAdditive());
        ExpectPunct(")", "to close the range of " + word);
        e->length = prev_end_ - e->offset;
        l = std::move(e);
        continue;
      }
      std::string_view op = CanonicalStringOp(word);
      if (op.empty()) return l;
      Advance();
      std::string op_text(op);
      if (op == "matches") {
        ExpectWord("regex", "after 'matches'");
        op_text = "matches regex";
      }
      l = Binary(op_text, std::move(l), ParseAdditive());
    }
  }

  ExprPtr ParseAdditive() {
    ExprPtr l = ParseMultiplicative();
    while (IsPunct("+") || IsPunct("-")) {
      std::string op = tok_.text;
      Advance();
      l = Binary(op, std::move(l), ParseMultiplicative());
    }
    return l;
  }

  ExprPtr ParseMultiplicative() {
    ExprPtr l = ParseUnary();
    while (IsPunct("*") || IsPunct("/") || IsPunct("%")) {
      std::string op = tok_.text;
      Advance();
      l = Binary(op, std::move(l), ParseUnary());
    }
    return l;
  }

  ExprPtr ParseUnary() {
    if (IsPunct("-") || IsPunct("+")) {
      size_t start = tok_.offset;
      std::string op = tok_.text;
      Advance();
      ExprPtr operand = ParseUnary();
      // Folding keeps -9223372036854775808 representable and literals literal.
      if (op == "-" && operand->kind == ExprKind::kLiteral && operand->type == Type::Real &&
          operand->text == "9223372036854775808") {
        // The lexer reads the magnitude as real since it exceeds long; negated it is long's minimum.
        operand->type = Type::Long;
        operand->int_value = std::numeric_limits<int64_t>::min();
      }
      if (op == "-" && operand->kind == ExprKind::kLiteral && !operand->is_null &&
          operand->offset == prev_end_ - operand->length && operand->args.empty() &&
          (operand->type == Type::Long || operand->type == Type::Real)) {
        if (operand->type == Type::Long) {
          operand->int_value = static_cast<int64_t>(0ULL - static_cast<uint64_t>(operand->int_value));
        } else {
          operand->real_value = -operand->real_value;
        }
        operand->text = "-" + operand->text;
        operand->length += operand->offset - start;
        operand->offset = start;
        return operand;
      }
      auto e = MakeExpr(ExprKind::kUnary, start, prev_end_ - start);
      e->op = op;
      e->args.push_back(std::move(operand));
      return e;
    }
    return ParsePostfix();
  }

  ExprPtr ParsePostfix() {
    ExprPtr e = ParsePrimary();
    while (true) {
      if (IsPunct(".") && (IsName(1) || Peek(1).kind == TokenKind::kBracketName)) {
        Advance();
        auto m = MakeExpr(ExprKind::kMember, e->offset, 0);
        m->name = tok_.text;
        Advance();
        m->length = prev_end_ - m->offset;
        m->args.push_back(std::move(e));
        e = std::move(m);
      } else if (IsPunct("[") || (IsPunct(".") && IsPunct("[", 1))) {
        if (IsPunct(".")) Advance();
        Advance();
        auto ix = MakeExpr(ExprKind::kIndex, e->offset, 0);
        ix->args.push_back(std::move(e));
        ix->args.push_back(ParseExpr());
        ExpectPunct("]", "to close the index");
        ix->length = prev_end_ - ix->offset;
        e = std::move(ix);
      } else if (tok_.kind == TokenKind::kBracketName) {
        auto ix = MakeExpr(ExprKind::kIndex, e->offset, tok_.offset + tok_.length - e->offset);
        auto key = MakeExpr(ExprKind::kLiteral, tok_.offset + 1, tok_.length - 2);
        key->type = Type::String;
        key->text = tok_.text;
        ix->args.push_back(std::move(e));
        ix->args.push_back(std::move(key));
        Advance();
        e = std::move(ix);
      } else {
        return e;
      }
    }
  }

  ExprPtr ParsePrimary() {
    const Token& t = tok_;
    size_t start = t.offset;
    switch (t.kind) {
      case TokenKind::kInt: {
        auto e = MakeExpr(ExprKind::kLiteral, start, t.length);
        e->type = Type::Long;
        e->int_value = t.int_value;
        e->text = t.text;
        Advance();
        return e;
      }
      case TokenKind::kReal: {
        auto e = MakeExpr(ExprKind::kLiteral, start, t.length);
        e->type = Type::Real;
        e->real_value = t.real_value;
        e->text = t.text;
        Advance();
        return e;
      }
      case TokenKind::kTimeSpan: {
        auto e = MakeExpr(ExprKind::kLiteral, start, t.length);
        e->type = Type::TimeSpan;
        e->text = t.text;
        Advance();
        return e;
      }
      case TokenKind::kString: {
        auto e = MakeExpr(ExprKind::kLiteral, start, 0);
        e->type = Type::String;
        while (tok_.kind == TokenKind::kString) {
          e->text += tok_.text;
          Advance();
        }
        e->length = prev_end_ - start;
        return e;
      }
      case TokenKind::kBracketName: {
        auto e = MakeExpr(ExprKind::kName, start, t.length);
        e->name = t.text;
        Advance();
        return e;
      }
      case TokenKind::kPunct:
        if (t.text == "(") {
          Advance();
          ExprPtr inner = ParseExpr();
          ExpectPunct(")", "to close the parenthesis opened at offset " + std::to_string(start));
          // Parentheses matter only for spans of tabular expressions (and precedence, already applied).
          return inner;
        }
        if (t.text == "*") {
          auto e = MakeExpr(ExprKind::kStar, start, 1);
          Advance();
          return e;
        }
        break;
      case TokenKind::kIdentifier: {
        if (t.text[0] == '!') break;
        if (t.text == "true" || t.text == "false" || t.text == "True" || t.text == "False" ||
            t.text == "TRUE" || t.text == "FALSE") {
          auto e = MakeExpr(ExprKind::kLiteral, start, t.length);
          e->type = Type::Bool;
          e->int_value = (t.text[0] == 't' || t.text[0] == 'T') ? 1 : 0;
          e->text = t.text;
          Advance();
          return e;
        }
        if (IsPunct("(", 1)) {
          if (t.text == "dynamic") return ParseDynamicLiteral();
          std::optional<Type> literal_type = ParseTypeName(t.text);
          if (literal_type && t.text != "string" && t.text != "object" && t.text != "float" &&
              t.text != "uuid") {
            return ParseTypedLiteral(*literal_type);
          }
          return ParseCall();
        }
        auto e = MakeExpr(ExprKind::kName, start, t.length);
        e->name = t.text;
        Advance();
        return e;
      }
      default:
        break;
    }
    Fail("expected an expression", tok_);
  }

  ExprPtr ParseCall() {
    auto e = MakeExpr(ExprKind::kCall, tok_.offset, 0);
    e->name = tok_.text;
    Advance();
    Advance();  // '('
    if (!IsPunct(")")) {
      do {
        if (IsName() && IsPunct("=", 1)) {
          auto arg = MakeExpr(ExprKind::kNamedArg, tok_.offset, 0);
          arg->name = tok_.text;
          Advance();
          Advance();
          arg->args.push_back(ParseExpr());
          arg->length = prev_end_ - arg->offset;
          e->args.push_back(std::move(arg));
        } else {
          e->args.push_back(ParseExpr());
        }
      } while (AcceptPunct(","));
    }
    ExpectPunct(")", "to close the argument list of " + e->name);
    e->length = prev_end_ - e->offset;
    return e;
  }

  // `int(5)`, `datetime(2024-01-01 10:00)`, `time(1.02:00:00)`, `guid(...)`, `real(nan)`: the text
  // between the parentheses is taken raw, as Kusto does, since it is not made of KQL tokens.
  ExprPtr ParseTypedLiteral(Type type) {
    size_t start = tok_.offset;
    std::string word = tok_.text;
    size_t open = Peek(1).offset;
    size_t close = text_.find(')', open + 1);
    if (close == std::string_view::npos) {
      throw QueryError("expected ')' to close " + word + "(...)", open, 1);
    }
    std::string content = Trim(text_.substr(open + 1, close - open - 1));
    Seek(close + 1);
    auto e = MakeExpr(ExprKind::kLiteral, start, close + 1 - start);
    e->type = type;
    e->text = content;
    auto invalid = [&]() -> QueryError {
      return QueryError("invalid " + word + " literal '" + content + "'", open + 1, close - open - 1);
    };
    if (content == "null") {
      e->is_null = true;
      return e;
    }
    switch (type) {
      case Type::Bool:
        if (content == "true" || content == "True" || content == "TRUE" || content == "1") {
          e->int_value = 1;
        } else if (content != "false" && content != "False" && content != "FALSE" && content != "0") {
          throw invalid();
        }
        break;
      case Type::Int:
      case Type::Long: {
        std::string_view digits = content;
        bool negative = !digits.empty() && digits[0] == '-';
        if (negative || (!digits.empty() && digits[0] == '+')) digits.remove_prefix(1);
        uint64_t v = 0;
        int base = 10;
        if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
          digits.remove_prefix(2);
          base = 16;
        }
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
        if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) throw invalid();
        e->int_value = static_cast<int64_t>(negative ? 0ULL - v : v);
        if (type == Type::Int) e->int_value = static_cast<int32_t>(e->int_value);
        break;
      }
      case Type::Real:
      case Type::Decimal: {
        std::string lower;
        for (char c : content)
          lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        if (lower == "nan") {
          e->real_value = std::numeric_limits<double>::quiet_NaN();
        } else if (lower == "inf" || lower == "+inf") {
          e->real_value = std::numeric_limits<double>::infinity();
        } else if (lower == "-inf") {
          e->real_value = -std::numeric_limits<double>::infinity();
        } else {
          char* end = nullptr;
          e->real_value = std::strtod(content.c_str(), &end);
          if (content.empty() || end != content.c_str() + content.size()) throw invalid();
        }
        break;
      }
      default:
        if (content.empty()) throw invalid();
        break;
    }
    return e;
  }

  // dynamic(...): JSON extended with single quotes, KQL literals (datetime(...), 1d) and trailing
  // commas not allowed.
  ExprPtr ParseDynamicLiteral() {
    size_t start = tok_.offset;
    Advance();
    size_t open = tok_.offset;
    Advance();
    auto e = MakeExpr(ExprKind::kLiteral, start, 0);
    e->type = Type::Dynamic;
    if (IsWord("null") && IsPunct(")", 1)) {
      e->is_null = true;
      Advance();
    } else {
      size_t content = tok_.offset;
      std::optional<Dynamic> json = ParseJsonValue();
      if (json && IsPunct(")")) {
        e->json = std::make_shared<const Dynamic>(std::move(*json));
      } else {
        Seek(content);
        e->args.push_back(ParseDynamicValue());
      }
    }
    ExpectPunct(")", "to close dynamic(...)");
    e->text = Trim(text_.substr(open + 1, prev_end_ - 1 - open - 1));
    e->length = prev_end_ - start;
    return e;
  }

  // A plain JSON value (strings, numbers, true, false, null, arrays and bags of them) read straight
  // into its Dynamic, as ParseDynamicValue and the binder would make it; nullopt, with tokens
  // consumed, at anything else (KQL literals such as datetime(...) or 1d, signs, adjacent strings),
  // which the caller then reads again as expressions.
  std::optional<Dynamic> ParseJsonValue() {
    switch (tok_.kind) {
      case TokenKind::kString: {
        if (Peek(1).kind == TokenKind::kString) return std::nullopt;
        Dynamic value = Dynamic::MakeString(std::move(tok_.text));
        Advance();
        return value;
      }
      case TokenKind::kInt: {
        Dynamic value = Dynamic::MakeLong(tok_.int_value);
        Advance();
        return value;
      }
      case TokenKind::kReal: {
        Dynamic value = Dynamic::MakeReal(tok_.real_value);
        Advance();
        return value;
      }
      case TokenKind::kBracketName: {  // `["name"]` lexes as one token
        Dynamic::Array items;
        items.push_back(Dynamic::MakeString(std::move(tok_.text)));
        Advance();
        return Dynamic::MakeArray(std::move(items));
      }
      case TokenKind::kIdentifier: {
        std::optional<Dynamic> value;
        if (tok_.text == "true" || tok_.text == "false") value = Dynamic::MakeBool(tok_.text == "true");
        if (tok_.text == "null") value = Dynamic();
        if (value) Advance();
        return value;
      }
      case TokenKind::kPunct:
        if (AcceptPunct("[")) {
          Dynamic::Array items;
          while (!AcceptPunct("]")) {
            std::optional<Dynamic> item = ParseJsonValue();
            if (!item) return std::nullopt;
            items.push_back(std::move(*item));
            if (!IsPunct("]") && !AcceptPunct(",")) return std::nullopt;
          }
          return Dynamic::MakeArray(std::move(items));
        }
        if (AcceptPunct("{")) {
          Dynamic::Object members;
          while (!AcceptPunct("}")) {
            if (tok_.kind != TokenKind::kString && !IsName()) return std::nullopt;
            std::string key = std::move(tok_.text);
            Advance();
            if (!AcceptPunct(":")) return std::nullopt;
            std::optional<Dynamic> value = ParseJsonValue();
            if (!value) return std::nullopt;
            members.emplace_back(std::move(key), std::move(*value));
            if (!IsPunct("}") && !AcceptPunct(",")) return std::nullopt;
          }
          return Dynamic::MakeObject(std::move(members));
        }
        return std::nullopt;
      default:
        return std::nullopt;
    }
  }

  ExprPtr ParseDynamicValue() {
    size_t start = tok_.offset;
    if (tok_.kind == TokenKind::kBracketName) {
      auto arr = MakeExpr(ExprKind::kDynamicArray, start, tok_.length);
      auto s = MakeExpr(ExprKind::kLiteral, start + 1, tok_.length - 2);
      s->type = Type::String;
      s->text = tok_.text;
      arr->args.push_back(std::move(s));
      Advance();
      return arr;
    }
    if (AcceptPunct("[")) {
      auto arr = MakeExpr(ExprKind::kDynamicArray, start, 0);
      while (!AcceptPunct("]")) {
        arr->args.push_back(ParseDynamicValue());
        if (!IsPunct("]")) ExpectPunct(",", "or ']' in the dynamic array");
      }
      arr->length = prev_end_ - start;
      return arr;
    }
    if (AcceptPunct("{")) {
      auto bag = MakeExpr(ExprKind::kDynamicBag, start, 0);
      while (!AcceptPunct("}")) {
        if (tok_.kind != TokenKind::kString && !IsName())
          Fail("expected a property name in the dynamic bag", tok_);
        bag->keys.push_back(tok_.text);
        Advance();
        ExpectPunct(":", "after the property name in the dynamic bag");
        bag->args.push_back(ParseDynamicValue());
        if (!IsPunct("}")) ExpectPunct(",", "or '}' in the dynamic bag");
      }
      bag->length = prev_end_ - start;
      return bag;
    }
    if (IsWord("null")) {
      auto n = MakeExpr(ExprKind::kLiteral, start, tok_.length);
      n->type = Type::Null;
      n->is_null = true;
      Advance();
      return n;
    }
    ExprPtr v = ParseUnary();
    if (v->kind != ExprKind::kLiteral)
      throw QueryError("expected a constant in the dynamic literal", v->offset, v->length);
    return v;
  }

  std::string_view text_;
  Token tok_;
  std::vector<Token> ahead_;
  size_t prev_end_ = 0;
};

}  // namespace

ParsedQuery ParseQuery(std::string_view text) {
  return Parser(text).ParseAll();
}

}  // namespace iochound
