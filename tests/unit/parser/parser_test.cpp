#include "engine/parser/parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/diagnostics.h"

namespace iochound {
namespace {

using ast::Expr;
using ast::ExprKind;

// A compact rendering of expressions so tests can assert whole trees in one line.
std::string Dump(const Expr& e) {
  auto list = [](const std::vector<ast::ExprPtr>& args, size_t from) {
    std::string s;
    for (size_t i = from; i < args.size(); ++i) s += (i > from ? ", " : "") + Dump(*args[i]);
    return s;
  };
  switch (e.kind) {
    case ExprKind::kLiteral:
      if (e.type == Type::Null) return "null";
      if (e.is_null) return std::string(TypeName(e.type)) + "(null)";
      switch (e.type) {
        case Type::Bool:
          return e.int_value ? "true" : "false";
        case Type::Long:
          return std::to_string(e.int_value);
        case Type::Int:
          return "int(" + std::to_string(e.int_value) + ")";
        case Type::String:
          return "\"" + e.text + "\"";
        case Type::Dynamic:
          return "dynamic(" + (e.json ? "json " + e.json->ToJson() : Dump(*e.args[0])) + ")";
        default:
          return std::string(TypeName(e.type)) + "(" + e.text + ")";
      }
    case ExprKind::kName:
      return e.name;
    case ExprKind::kStar:
      return "*";
    case ExprKind::kMember:
      return Dump(*e.args[0]) + "." + e.name;
    case ExprKind::kIndex:
      return Dump(*e.args[0]) + "[" + Dump(*e.args[1]) + "]";
    case ExprKind::kCall:
      return e.name + "(" + list(e.args, 0) + ")";
    case ExprKind::kNamedArg:
      return e.name + "=" + Dump(*e.args[0]);
    case ExprKind::kUnary:
      return "(" + e.op + Dump(*e.args[0]) + ")";
    case ExprKind::kBinary:
      return "(" + Dump(*e.args[0]) + " " + e.op + " " + Dump(*e.args[1]) + ")";
    case ExprKind::kInList:
      return "(" + Dump(*e.args[0]) + " " + e.op + " [" + list(e.args, 1) + "])";
    case ExprKind::kBetween:
      return "(" + Dump(*e.args[0]) + " " + e.op + " " + Dump(*e.args[1]) + ".." + Dump(*e.args[2]) + ")";
    case ExprKind::kTabular:
      return "{tabular of " + std::to_string(e.tabular->ops.size()) + " ops}";
    case ExprKind::kDynamicArray:
      return "[" + list(e.args, 0) + "]";
    case ExprKind::kDynamicBag: {
      std::string s = "{";
      for (size_t i = 0; i < e.keys.size(); ++i) s += (i ? ", " : "") + e.keys[i] + ": " + Dump(*e.args[i]);
      return s + "}";
    }
  }
  return "?";
}

const ast::TabularExpr& QueryAt(const ParsedQuery& q, size_t i) {
  const auto& stmt = std::get<ast::QueryStatement>(q.statements.at(i).node);
  EXPECT_EQ(stmt.expr->kind, ExprKind::kTabular);
  return *stmt.expr->tabular;
}

template <typename T>
const T& OpAt(const ast::TabularExpr& tab, size_t i) {
  return std::get<T>(tab.ops.at(i).node);
}

// The single expression of `print x = <expr>`.
std::string PrintExpr(const std::string& expr) {
  ParsedQuery q = ParseQuery("print " + expr);
  return Dump(*OpAt<ast::Print>(QueryAt(q, 0), 0).columns.at(0).expr);
}

QueryError ErrorOf(std::string_view text) {
  try {
    ParseQuery(text);
  } catch (const QueryError& e) {
    return e;
  }
  ADD_FAILURE() << "query parsed: " << text;
  return QueryError("none");
}

TEST(ParserTest, SeedQuery) {
  const std::string text =
      "let malicious_domains = dynamic([\"project1.in.net\", \"defence.in.net\"]);\n"
      "DnsEvents\n"
      "| where Name has_any (malicious_domains)\n"
      "| project TimeGenerated, Computer, Name, IPAddresses, QueryType\n"
      "| order by TimeGenerated desc\n";
  ParsedQuery q = ParseQuery(text);
  ASSERT_EQ(q.statements.size(), 2u);

  const auto& let = std::get<ast::LetStatement>(q.statements[0].node);
  EXPECT_EQ(let.name.name, "malicious_domains");
  EXPECT_EQ(let.name.offset, 4u);
  ASSERT_TRUE(let.value);
  EXPECT_EQ(let.function, nullptr);
  EXPECT_EQ(Dump(*let.value), "dynamic(json [\"project1.in.net\",\"defence.in.net\"])");
  EXPECT_EQ(let.value->text, "[\"project1.in.net\", \"defence.in.net\"]");

  const ast::TabularExpr& tab = QueryAt(q, 1);
  ASSERT_EQ(tab.ops.size(), 4u);
  EXPECT_EQ(OpAt<ast::TableRef>(tab, 0).name.name, "DnsEvents");
  EXPECT_EQ(tab.ops[0].offset, text.find("DnsEvents"));

  const auto& where = OpAt<ast::Where>(tab, 1);
  EXPECT_EQ(Dump(*where.predicate), "(Name has_any [malicious_domains])");
  EXPECT_EQ(where.predicate->offset, text.find("Name has_any"));
  EXPECT_EQ(where.predicate->length, std::string("Name has_any (malicious_domains)").size());
  EXPECT_EQ(tab.ops[1].offset, text.find("where"));

  const auto& project = OpAt<ast::Project>(tab, 2);
  ASSERT_EQ(project.columns.size(), 5u);
  EXPECT_TRUE(project.columns[0].names.empty());
  EXPECT_EQ(Dump(*project.columns[4].expr), "QueryType");

  const auto& sort = OpAt<ast::Sort>(tab, 3);
  ASSERT_EQ(sort.keys.size(), 1u);
  EXPECT_EQ(Dump(*sort.keys[0].expr), "TimeGenerated");
  EXPECT_TRUE(sort.keys[0].descending);
  EXPECT_FALSE(sort.keys[0].nulls_first);
}

TEST(ParserTest, Literals) {
  EXPECT_EQ(PrintExpr("123"), "123");
  EXPECT_EQ(PrintExpr("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(PrintExpr("int(5)"), "int(5)");
  EXPECT_EQ(PrintExpr("long(-3)"), "-3");
  EXPECT_EQ(PrintExpr("int(null)"), "int(null)");
  EXPECT_EQ(PrintExpr("1.5"), "real(1.5)");
  EXPECT_EQ(PrintExpr("true"), "true");
  EXPECT_EQ(PrintExpr("bool(false)"), "false");
  EXPECT_EQ(PrintExpr("'a' \"b\" @'c'"), "\"abc\"");
  EXPECT_EQ(PrintExpr("datetime(2024-01-02 10:00:00)"), "datetime(2024-01-02 10:00:00)");
  EXPECT_EQ(PrintExpr("datetime(null)"), "datetime(null)");
  EXPECT_EQ(PrintExpr("1.5h"), "timespan(1.5h)");
  EXPECT_EQ(PrintExpr("time(1.02:03:04)"), "timespan(1.02:03:04)");
  EXPECT_EQ(PrintExpr("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)"),
            "guid(74be27de-1e4e-49d9-b579-fe0b331d3642)");
  // Plain JSON content is read straight into its value; KQL literals in it make it expressions.
  EXPECT_EQ(PrintExpr("dynamic({'a': [1, 'x', null, 2.5, true], \"b\": {}, c: [],})"),
            "dynamic(json {\"a\":[1,\"x\",null,2.5,true],\"b\":{},\"c\":[]})");
  EXPECT_EQ(PrintExpr("dynamic(null)"), "dynamic(null)");
  EXPECT_EQ(PrintExpr("dynamic(['x'])"), "dynamic(json [\"x\"])");
  EXPECT_EQ(PrintExpr("dynamic(\"s\")"), "dynamic(json \"s\")");
  EXPECT_EQ(PrintExpr("dynamic({'a': [1, datetime(2024-01-02)]})"), "dynamic({a: [1, datetime(2024-01-02)]})");
  EXPECT_EQ(PrintExpr("dynamic([-1, 'x'])"), "dynamic([-1, \"x\"])");
  EXPECT_EQ(PrintExpr("dynamic(['a' 'b', 1d])"), "dynamic([\"ab\", timespan(1d)])");

  ParsedQuery q = ParseQuery("print real(nan), real(-inf), decimal(1.25)");
  const auto& cols = OpAt<ast::Print>(QueryAt(q, 0), 0).columns;
  EXPECT_TRUE(std::isnan(cols[0].expr->real_value));
  EXPECT_EQ(cols[1].expr->real_value, -INFINITY);
  EXPECT_EQ(cols[2].expr->type, Type::Decimal);
  EXPECT_DOUBLE_EQ(cols[2].expr->real_value, 1.25);
}

TEST(ParserTest, Precedence) {
  EXPECT_EQ(PrintExpr("a or b and c == 1 + 2 * -d"), "(a or (b and (c == (1 + (2 * (-d))))))");
  EXPECT_EQ(PrintExpr("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(PrintExpr("(a or b) and c"), "((a or b) and c)");
  EXPECT_EQ(PrintExpr("x has 'a' and y !startswith_cs 'b'"), "((x has \"a\") and (y !startswith_cs \"b\"))");
  EXPECT_EQ(PrintExpr("not(a <> b)"), "not((a != b))");
  EXPECT_EQ(PrintExpr("x matches regex '[0-9]+'"), "(x matches regex \"[0-9]+\")");
  EXPECT_EQ(PrintExpr("x =~ 'A' or x !~ 'B'"), "((x =~ \"A\") or (x !~ \"B\"))");
}

TEST(ParserTest, ListAndRangeOperators) {
  EXPECT_EQ(PrintExpr("x in (1, 2, y)"), "(x in [1, 2, y])");
  EXPECT_EQ(PrintExpr("x !in~ ('a')"), "(x !in~ [\"a\"])");
  EXPECT_EQ(PrintExpr("x has_all (l)"), "(x has_all [l])");
  EXPECT_EQ(PrintExpr("t between (ago(1d) .. now())"), "(t between ago(timespan(1d))..now())");
  EXPECT_EQ(PrintExpr("n !between (1..5)"), "(n !between 1..5)");
  EXPECT_EQ(PrintExpr("x in (T | project y)"), "(x in [{tabular of 2 ops}])");
}

TEST(ParserTest, PostfixAndCalls) {
  EXPECT_EQ(PrintExpr("split(Name, '.')[-1]"), "split(Name, \".\")[-1]");
  EXPECT_EQ(PrintExpr("d.a.b['c'][0]"), "d.a.b[\"c\"][0]");
  EXPECT_EQ(PrintExpr("parse_json(x).[0].upn"), "parse_json(x)[0].upn");
  EXPECT_EQ(PrintExpr("['my col'] + 1"), "(my col + 1)");
  EXPECT_EQ(PrintExpr("f(a, flag=true)"), "f(a, flag=true)");
  EXPECT_EQ(PrintExpr("toscalar(T | count)"), "toscalar({tabular of 2 ops})");
}

TEST(ParserTest, StatementsAndFunctions) {
  ParsedQuery q = ParseQuery(
      "declare query_parameters(lookback:timespan = 1d);\n"
      "set querytrace;\n"
      "let threshold = 5;\n"
      "let recent = (T:(TimeGenerated:datetime, *), since:timespan = 1h) { T | where TimeGenerated > "
      "ago(since) };\n"
      "let v = view () { print x = 1 };\n"
      "recent(SecurityEvent) | count;");
  ASSERT_EQ(q.statements.size(), 6u);
  const auto& declare = std::get<ast::DeclareStatement>(q.statements[0].node);
  ASSERT_EQ(declare.params.size(), 1u);
  EXPECT_EQ(declare.params[0].type, Type::TimeSpan);
  EXPECT_EQ(Dump(*declare.params[0].default_value), "timespan(1d)");
  EXPECT_EQ(std::get<ast::SetStatement>(q.statements[1].node).name.name, "querytrace");
  EXPECT_EQ(Dump(*std::get<ast::LetStatement>(q.statements[2].node).value), "5");

  const auto& fn = *std::get<ast::LetStatement>(q.statements[3].node).function;
  EXPECT_FALSE(fn.is_view);
  ASSERT_EQ(fn.params.size(), 2u);
  EXPECT_TRUE(fn.params[0].is_tabular);
  EXPECT_TRUE(fn.params[0].open_schema);
  ASSERT_EQ(fn.params[0].columns.size(), 1u);
  EXPECT_EQ(fn.params[0].columns[0].type, Type::DateTime);
  EXPECT_EQ(fn.params[1].type, Type::TimeSpan);
  ASSERT_EQ(fn.body.size(), 1u);
  EXPECT_TRUE(std::get<ast::QueryStatement>(fn.body[0].node).expr->tabular);
  EXPECT_TRUE(std::get<ast::LetStatement>(q.statements[4].node).function->is_view);

  const ast::TabularExpr& tab = QueryAt(q, 5);
  EXPECT_EQ(Dump(*OpAt<ast::TabularCall>(tab, 0).call), "recent(SecurityEvent)");
  OpAt<ast::Count>(tab, 1);
}

TEST(ParserTest, LetTabularAndScalarFunctionBody) {
  ParsedQuery q = ParseQuery("let t = T | take 3; let f = (x:long) { x + 1 }; t | extend y = f(2)");
  EXPECT_EQ(std::get<ast::LetStatement>(q.statements[0].node).value->kind, ExprKind::kTabular);
  const auto& body = std::get<ast::LetStatement>(q.statements[1].node).function->body;
  EXPECT_EQ(Dump(*std::get<ast::QueryStatement>(body[0].node).expr), "(x + 1)");
  const auto& extend = OpAt<ast::Extend>(QueryAt(q, 2), 1);
  EXPECT_EQ(extend.columns[0].names[0].name, "y");
}

TEST(ParserTest, Sources) {
  ParsedQuery q = ParseQuery(
      "datatable(a:long, b:string)[1, 'x', 2, 'y'] | take 1;"
      "range i from 1 to 10 step 2;"
      "externaldata(h:string)[h@'https://x/y.csv'] with (format='csv', ignoreFirstRecord=true);"
      "table('My Table');"
      "(T | take 1) | count;"
      "_GetWatchlist('wl') | project SearchKey;"
      "materialize(T) | count");
  const auto& dt = OpAt<ast::Datatable>(QueryAt(q, 0), 0);
  ASSERT_EQ(dt.columns.size(), 2u);
  EXPECT_EQ(dt.columns[1].type, Type::String);
  EXPECT_EQ(dt.values.size(), 4u);
  const auto& range = OpAt<ast::Range>(QueryAt(q, 1), 0);
  EXPECT_EQ(range.column.name, "i");
  EXPECT_EQ(Dump(*range.step), "2");
  const auto& ed = OpAt<ast::ExternalData>(QueryAt(q, 2), 0);
  EXPECT_EQ(Dump(*ed.uris[0]), "\"https://x/y.csv\"");
  ASSERT_EQ(ed.options.size(), 2u);
  EXPECT_EQ(ed.options[1].name, "ignoreFirstRecord");
  EXPECT_EQ(OpAt<ast::TableRef>(QueryAt(q, 3), 0).name.name, "My Table");
  ASSERT_EQ(QueryAt(q, 4).ops.size(), 2u);
  EXPECT_EQ(OpAt<ast::Nested>(QueryAt(q, 4), 0).query->ops.size(), 2u);
  EXPECT_EQ(Dump(*OpAt<ast::TabularCall>(QueryAt(q, 5), 0).call), "_GetWatchlist(\"wl\")");
  EXPECT_EQ(Dump(*OpAt<ast::TabularCall>(QueryAt(q, 6), 0).call), "materialize(T)");
}

TEST(ParserTest, ProjectFamily) {
  ParsedQuery q = ParseQuery(
      "T | project a, b = c + 1, ['d e'] | project-away Tmp*, x | project-keep *Id | project-rename N = O, M "
      "= P"
      " | project-reorder b asc, a");
  const ast::TabularExpr& tab = QueryAt(q, 0);
  const auto& p = OpAt<ast::Project>(tab, 1);
  EXPECT_EQ(p.columns[1].names[0].name, "b");
  EXPECT_EQ(Dump(*p.columns[1].expr), "(c + 1)");
  EXPECT_EQ(Dump(*p.columns[2].expr), "d e");
  const auto& away = OpAt<ast::ProjectAway>(tab, 2);
  EXPECT_EQ(away.patterns[0].name, "Tmp*");
  EXPECT_EQ(away.patterns[1].name, "x");
  EXPECT_EQ(OpAt<ast::ProjectKeep>(tab, 3).patterns[0].name, "*Id");
  const auto& rename = OpAt<ast::ProjectRename>(tab, 4);
  EXPECT_EQ(rename.renames[1].new_name.name, "M");
  EXPECT_EQ(rename.renames[1].old_name.name, "P");
  const auto& reorder = OpAt<ast::ProjectReorder>(tab, 5);
  EXPECT_EQ(reorder.keys[0].order, "asc");
  EXPECT_EQ(reorder.keys[1].order, "");
}

TEST(ParserTest, SummarizeSortTopTakeDistinct) {
  ParsedQuery q = ParseQuery(
      "T | summarize hint.strategy=shuffle c = count(), dcount(x), (t, v) = arg_max(ts, *) by k, b = bin(ts, "
      "1h)"
      " | sort by c asc nulls last, k | top 5 by c desc nulls first | take 10 | limit 2 | distinct * | "
      "distinct a, b"
      " | summarize by k | count");
  const ast::TabularExpr& tab = QueryAt(q, 0);
  const auto& s = OpAt<ast::Summarize>(tab, 1);
  ASSERT_EQ(s.options.size(), 1u);
  EXPECT_EQ(s.options[0].name, "hint.strategy");
  EXPECT_EQ(Dump(*s.options[0].value), "shuffle");
  ASSERT_EQ(s.aggregates.size(), 3u);
  EXPECT_EQ(s.aggregates[0].names[0].name, "c");
  EXPECT_TRUE(s.aggregates[1].names.empty());
  ASSERT_EQ(s.aggregates[2].names.size(), 2u);
  EXPECT_EQ(Dump(*s.aggregates[2].expr), "arg_max(ts, *)");
  ASSERT_EQ(s.by.size(), 2u);
  EXPECT_EQ(s.by[1].names[0].name, "b");
  const auto& sort = OpAt<ast::Sort>(tab, 2);
  EXPECT_FALSE(sort.keys[0].descending);
  EXPECT_FALSE(sort.keys[0].nulls_first);
  EXPECT_TRUE(sort.keys[1].descending);
  const auto& top = OpAt<ast::Top>(tab, 3);
  EXPECT_EQ(Dump(*top.count), "5");
  EXPECT_TRUE(top.keys[0].nulls_first);
  EXPECT_EQ(Dump(*OpAt<ast::Take>(tab, 4).count), "10");
  EXPECT_EQ(Dump(*OpAt<ast::Take>(tab, 5).count), "2");
  EXPECT_TRUE(OpAt<ast::Distinct>(tab, 6).star);
  EXPECT_EQ(OpAt<ast::Distinct>(tab, 7).columns.size(), 2u);
  const auto& by_only = OpAt<ast::Summarize>(tab, 8);
  EXPECT_TRUE(by_only.aggregates.empty());
  EXPECT_EQ(by_only.by.size(), 1u);
  OpAt<ast::Count>(tab, 9);
}

TEST(ParserTest, JoinLookupUnion) {
  ParsedQuery q = ParseQuery(
      "A | join kind=leftouter hint.remote=auto (B | where x > 1) on $left.id == $right.Id, k"
      " | lookup kind=inner C on k"
      " | union withsource=Src isfuzzy=true D, Dev*, (E | take 1);"
      "union kind=outer X, Y");
  const ast::TabularExpr& tab = QueryAt(q, 0);
  const auto& join = OpAt<ast::Join>(tab, 1);
  ASSERT_EQ(join.options.size(), 2u);
  EXPECT_EQ(join.options[0].name, "kind");
  EXPECT_EQ(Dump(*join.options[0].value), "leftouter");
  EXPECT_EQ(join.options[1].name, "hint.remote");
  EXPECT_EQ(join.right->ops.size(), 2u);
  ASSERT_EQ(join.on.size(), 2u);
  EXPECT_EQ(Dump(*join.on[0]), "($left.id == $right.Id)");
  EXPECT_EQ(Dump(*join.on[1]), "k");
  const auto& lookup = OpAt<ast::Lookup>(tab, 2);
  EXPECT_EQ(OpAt<ast::TableRef>(*lookup.right, 0).name.name, "C");
  const auto& u = OpAt<ast::Union>(tab, 3);
  ASSERT_EQ(u.options.size(), 2u);
  EXPECT_EQ(u.options[0].name, "withsource");
  ASSERT_EQ(u.tables.size(), 3u);
  EXPECT_EQ(OpAt<ast::TableRef>(*u.tables[1], 0).name.name, "Dev*");
  EXPECT_EQ(u.tables[2]->ops.size(), 2u);
  const auto& lead = OpAt<ast::Union>(QueryAt(q, 1), 0);
  EXPECT_EQ(lead.tables.size(), 2u);
}

TEST(ParserTest, MvExpandMvApplyPartition) {
  ParsedQuery q = ParseQuery(
      "T | mv-expand bagexpansion=array with_itemindex=i a = arr to typeof(string), b limit 10"
      " | mv-apply e = arr to typeof(long) on (where e > 1 | summarize s = sum(e))"
      " | partition by k (top 1 by t)");
  const ast::TabularExpr& tab = QueryAt(q, 0);
  const auto& mv = OpAt<ast::MvExpand>(tab, 1);
  ASSERT_EQ(mv.options.size(), 2u);
  EXPECT_EQ(mv.options[1].name, "with_itemindex");
  ASSERT_EQ(mv.items.size(), 2u);
  EXPECT_EQ(mv.items[0].column.names[0].name, "a");
  EXPECT_EQ(mv.items[0].to_type, Type::String);
  EXPECT_FALSE(mv.items[1].to_type.has_value());
  EXPECT_EQ(Dump(*mv.limit), "10");
  const auto& apply = OpAt<ast::MvApply>(tab, 2);
  ASSERT_EQ(apply.subquery->ops.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<ast::ImplicitInput>(apply.subquery->ops[0].node));
  EXPECT_TRUE(std::holds_alternative<ast::Where>(apply.subquery->ops[1].node));
  const auto& partition = OpAt<ast::Partition>(tab, 3);
  EXPECT_EQ(Dump(*partition.by), "k");
  EXPECT_TRUE(std::holds_alternative<ast::Top>(partition.subquery->ops[1].node));
}

TEST(ParserTest, ParseOperators) {
  ParsedQuery q = ParseQuery(
      "T | parse kind=regex flags=i Msg with * 'user=' User:string ' id=' Id:long *"
      " | parse-where Line with 'a' Rest"
      " | parse-kv Text as (k1:string, k2:long) with (pair_delimiter=';', kv_delimiter='=')");
  const ast::TabularExpr& tab = QueryAt(q, 0);
  const auto& p = OpAt<ast::Parse>(tab, 1);
  EXPECT_FALSE(p.where);
  ASSERT_EQ(p.options.size(), 2u);
  EXPECT_EQ(Dump(*p.options[0].value), "regex");
  EXPECT_EQ(Dump(*p.source), "Msg");
  ASSERT_EQ(p.parts.size(), 6u);
  EXPECT_EQ(p.parts[0].kind, ast::Parse::Part::Kind::kStar);
  EXPECT_EQ(p.parts[1].kind, ast::Parse::Part::Kind::kLiteral);
  EXPECT_EQ(p.parts[1].text, "user=");
  EXPECT_EQ(p.parts[2].kind, ast::Parse::Part::Kind::kColumn);
  EXPECT_EQ(p.parts[2].column.name, "User");
  EXPECT_EQ(p.parts[4].type, Type::Long);
  EXPECT_TRUE(OpAt<ast::Parse>(tab, 2).where);
  const auto& kv = OpAt<ast::ParseKv>(tab, 3);
  EXPECT_EQ(kv.columns.size(), 2u);
  EXPECT_EQ(kv.options.size(), 2u);
}

TEST(ParserTest, OtherOperators) {
  ParsedQuery q = ParseQuery(
      "T | top-nested 3 of a by c = count(), top-nested of b with others = 'x' by sum(v) asc"
      " | sample 5 | sample-distinct 3 of a | serialize rn = row_number() | as hint.materialized=true X"
      " | make-series n = count() default = 0 on ts from ago(7d) to now() step 1h by h"
      " | render timechart with (title='x') | invoke f(1) | evaluate bag_unpack(d) | getschema | consume"
      " | search 'x' | top-hitters 2 of a by v"
      " | scan declare (s:long = 0) with (step a output=last: x > 1 => s = s + 1; step b: true;)");
  const ast::TabularExpr& tab = QueryAt(q, 0);
  const auto& tn = OpAt<ast::TopNested>(tab, 1);
  ASSERT_EQ(tn.clauses.size(), 2u);
  EXPECT_EQ(Dump(*tn.clauses[0].count), "3");
  EXPECT_EQ(tn.clauses[0].by.names[0].name, "c");
  EXPECT_EQ(tn.clauses[1].count, nullptr);
  EXPECT_EQ(Dump(*tn.clauses[1].with_others), "\"x\"");
  EXPECT_FALSE(tn.clauses[1].descending);
  OpAt<ast::Sample>(tab, 2);
  EXPECT_EQ(Dump(*OpAt<ast::SampleDistinct>(tab, 3).column), "a");
  EXPECT_EQ(OpAt<ast::Serialize>(tab, 4).columns[0].names[0].name, "rn");
  EXPECT_EQ(OpAt<ast::As>(tab, 5).name.name, "X");
  const auto& ms = OpAt<ast::MakeSeries>(tab, 6);
  EXPECT_EQ(Dump(*ms.aggregates[0].default_value), "0");
  EXPECT_EQ(Dump(*ms.on), "ts");
  EXPECT_EQ(Dump(*ms.from), "ago(timespan(7d))");
  EXPECT_EQ(Dump(*ms.step), "timespan(1h)");
  EXPECT_EQ(ms.by.size(), 1u);
  EXPECT_EQ(OpAt<ast::Render>(tab, 7).text, "timechart with (title='x')");
  EXPECT_EQ(Dump(*OpAt<ast::Invoke>(tab, 8).call), "f(1)");
  EXPECT_EQ(Dump(*OpAt<ast::Evaluate>(tab, 9).call), "bag_unpack(d)");
  OpAt<ast::GetSchema>(tab, 10);
  OpAt<ast::Consume>(tab, 11);
  EXPECT_EQ(Dump(*OpAt<ast::Search>(tab, 12).predicate), "\"x\"");
  EXPECT_EQ(Dump(*OpAt<ast::TopHitters>(tab, 13).by), "v");
  const auto& scan = OpAt<ast::Scan>(tab, 14);
  ASSERT_EQ(scan.declare.size(), 1u);
  ASSERT_EQ(scan.steps.size(), 2u);
  EXPECT_EQ(scan.steps[0].output, "last");
  EXPECT_EQ(Dump(*scan.steps[0].assignments[0].expr), "(s + 1)");
  EXPECT_TRUE(scan.steps[1].assignments.empty());
}

TEST(ParserTest, CommentsAndTrailingSemicolon) {
  ParsedQuery q = ParseQuery("// header\nT // the table\n| where x == 1 // filter\n;\n// end\n");
  ASSERT_EQ(q.statements.size(), 1u);
  EXPECT_EQ(QueryAt(q, 0).ops.size(), 2u);
}

TEST(ParserTest, ErrorsNameWhatWasExpectedAndPointAtTheToken) {
  {
    std::string text = "T | where Name has_any (a, b project x";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "expected ')' to close the argument list of has_any, found 'project'");
    EXPECT_EQ(e.offset(), text.find("project"));
    EXPECT_EQ(e.length(), 7u);
  }
  {
    std::string text = "T | projet a";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "unknown tabular operator 'projet' (did you mean 'project'?)");
    EXPECT_EQ(e.offset(), 4u);
    EXPECT_EQ(e.length(), 6u);
  }
  {
    QueryError e = ErrorOf("T | where x ==");
    EXPECT_STREQ(e.what(), "expected an expression, found end of query");
    EXPECT_EQ(e.offset(), 14u);
  }
  {
    std::string text = "T | where a b";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "expected ';' or end of query after the statement, found 'b'");
    EXPECT_EQ(e.offset(), 12u);
  }
  {
    std::string text = "let x = 1 T";
    QueryError e = ErrorOf(text);
    EXPECT_EQ(e.offset(), 10u);
  }
  {
    std::string text = "T | extend y = int(abc)";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "invalid int literal 'abc'");
    EXPECT_EQ(e.offset(), text.find("abc"));
  }
  {
    std::string text = "T | order x";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "expected 'by' after 'order', found 'x'");
    EXPECT_EQ(e.offset(), 10u);
  }
  {
    std::string text = "T | lookup U";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "expected 'on' after the right side of lookup, found end of query");
  }
  {
    std::string text = "T | where x between (1, 2)";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "expected '..' between the bounds of between, found ','");
    EXPECT_EQ(e.offset(), text.find(","));
  }
  {
    std::string text = "datatable(a:strin)[1]";
    QueryError e = ErrorOf(text);
    EXPECT_EQ(e.offset(), text.find("strin"));
  }
  {
    std::string text = "T | where x in 1";
    QueryError e = ErrorOf(text);
    EXPECT_STREQ(e.what(), "expected '(' after 'in', found '1'");
    EXPECT_EQ(e.offset(), 15u);
  }
}

}  // namespace
}  // namespace iochound
