// User-defined functions and views, invoke, materialize, toscalar and the evaluate plugins.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunQuery;

std::string ErrorOf(const std::string& query) {
  try {
    RunQuery(query);
  } catch (const QueryError& error) {
    return error.what();
  }
  return "no error";
}

TEST(FunctionsTest, ScalarFunctionIsExpandedPerRowWithDefaults) {
  auto out = RunQuery(R"(
let label = (n:long, suffix:string = "!") { strcat(tostring(n * 2), suffix) };
datatable(x:long)[1, 2, 3] | extend a = label(x), b = label(x, "?"), c = label(suffix = "#", n = x))");
  ASSERT_EQ(out.schema.size(), 4u);
  EXPECT_EQ(out.schema[1].type, Type::String);
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("2!", "4!", "6!"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("2?", "4?", "6?"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("2#", "4#", "6#"));
}

TEST(FunctionsTest, FunctionBodyHasItsOwnLetsAndSeesPerRowParameters) {
  auto out = RunQuery(R"(
let f = (v:long) { let doubled = v * 2; let base = 100; doubled + base };
datatable(x:long)[1, 5] | project y = f(x))");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("102", "110"));
}

TEST(FunctionsTest, TabularFunctionWithScalarAndTabularParameters) {
  auto out = RunQuery(R"(
let T = datatable(k:string, v:long)["a", 1, "b", 5, "c", 9];
let above = (t:(v:long, *), limit:long) { t | where v > limit };
above(T, 3) | project k)");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("b", "c"));
}

TEST(FunctionsTest, InvokePassesTheInputAsFirstParameterAndKeepsOtherColumns) {
  auto out = RunQuery(R"(
let tag = (src:(v:long), mark:string) { src | extend tagged = strcat(mark, tostring(v)) };
datatable(k:string, v:long)["a", 1, "b", 2] | invoke tag("#") | project k, tagged)");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("a", "b"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("#1", "#2"));
}

TEST(FunctionsTest, InvokeInputMayBeUsedTwice) {
  auto out = RunQuery(R"(
let selfjoin = (t:(*)) { t | join kind=inner (t | project k, w = v * 10) on k };
datatable(k:string, v:long)["a", 1, "b", 2] | invoke selfjoin() | order by k asc | project k, w)");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("10", "20"));
}

TEST(FunctionsTest, ParameterlessFunctionAndViewUsedAsTables) {
  auto out = RunQuery(R"(
let Events = () { datatable(n:long)[1, 2, 3] };
let Big = view () { Events | where n > 1 };
let total = toscalar(Big | summarize sum(n));
Events | extend total)");
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("5", "5", "5"));
}

TEST(FunctionsTest, ScopingIsLexical) {
  auto out = RunQuery(R"(
let x = 1;
let f = () { x };
let t = print a = x;
let x = 2;
t | extend b = f(), c = x)");
  ASSERT_EQ(out.rows.size(), 1u);
  EXPECT_THAT(out.rows[0], ElementsAre("1", "1", "2"));
}

TEST(FunctionsTest, LetBoundFunctionCallResultIsATable) {
  auto out = RunQuery(R"(
let make = (n:long) { range i from 1 to n step 1 };
let three = make(3);
three | count)");
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("3"));
}

TEST(FunctionsTest, ErrorsNameTheProblem) {
  EXPECT_THAT(ErrorOf("let f = (n:long) { f(n) }; print f(1)"), HasSubstr("recursive"));
  EXPECT_THAT(ErrorOf("let f = (n:long) { n }; print f()"),
              HasSubstr("no value is given for the parameter 'n'"));
  EXPECT_THAT(ErrorOf("let f = (n:long) { n }; print f(1, 2)"), HasSubstr("takes 1 argument"));
  EXPECT_THAT(ErrorOf("let f = (n:long) { n }; print f(\"x\")"), HasSubstr("the parameter 'n' is long"));
  EXPECT_THAT(ErrorOf("let f = (t:(id:long)) { t }; f(print x = 1)"), HasSubstr("needs a column id:long"));
}

TEST(FunctionsTest, MaterializedLetIsEvaluatedOnceAndReused) {
  const std::string query = R"(
let m = materialize(datatable(k:long, v:long)[1, 10, 2, 20, 2, 30] | summarize s = sum(v) by k);
m | join kind=inner m on k | project k, s, s1 | order by k asc)";
  auto out = RunQuery(query);
  EXPECT_THAT(out.rows[1], ElementsAre("2", "50", "50"));
  // Both sides read the cached rows: no summarize is left in the plan.
  std::string plan = Prepare(query, Catalog())->Explain();
  EXPECT_THAT(plan, ::testing::Not(HasSubstr("Aggregate")));
  EXPECT_THAT(plan, HasSubstr("Values"));
}

TEST(FunctionsTest, ToScalarOfLetNamesAndScalars) {
  auto out = RunQuery(R"(
let y = datatable(n:long)[5, 10] | summarize total = sum(n);
let z = toscalar(y);
let w = toscalar(z * 2);
print z, w)");
  EXPECT_THAT(out.rows[0], ElementsAre("15", "30"));
}

TEST(EvaluateTest, BagUnpackMakesAColumnPerSlotInNameOrder) {
  auto out = RunQuery(R"(
datatable(id:long, d:dynamic)[
  1, dynamic({"Name": "John", "Age": 20}),
  2, dynamic({"Name": "Dave", "Age": 40.5, "Extra": [1]})]
| evaluate bag_unpack(d, "p_"))");
  ASSERT_EQ(out.schema.size(), 4u);
  EXPECT_EQ(out.schema[0].name, "id");
  EXPECT_EQ(out.schema[1].name, "p_Age");
  EXPECT_EQ(out.schema[1].type, Type::Dynamic);  // a long and a real: the types differ
  EXPECT_EQ(out.schema[2].name, "p_Extra");
  EXPECT_EQ(out.schema[3].name, "p_Name");
  EXPECT_EQ(out.schema[3].type, Type::String);
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("null", "[1]"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("John", "Dave"));
}

TEST(EvaluateTest, BagUnpackColumnConflicts) {
  const std::string input = R"(datatable(Name:string, d:dynamic)["old", dynamic({"Name": "new", "Age": 1})])";
  EXPECT_THAT(ErrorOf(input + " | evaluate bag_unpack(d)"), HasSubstr("columnsConflict"));
  auto keep = RunQuery(input + " | evaluate bag_unpack(d, columnsConflict='keep_source')");
  EXPECT_THAT(keep.rows[0], ElementsAre("old", "1"));
  auto replace = RunQuery(input + " | evaluate bag_unpack(d, columnsConflict='replace_source')");
  EXPECT_THAT(replace.rows[0], ElementsAre("1", "new"));
}

TEST(EvaluateTest, PivotCountsByDefaultAndAggregatesOnRequest) {
  const std::string input = R"(datatable(State:string, Type:string, Deaths:long)[
  "AL", "Wind", 1, "AL", "Wind", 2, "AK", "Wind", 3, "AK", "Snow", 4])";
  auto counts = RunQuery(input + " | project State, Type | evaluate pivot(State) | order by Type asc");
  ASSERT_EQ(counts.schema.size(), 3u);
  EXPECT_EQ(counts.schema[1].name, "AK");
  EXPECT_EQ(counts.schema[2].name, "AL");
  EXPECT_THAT(counts.rows[0], ElementsAre("Snow", "1", "0"));
  EXPECT_THAT(counts.rows[1], ElementsAre("Wind", "1", "2"));
  auto sums = RunQuery(input + " | evaluate pivot(State, sum(Deaths), Type) | order by Type asc");
  EXPECT_THAT(sums.rows[1], ElementsAre("Wind", "3", "3"));
}

TEST(FileProfileTest, InvokeFileProfileAddsTheProfileColumnsAsNulls) {
  auto out = RunQuery(R"(datatable(SHA1:string, n:long)["abc", 1] | invoke FileProfile(SHA1, 1000)
| project SHA1, n, GlobalPrevalence, IsExecutable, Signer)");
  ASSERT_EQ(out.schema.size(), 5u);
  EXPECT_EQ(out.schema[2].type, Type::Long);
  EXPECT_EQ(out.schema[3].type, Type::Bool);
  EXPECT_THAT(out.rows[0], ElementsAre("abc", "1", "null", "null", ""));
}

TEST(WatchlistTest, GetWatchlistReadsTheCsvAndAddsSearchKey) {
  auto dir = std::filesystem::temp_directory_path() / "iochound_watchlist_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "BadIPs.csv") << "IP,Note\r\n1.2.3.4,\"scanner, \"\"loud\"\"\"\r\n5.6.7.8,\r\n";
  QueryOptions options;
  options.watchlist_dir = dir.string();
  auto query = Prepare("_GetWatchlist('BadIPs') | project SearchKey, IP, Note", Catalog(), options);
  std::vector<std::string> rows;
  auto stream = query->Execute();
  while (auto batch = stream->Next()) {
    for (size_t r = 0; r < batch->rows; ++r) {
      rows.push_back(std::string(batch->columns[0]->StringAt(r)) + "|" +
                     std::string(batch->columns[1]->StringAt(r)) + "|" +
                     std::string(batch->columns[2]->StringAt(r)));
    }
  }
  EXPECT_THAT(rows, ElementsAre("1.2.3.4|1.2.3.4|scanner, \"loud\"", "5.6.7.8|5.6.7.8|"));
  EXPECT_THROW(Prepare("_GetWatchlist('Missing')", Catalog(), options), QueryError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace iochound
