// The binder's internals, shared by its files (one per family of operators and the scalar
// expressions). Not part of the planner's interface: include binder.h instead.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/planner/binder.h"

namespace iochound::binding {

struct LetBinding;
// The let-bound names visible at a point of the query, by name.
using LetScope = std::map<std::string, LetBinding, std::less<>>;

// materialize(): the rows of a let-bound tabular value, computed at its first use and shared by the others.
struct MaterializedRows {
  bool done = false;
  Schema schema;
  std::vector<std::vector<Value>> rows;
};

// A let-bound name: a constant scalar, or a tabular expression bound anew at each use.
struct LetBinding {
  bool is_tabular = false;
  Value value;
  Type type = Type::Null;
  std::shared_ptr<ast::TabularExpr> tabular;
  // ---- user functions and the rest of the let family (bind_function.cpp) ----
  // A tabular value that is not a pipeline (`let t = f(1);`, a function's tabular argument), bound anew.
  const ast::Expr* tabular_expr = nullptr;
  // The first `prefix_ops` operators of `prefix_of`: the input of `invoke`, bound anew at each later use.
  const ast::TabularExpr* prefix_of = nullptr;
  size_t prefix_ops = 0;
  // An input already bound (the input of `invoke`), taken by the first use.
  std::shared_ptr<std::unique_ptr<PlanNode>> once;
  // A tabular parameter with declared columns (`T:(FolderPath:string, *)`), checked at each use.
  const ast::Parameter* declared = nullptr;
  // A scalar function parameter: the caller's argument, bound in the caller's row context.
  std::shared_ptr<const BoundExpr> expr;
  // `let f = (...) {...}` and `let v = view (...) {...}`.
  std::shared_ptr<const ast::FunctionDef> function;
  std::shared_ptr<MaterializedRows> materialized;
  // The lets visible where this one was defined, where tabular values and functions are bound (Kusto's
  // scoping is lexical); null binds in the current scope.
  std::shared_ptr<const LetScope> scope;
};

// Aggregates met while binding a summarize expression; they become columns after the group keys.
struct AggregateContext {
  const Schema* input = nullptr;
  size_t key_count = 0;
  std::vector<AggregateCall> calls;
  Schema fields;
};

[[noreturn]] void Fail(size_t offset, size_t length, std::string message);
[[noreturn]] void Fail(const ast::Expr& at, std::string message);

// The column name Kusto derives for an unnamed expression: a column keeps its name, `a.b` becomes
// `a_b`, and casts are transparent (`tostring(o.id)` is `o_id`).
std::optional<std::string> DeriveName(const ast::Expr& e);

// Whether the expression reads a column of its row (is not a constant of the query).
bool ReadsColumns(const BoundExpr& e);

// The display text (Explain, error messages) of `left op right` for `and`/`or`, cut at 120
// characters. Sigma rules chain hundreds of terms, and a whole text at every level of a chain costs
// memory quadratic in its length: cut at 1,000 characters, the texts were ~10% of the 210 MB the
// 1,183 process_creation rules' plans held, and zeroing that memory was CPU time.
std::string LogicalText(const BoundExpr& left, std::string_view op, const BoundExpr& right);

class Binder {
 public:
  Binder(std::string_view text, const Catalog& catalog, ConstantEvaluator& evaluator,
         const QueryOptions& options)
      : text_(text),
        catalog_(catalog),
        evaluator_(evaluator),
        watchlist_dir_(options.watchlist_dir),
        externaldata_files_(options.externaldata_files),
        externaldata_empty_(options.externaldata_empty) {}

  PlanNodePtr BindStatements(const std::vector<ast::Statement>& statements);

 private:
  // ---- let and parameters -------------------------------------------------------------------
  void BindLet(const ast::LetStatement& let);
  void BindParameter(const ast::Parameter& param);
  // ---- tabular expressions --------------------------------------------------------------------
  PlanNodePtr BindTabular(const ast::TabularExpr& tabular, PlanNodePtr input);
  PlanNodePtr BindOperator(const ast::Operator& op, PlanNodePtr input);
  // The operator's name, its position and the nearest supported alternative, as a QueryError.
  [[noreturn]] PlanNodePtr Unsupported(const ast::Operator& op);
  PlanNodePtr BindGetSchema(PlanNodePtr input, const ast::Operator& op);
  PlanNodePtr BindTableRef(const ast::Identifier& name);
  PlanNodePtr BindTabularCall(const ast::Expr& call);
  PlanNodePtr BindDatatable(const ast::Datatable& datatable, const ast::Operator& op);
  // externaldata (bind_externaldata.cpp): the rows of local files, read at bind time.
  PlanNodePtr BindExternalData(const ast::ExternalData& external, const ast::Operator& op);
  // One text field of an externaldata record as a `type` value; `where` (file:line) names a bad one.
  Value ExternalValue(const std::string& text, Type type, const std::string& where, const ast::Operator& op);
  PlanNodePtr OneEmptyRow();
  PlanNodePtr BindPrint(const ast::Print& print);
  PlanNodePtr BindRange(const ast::Range& range, const ast::Operator& op);
  PlanNodePtr BindUnion(const ast::Union& u, PlanNodePtr input, const ast::Operator& op);
  // The union of `parts` (bind_union.cpp); `source_column`, when not empty, leads with `names[i]`.
  PlanNodePtr UnionOf(std::vector<PlanNodePtr> parts, const std::vector<std::string>& names,
                      const std::string& source_column, bool inner, const ast::Operator& op);
  // ---- join, lookup, mv-expand ----------------------------------------------------------------
  // `name` if `schema` has no such column, else the first free `name1`, `name2`, ... as Kusto
  // renames the right side's columns of a join.
  static std::string UniqueName(const Schema& schema, const std::string& name);
  int RequireJoinColumn(const Schema& schema, const std::string& name, std::string_view side,
                        const ast::Expr& at);
  // One `on` condition: `k` (the same column on both sides), `$left.a == $right.b` (either order),
  // or several of them joined by `and`.
  void BindJoinCondition(const ast::Expr& e, const Schema& left, const Schema& right, PlanNode& node);
  // The output of join/lookup: the chosen left columns, then the chosen right ones, renamed
  // where their names are taken.
  static void SetJoinOutput(PlanNode& node, bool left_columns, bool right_columns, bool skip_right_keys);
  PlanNodePtr JoinNode(PlanNodePtr left, PlanNodePtr right, const std::vector<ast::ExprPtr>& on,
                       const ast::Operator& op);
  PlanNodePtr BindJoin(const ast::Join& join, PlanNodePtr input, const ast::Operator& op);
  // lookup: a left outer (or inner) join whose output leaves out the right side's key columns.
  PlanNodePtr BindLookup(const ast::Lookup& lookup, PlanNodePtr input, const ast::Operator& op);
  PlanNodePtr BindMvExpand(const ast::MvExpand& mv, PlanNodePtr input, const ast::Operator& op);
  // mv-expand's parts, shared with mv-apply, which expands each row the same way.
  PlanNodePtr BindMvExpand(const std::vector<ast::Option>& options,
                           const std::vector<ast::MvExpand::Item>& items, const ast::Expr* limit,
                           PlanNodePtr input, const ast::Operator& op);
  // ---- window functions, make-series, top-nested, mv-apply (bind_window.cpp) ----------------
  // Whether `node`'s rows are serialized, the precondition of window functions: range, sort, top
  // and serialize produce ordered rows; where, extend, project, take and parse keep the order.
  static bool IsSerialized(const PlanNode& node);
  static bool IsWindowFunction(std::string_view name);
  // extend/project/serialize whose expressions may call window functions: those are computed by a
  // kWindow node below the projection, which reads them as columns.
  PlanNodePtr BindWindowProject(const std::vector<ast::NamedExpr>& columns, PlanNodePtr input, bool extend,
                                bool serialize, const ast::Operator& op);
  // A window function call: the column window_columns_ assigned to it, else an error.
  BoundExprPtr BindWindowCall(const ast::Expr& e, const Schema& schema);
  void AddWindowCall(const ast::Expr& e, PlanNode& window);
  PlanNodePtr BindMakeSeries(const ast::MakeSeries& series, PlanNodePtr input, const ast::Operator& op);
  PlanNodePtr BindTopNested(const ast::TopNested& nested, PlanNodePtr input, const ast::Operator& op);
  PlanNodePtr BindMvApply(const ast::MvApply& apply, PlanNodePtr input, const ast::Operator& op);
  // ---- parse, parse-where, parse-kv, search (bind_parse.cpp, bind_search.cpp) -------------------
  PlanNodePtr BindParse(const ast::Parse& parse, PlanNodePtr input, const ast::Operator& op);
  PlanNodePtr BindParseKv(const ast::ParseKv& kv, PlanNodePtr input, const ast::Operator& op);
  // The parse node over `input`: its columns, then `columns` (replacing same-named input columns).
  PlanNodePtr ParseNode(PlanNodePtr input, const ast::Expr& source, ParseSpec spec,
                        const std::vector<ast::ColumnDecl>& columns);
  PlanNodePtr BindSearch(const ast::Search& search, PlanNodePtr input, const ast::Operator& op);
  // A search predicate over one table: bare string terms match any column, `*` stands for every column.
  BoundExprPtr BindSearchPredicate(const ast::Expr& e, const Schema& schema, bool case_sensitive);
  BoundExprPtr SearchTerm(const ast::Expr& term, const Schema& schema, bool case_sensitive);
  BoundExprPtr SearchEveryColumn(const ast::Expr& e, const Schema& schema);
  PlanNodePtr BindWhere(const ast::Where& where, PlanNodePtr input);
  static void AddOutput(PlanNode& node, std::string name, BoundExprPtr expr);
  static BoundExprPtr ColumnRef(const Schema& schema, size_t index);
  // project (extend = false) or extend (true): new columns replace same-named ones in place.
  PlanNodePtr BindProject(const std::vector<ast::NamedExpr>& columns, PlanNodePtr input, bool extend);
  std::vector<size_t> MatchColumns(const Schema& schema, const ast::Identifier& pattern);
  PlanNodePtr BindProjectAway(const std::vector<ast::Identifier>& patterns, PlanNodePtr input, bool keep);
  PlanNodePtr BindProjectRename(const ast::ProjectRename& rename, PlanNodePtr input);
  PlanNodePtr BindProjectReorder(const ast::ProjectReorder& reorder, PlanNodePtr input);
  int64_t ConstantCount(const ast::Expr& expr, std::string_view op);
  PlanNodePtr BindTake(const ast::Take& take, PlanNodePtr input);
  PlanNodePtr BindSort(const std::vector<ast::SortKey>& keys, PlanNodePtr input, int64_t top);
  PlanNodePtr BindCount(PlanNodePtr input);
  PlanNodePtr BindDistinct(const ast::Distinct& distinct, PlanNodePtr input);
  const AggregateFunction* RequireAggregate(std::string_view name, size_t offset, size_t length);
  PlanNodePtr BindSummarize(const ast::Summarize& summarize, PlanNodePtr input, const ast::Operator& op);
  // The `by` keys of summarize and make-series: the first columns of `node`, named as written, else as
  // derived, else Column1, Column2, ... Returns the number the next generated name would take.
  int BindGroupKeys(const std::vector<ast::NamedExpr>& by, const Schema& input, PlanNode& node);
  static bool FindFieldBefore(const Schema& schema, const std::string& name, size_t end);
  // arg_max/arg_min among other aggregates: one aggregate column per returned column, the maximized
  // expression first, `*` standing for the input columns but the group keys (`keys`) and that one.
  void AddArgExtremeCalls(const ast::NamedExpr& aggregate, const Schema& keys, AggregateContext& context);
  // summarize arg_max(Key, *) by ... / arg_max(Key, Col1, Col2): the row with the extreme key.
  PlanNodePtr BindArgExtreme(const ast::Summarize& summarize, PlanNodePtr input);
  // ---- scalar expressions ---------------------------------------------------------------------
  BoundExprPtr CallFunction(std::string_view name, std::vector<BoundExprPtr> args, size_t offset,
                            size_t length);
  BoundExprPtr CallFunction(std::string_view name, BoundExprPtr arg, size_t offset, size_t length);
  // Calls with only constant arguments are evaluated once at bind time (`ago(1d)`, `strcat("a", "b")`),
  // except for functions whose every call differs.
  BoundExprPtr FoldConstant(BoundExprPtr expr);
  // Casts an expression to `type` (datatable cells, parameter defaults).
  BoundExprPtr Convert(BoundExprPtr expr, Type type, const ast::Expr& at);
  BoundExprPtr AsString(BoundExprPtr expr, const ast::Expr& at);
  BoundExprPtr BindExpr(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates = nullptr);
  BoundExprPtr BindExprInner(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates);
  Dynamic LiteralToDynamic(const ast::Expr& e);
  BoundExprPtr BindLiteral(const ast::Expr& e);
  BoundExprPtr BindName(const ast::Expr& e, const Schema& schema);
  BoundExprPtr BindAccess(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates);
  BoundExprPtr BindCall(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates);
  BoundExprPtr BindAggregateCall(const ast::Expr& e, const AggregateFunction& function,
                                 AggregateContext& context);
  BoundExprPtr BindBinary(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates);
  // `left and right` / `left or right` for the and/or node `e`, operands bound.
  BoundExprPtr BindLogical(const ast::Expr& e, BoundExprPtr left, BoundExprPtr right);
  // A comparison of a string with a number or bool, or of a bool with a number: converts the first to
  // the second's type, as Microsoft's engine accepts such comparisons.
  void AlignComparedTypes(BoundExprPtr& left, BoundExprPtr& right, const ast::Expr& e);
  static BoundExprPtr StringPredicate(StringOp op, bool case_sensitive, bool negated, BoundExprPtr left,
                                      BoundExprPtr right);
  // The values of an `in`/`has_any` list: constants, dynamic arrays (flattened) and subqueries
  // (their first column).
  std::vector<Value> ListValues(const ast::Expr& e, const Schema& schema);
  BoundExprPtr BindInList(const ast::Expr& e, const Schema& schema, AggregateContext* aggregates);
  std::string ToStringConstant(const Value& v, const ast::Expr& at);
  // ---- user functions, views, materialize, toscalar (bind_function.cpp) -------------------------
  // A let value, function body result or argument: a table or a scalar (exactly one is set).
  struct BoundValue {
    PlanNodePtr plan;
    BoundExprPtr scalar;
  };
  BoundValue BindValue(const ast::Expr& e);
  BoundValue BindBody(const std::vector<ast::Statement>& body);
  PlanNodePtr BindTabularLet(const LetBinding& let, const ast::Identifier& name);
  BoundExprPtr BindScalarLet(const ast::Expr& e, const LetBinding& let);
  // Expands a call of a user function inline: its body bound with the parameters bound to the arguments.
  // `input` is the table `invoke` passes as the first argument; `schema` the caller's row context.
  BoundValue CallUserFunction(const ast::Expr& call, const LetBinding& function, const LetBinding* input,
                              const Schema& schema);
  PlanNodePtr BindInvoke(const ast::Invoke& invoke, PlanNodePtr input, const ast::TabularExpr* prefix_of,
                         size_t prefix_ops);
  BoundExprPtr BindToScalar(const ast::Expr& e);
  // ---- evaluate plugins (bind_evaluate.cpp) ---------------------------------------------------
  PlanNodePtr BindEvaluate(const ast::Evaluate& evaluate, PlanNodePtr input, const ast::Operator& op);
  PlanNodePtr BindBagUnpack(const ast::Expr& call, PlanNodePtr input);
  PlanNodePtr BindPivot(const ast::Expr& call, PlanNodePtr input);
  // ---- Sentinel and Defender helpers (bind_security_helpers.cpp) -------------------------------
  PlanNodePtr BindGetWatchlist(const ast::Expr& call);
  PlanNodePtr BindFileProfile(const ast::Expr& call, PlanNodePtr input);

  std::string_view text_;
  const Catalog& catalog_;
  ConstantEvaluator& evaluator_;
  std::string watchlist_dir_;
  std::map<std::string, std::string> externaldata_files_;
  bool externaldata_empty_ = false;
  LetScope lets_;
  // Window function calls of the projection being bound, by AST node, and the kWindow column each
  // one's value is in.
  std::map<const ast::Expr*, int> window_columns_;
  // The user functions being expanded, innermost last: Kusto functions may not call themselves.
  std::vector<const ast::FunctionDef*> expanding_;
};

}  // namespace iochound::binding
