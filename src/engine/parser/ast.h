// The KQL abstract syntax tree produced by ParseQuery() (parser.h) and consumed by the binder.
//
// Shape, top down:
//   ParsedQuery.statements : Statement = variant<LetStatement, DeclareStatement, SetStatement,
//                                                QueryStatement>
//   a tabular expression   : TabularExpr = a pipeline, ops[0] is a source (TableRef, Datatable,
//                            Print, Range, ...), ops[1..] the `| operator` stages in order
//   an operator            : Operator = { span, variant<Where, Project, Summarize, ...> }
//   a scalar expression    : Expr = one struct with a `kind`; children in `args`
//
// Tabular and scalar expressions nest both ways: an Expr of kind kTabular wraps a TabularExpr
// (`toscalar(T | count)`, `x in (T | project y)`, `let t = T | where ...`), and operators hold Exprs.
//
// The parser decides syntax only. Whether a bare name is a table, a let-bound value or a column,
// whether a call is a scalar function, an aggregate or a user function, is the binder's job.
//
// Every node carries `offset` and `length`: the byte range of its text in the query, for error carets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "types/dynamic.h"
#include "types/type.h"

namespace iochound::ast {

struct Span {
  size_t offset = 0;
  size_t length = 0;
};

struct TabularExpr;
struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  // A constant; see the literal fields of Expr.
  kLiteral,
  // A reference to a column, let-bound name, parameter or table: `name`. `$left` and `$right`
  // are names too ("$left"/"$right"); `$left.x` is kMember over them.
  kName,
  // `*` where an argument may be a star: count(*) is not Kusto, but arg_max(x, *), hash(*) are.
  kStar,
  // args[0].name: `a.b`, `a['b']` is kIndex.
  kMember,
  // args[0][args[1]]: `a[0]`, `a["k"]`, `a[-1]`.
  kIndex,
  // name(args...). A named argument `f(x, flag=true)` is a kNamedArg in args.
  kCall,
  // name = args[0], only as an argument of kCall.
  kNamedArg,
  // op args[0], op one of "-", "+".
  kUnary,
  // args[0] op args[1]. op, lowercase as Kusto spells it:
  //   arithmetic  + - * / %
  //   comparison  == != < <= > >= =~ !~     (`<>` is returned as "!=")
  //   logical     and or
  //   string      has !has has_cs !has_cs hasprefix !hasprefix hasprefix_cs !hasprefix_cs
  //               hassuffix !hassuffix hassuffix_cs !hassuffix_cs contains !contains contains_cs
  //               !contains_cs startswith !startswith startswith_cs !startswith_cs endswith
  //               !endswith endswith_cs !endswith_cs matches regex (op "matches regex") like !like
  kBinary,
  // args[0] op (args[1], args[2], ...), op one of in !in in~ !in~ has_any has_all.
  // A list item may be any Expr: a literal, a name bound to a dynamic array, or a kTabular
  // subquery (`x in (T | project y)`), which the binder tells apart.
  kInList,
  // args[0] op (args[1] .. args[2]), op "between" or "!between".
  kBetween,
  // A tabular expression in scalar position; see `tabular`.
  kTabular,
  // Contents of a dynamic literal: kDynamicArray has items in args; kDynamicBag has keys in
  // `keys` and values in args (same order). Scalars inside are kLiteral.
  kDynamicArray,
  kDynamicBag,
};

// A scalar expression node. Fields beyond kind/offset/length are used per kind as documented.
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  size_t offset = 0;
  size_t length = 0;

  // kName, kMember: the name (bracketed names unquoted); kCall: the function name; kNamedArg: the
  // argument name.
  std::string name;
  // kUnary, kBinary, kInList, kBetween: the operator, as listed in ExprKind.
  std::string op;
  std::vector<ExprPtr> args;

  // kLiteral. `type` is the literal's type; `is_null` for typed nulls (`int(null)`,
  // `datetime(null)`, `dynamic(null)`).
  //   Bool:            int_value 0/1            (true, false, bool(1))
  //   Int, Long:       int_value                (`5` is Long; `int(5)` is Int; hex 0x1F)
  //   Real, Decimal:   real_value (and text)    (`1.5`, `1e3`, `real(nan)`, `real(-inf)`, decimal(1.5))
  //   String:          text, escapes decoded, adjacent literals concatenated
  //   DateTime:        text between the parens of datetime(...), trimmed: bind with ParseDateTime
  //   TimeSpan:        text of the literal: `1d`, `1.5h`, `10ms` or the content of
  //                    time(...)/timespan(...), trimmed: bind with ParseTimeSpan
  //   Guid:            text between the parens of guid(...), trimmed
  //   Dynamic:         plain JSON content (strings, numbers, true, false, null, arrays and bags
  //                    of them) is read into `json`, args empty; other content is parsed into
  //                    args[0] (kDynamicArray, kDynamicBag or a kLiteral; a JSON null is a kLiteral
  //                    of type Null). text is the raw text in the parens
  Type type = Type::Null;
  bool is_null = false;
  int64_t int_value = 0;
  double real_value = 0;
  std::string text;

  // kLiteral of type Dynamic with plain JSON content: its value. IOC lists are dynamic arrays of
  // 100,000 strings, and a node for each cost more than the rest of the query.
  std::shared_ptr<const Dynamic> json;

  // kDynamicBag: the keys, parallel to args.
  std::vector<std::string> keys;

  // kTabular.
  std::shared_ptr<TabularExpr> tabular;
};

// An identifier as written (brackets removed); wildcard patterns (`Prefix*`) keep their `*`.
struct Identifier {
  std::string name;
  size_t offset = 0;
  size_t length = 0;
};

// `expr`, `name = expr` or `(a, b) = expr` (multiple names, e.g. summarize (T, V) = arg_max(...)).
// `names` is empty when no name was given: the binder derives one as Kusto does.
struct NamedExpr {
  std::vector<Identifier> names;
  ExprPtr expr;
};

// `name = value` options of operators: `kind=inner`, `hint.strategy=shuffle`, `withsource=T`,
// `bagexpansion=array`, `with_itemindex=i`, `isfuzzy=true`, `flags=U`. The value is an Expr: a bare
// word (inner, shuffle) is a kName, true/false/numbers/strings are literals.
struct Option {
  std::string name;  // dotted names kept whole: "hint.strategy"
  ExprPtr value;
  size_t offset = 0;
  size_t length = 0;
};

// `name:type` in datatable, externaldata, parse-kv and tabular parameter schemas.
struct ColumnDecl {
  Identifier name;
  Type type = Type::Null;
};

// One key of order by / sort by / top. Kusto defaults: descending; nulls last when descending,
// first when ascending. The parser applies the defaults, so both fields are always meaningful.
struct SortKey {
  ExprPtr expr;
  bool descending = true;
  bool nulls_first = false;
};

// A function or declared query parameter: `a:long`, `b:string = "x"`, `T:(*)`, `T:(x:long, *)`.
struct Parameter {
  Identifier name;
  bool is_tabular = false;
  Type type = Type::Null;           // scalar parameters
  std::vector<ColumnDecl> columns;  // tabular parameters: the declared columns
  bool open_schema = false;         // tabular parameters: `*` was listed (any further columns)
  ExprPtr default_value;            // null when absent
};

// ---------------------------------------------------------------------------------------------
// Sources: the first stage of a pipeline.

// A table, let-bound tabular name or parameterless function used as a table: `T`, `['T']`,
// `table("T")`, or a wildcard pattern in union (`Device*`).
struct TableRef {
  Identifier name;
};
// `datatable(col:type, ...) [v1, v2, ...]`: values row-major, one Expr per cell.
struct Datatable {
  std::vector<ColumnDecl> columns;
  std::vector<ExprPtr> values;
};
// `print a = 1, 2`.
struct Print {
  std::vector<NamedExpr> columns;
};
// `range x from a to b step c`.
struct Range {
  Identifier column;
  ExprPtr from, to, step;
};
// `externaldata(col:type, ...) [ "uri", ... ] with (format="csv", ignoreFirstRecord=true)`.
struct ExternalData {
  std::vector<ColumnDecl> columns;
  std::vector<ExprPtr> uris;
  std::vector<Option> options;
};
// A call returning a table: `_GetWatchlist('x')`, `imDns(starttime=ago(1d))`, `materialize(T)`,
// a user function `f(1, 2)`. `call` is a kCall Expr, or a kMember over one for entity paths such
// as `database("db").T` and `arg("").Resources`.
struct TabularCall {
  ExprPtr call;
};
// `( tabular expression )` as a source.
struct Nested {
  std::shared_ptr<TabularExpr> query;
};
// The implicit input of subqueries that start with an operator: `mv-apply ... on (where x > 1)`,
// `partition by k (top 1 by t)`. The binder feeds the enclosing row set here.
struct ImplicitInput {};

// ---------------------------------------------------------------------------------------------
// Operators after `|`. Union, Search and Evaluate may also start a pipeline (then they have no input).

struct Where {  // where, filter
  ExprPtr predicate;
};
struct Project {
  std::vector<NamedExpr> columns;
};
struct Extend {
  std::vector<NamedExpr> columns;
};
// project-away, project-keep: names or wildcard patterns.
struct ProjectAway {
  std::vector<Identifier> patterns;
};
struct ProjectKeep {
  std::vector<Identifier> patterns;
};
struct ProjectRename {
  struct Pair {
    Identifier new_name;
    Identifier old_name;
  };
  std::vector<Pair> renames;
};
struct ProjectReorder {
  struct Key {
    Identifier pattern;
    std::string order;  // "", "asc", "desc", "granny-asc", "granny-desc"
  };
  std::vector<Key> keys;
};
struct Summarize {
  std::vector<Option> options;  // hint.strategy=..., hint.shufflekey=...: may be ignored
  std::vector<NamedExpr> aggregates;
  std::vector<NamedExpr> by;
};
struct Sort {  // order by, sort by
  std::vector<SortKey> keys;
};
struct Take {  // take, limit
  ExprPtr count;
};
struct Top {
  ExprPtr count;
  std::vector<SortKey> keys;
};
struct Count {};
struct Distinct {
  std::vector<NamedExpr> columns;  // empty for `distinct *`
  bool star = false;
};
struct Join {
  std::vector<Option> options;  // kind=..., hint.*
  std::shared_ptr<TabularExpr> right;
  // `on a, b`: kName each; `on $left.a == $right.b, ...`: kBinary "==" of kMember over
  // $left/$right; Kusto also allows `and` between conditions, kept as kBinary "and".
  std::vector<ExprPtr> on;
  // `join T where predicate`, Kusto's form for conditions beyond equality; null when absent.
  ExprPtr where;
};
struct Lookup {
  std::vector<Option> options;
  std::shared_ptr<TabularExpr> right;
  std::vector<ExprPtr> on;
};
struct Union {
  std::vector<Option> options;  // kind=inner|outer, withsource=Name, isfuzzy=true
  // Each operand: a TableRef (maybe a wildcard pattern), TabularCall or Nested pipeline.
  std::vector<std::shared_ptr<TabularExpr>> tables;
};
struct MvExpand {
  struct Item {
    NamedExpr column;
    std::optional<Type> to_type;  // `to typeof(string)`
  };
  std::vector<Option> options;  // bagexpansion=bag|array, with_itemindex=Name
  std::vector<Item> items;
  ExprPtr limit;  // null when absent
};
struct MvApply {
  std::vector<Option> options;
  std::vector<MvExpand::Item> items;
  ExprPtr limit;
  std::shared_ptr<TabularExpr> subquery;  // starts with ImplicitInput
};
// parse / parse-where: `parse kind=regex flags=Ui Expr with * "lit" Col:type "lit" *`.
struct Parse {
  struct Part {
    enum class Kind { kStar, kLiteral, kColumn };
    Kind kind = Kind::kStar;
    std::string text;          // kLiteral: the string (a regex fragment with kind=regex)
    Identifier column;         // kColumn
    std::optional<Type> type;  // kColumn with `:type`; Kusto's default is string
    size_t offset = 0;
    size_t length = 0;
  };
  bool where = false;           // parse-where: rows that do not match are dropped
  std::vector<Option> options;  // kind=simple|regex|relaxed, flags=...
  ExprPtr source;
  std::vector<Part> parts;
};
struct ParseKv {
  ExprPtr source;
  std::vector<ColumnDecl> columns;
  std::vector<Option> options;  // the `with (...)` list: pair_delimiter, kv_delimiter, quote, ...
};
struct TopNested {
  struct Clause {
    ExprPtr count;        // null: all values
    NamedExpr of;         // `of [name =] expr`
    ExprPtr with_others;  // null when no `with others = expr`
    std::optional<Identifier> others_name;
    NamedExpr by;  // the aggregate
    bool descending = true;
  };
  std::vector<Clause> clauses;
};
struct Sample {
  ExprPtr count;
};
struct SampleDistinct {
  ExprPtr count;
  ExprPtr column;
};
struct Serialize {
  std::vector<NamedExpr> columns;
};
struct As {
  std::vector<Option> options;
  Identifier name;
};
struct MakeSeries {
  struct Aggregate {
    NamedExpr aggregate;
    ExprPtr default_value;  // null when absent
  };
  std::vector<Option> options;  // kind=nonempty, hints
  std::vector<Aggregate> aggregates;
  ExprPtr on;
  // `from a to b step c` (from/to optional) or `in range(a, b, c)`; absent parts are null.
  ExprPtr from, to, step;
  std::vector<NamedExpr> by;
};
// `render chart [with (...)]`: kept as raw text, the engine has no charts.
struct Render {
  std::string text;
};
struct Search {
  std::vector<Option> options;     // kind=case_sensitive|case_insensitive
  std::vector<Identifier> tables;  // `in (T1, T2*)`, empty when absent
  ExprPtr predicate;
};
struct Invoke {
  ExprPtr call;  // kCall
};
struct Evaluate {
  std::vector<Option> options;
  ExprPtr call;  // kCall: the plugin and its arguments
};
struct GetSchema {};
struct Consume {};
// `partition [hint.*] by Col ( subquery )`; the subquery starts with ImplicitInput.
struct Partition {
  std::vector<Option> options;
  ExprPtr by;
  std::shared_ptr<TabularExpr> subquery;
};

// `top-hitters N of expr [by expr]`: approximate top values (exact ones are acceptable).
struct TopHitters {
  ExprPtr count;
  ExprPtr of;
  ExprPtr by;  // null when absent: rank by row count
};
// `scan [with_match_id=Id] [declare (c:long=0, ...)] with (step s [output=all|last|none]: cond => c = e, ...;
// ...)`: a row-by-row state machine.
struct Scan {
  struct Step {
    Identifier name;
    std::string output;  // "all" (default when empty), "last" or "none"
    ExprPtr condition;
    std::vector<NamedExpr> assignments;  // each with exactly one name
  };
  std::vector<Option> options;
  std::vector<Parameter> declare;  // types and defaults of the state columns
  std::vector<Step> steps;
};

using OperatorNode =
    std::variant<TableRef, Datatable, Print, Range, ExternalData, TabularCall, Nested, ImplicitInput, Where,
                 Project, Extend, ProjectAway, ProjectKeep, ProjectRename, ProjectReorder, Summarize, Sort,
                 Take, Top, Count, Distinct, Join, Lookup, Union, MvExpand, MvApply, Parse, ParseKv,
                 TopNested, Sample, SampleDistinct, Serialize, As, MakeSeries, Render, Search, Invoke,
                 Evaluate, GetSchema, Consume, Partition, TopHitters, Scan>;

struct Operator {
  size_t offset = 0;  // from the operator keyword (or the source's first token) to its end
  size_t length = 0;
  OperatorNode node;
};

// A pipeline: ops[0] is the source (or a Union/Search/Evaluate with no input, or ImplicitInput),
// ops[1..] the piped operators in order. Never empty.
struct TabularExpr {
  size_t offset = 0;
  size_t length = 0;
  std::vector<Operator> ops;
};

// ---------------------------------------------------------------------------------------------
// Statements.

struct Statement;

// `let f = (params) { statements; result }` or `let v = view (params) { ... }`. The body's last
// statement is a QueryStatement holding the result expression (scalar or tabular).
struct FunctionDef {
  bool is_view = false;
  std::vector<Parameter> params;
  std::vector<Statement> body;
  size_t offset = 0;
  size_t length = 0;
};

// `let name = value;`: value is a scalar Expr, a kTabular Expr, or (bare `let x = T;`) a kName the
// binder resolves. Exactly one of `value` and `function` is set.
struct LetStatement {
  Identifier name;
  ExprPtr value;
  std::shared_ptr<FunctionDef> function;
};

// `declare query_parameters(name:type = default, ...);`
struct DeclareStatement {
  std::vector<Parameter> params;
};

// `set name [= value];`: value null when absent. Options such as querytrace do not affect results.
struct SetStatement {
  Identifier name;
  ExprPtr value;
};

// A query expression: always kTabular at the top level (a bare `T` or `f(x)` is made a pipeline);
// the last statement of a function body may be scalar, or a bare name the binder resolves.
struct QueryStatement {
  ExprPtr expr;
};

struct Statement {
  size_t offset = 0;
  size_t length = 0;
  std::variant<LetStatement, DeclareStatement, SetStatement, QueryStatement> node;
};

}  // namespace iochound::ast
