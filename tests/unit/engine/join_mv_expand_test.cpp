// join, lookup and mv-expand end to end, with the outputs Kusto gives for the same queries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/diagnostics.h"
#include "query_test_util.h"

namespace iochound {
namespace {

using testing::ColumnValues;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunQuery;

std::vector<std::string> Names(const testing::QueryOutput& out) {
  std::vector<std::string> names;
  for (const auto& field : out.schema) names.push_back(field.name);
  return names;
}

const char* const kLeftRight =
    "let L = datatable(k:long, v:string)[1,'a', 2,'b', 3,'c'];\n"
    "let R = datatable(k:long, v:string)[2,'x', 3,'y', 4,'z'];\n";

TEST(JoinTest, LeftOuterKeepsUnmatchedLeftRowsAndSuffixesRightNames) {
  auto out = RunQuery(std::string(kLeftRight) + "L | join kind=leftouter R on k | order by k asc");
  EXPECT_THAT(Names(out), ElementsAre("k", "v", "k1", "v1"));
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("1", "2", "3"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("null", "2", "3"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("", "x", "y"));  // a missing string is empty
}

TEST(JoinTest, RightAndFullOuterAddTheUnmatchedRightRows) {
  auto right = RunQuery(std::string(kLeftRight) + "L | join kind=rightouter R on k | order by k1 asc");
  EXPECT_THAT(ColumnValues(right, 0), ElementsAre("2", "3", "null"));
  EXPECT_THAT(ColumnValues(right, 2), ElementsAre("2", "3", "4"));
  auto full = RunQuery(std::string(kLeftRight) + "L | join kind=fullouter R on k");
  EXPECT_EQ(full.rows.size(), 4u);
}

TEST(JoinTest, SemiAndAntiJoinsReturnOneSideOnly) {
  auto leftsemi = RunQuery(std::string(kLeftRight) + "L | join kind=leftsemi R on k | order by k asc");
  EXPECT_THAT(Names(leftsemi), ElementsAre("k", "v"));
  EXPECT_THAT(ColumnValues(leftsemi, 1), ElementsAre("b", "c"));
  auto rightsemi = RunQuery(std::string(kLeftRight) + "L | join kind=rightsemi R on k | order by k asc");
  EXPECT_THAT(ColumnValues(rightsemi, 1), ElementsAre("x", "y"));
  auto leftanti = RunQuery(std::string(kLeftRight) + "L | join kind=leftanti R on k");
  EXPECT_THAT(ColumnValues(leftanti, 1), ElementsAre("a"));
  auto rightanti = RunQuery(std::string(kLeftRight) + "L | join kind=rightanti R on k");
  EXPECT_THAT(ColumnValues(rightanti, 1), ElementsAre("z"));
}

TEST(JoinTest, DefaultInnerUniqueKeepsOneLeftRowPerKey) {
  const char* data =
      "let L = datatable(k:long, v:long)[1,10, 1,11, 2,20];\n"
      "let R = datatable(k:long, w:long)[1,100, 1,101, 3,300];\n";
  EXPECT_EQ(RunQuery(std::string(data) + "L | join R on k").rows.size(), 2u);
  auto unique = RunQuery(std::string(data) + "L | join R on k | order by w asc");
  EXPECT_THAT(ColumnValues(unique, 1), ElementsAre("10", "10"));
  EXPECT_EQ(RunQuery(std::string(data) + "L | join kind=inner R on k").rows.size(), 4u);
}

TEST(JoinTest, NullKeysMatchEachOtherAsInKusto) {
  auto out = RunQuery(
      "datatable(k:long, l:string)[1,'a', long(null),'n'] | join kind=inner "
      "(datatable(k:long, r:string)[long(null),'m', 1,'x']) on k | order by l asc");
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("x", "m"));
}

TEST(JoinTest, LeftRightConditionsAndRepeatedJoinsNumberCollisions) {
  auto out = RunQuery(
      "let L = datatable(lk:long, c:long)[1,5, 2,6];\n"
      "let R = datatable(rk:long, c:long)[1,7, 2,8];\n"
      "L | join kind=inner R on $left.lk == $right.rk and $left.c == $right.c");
  EXPECT_TRUE(out.rows.empty());
  EXPECT_THAT(Names(out), ElementsAre("lk", "c", "rk", "c1"));
  auto chained = RunQuery(std::string(kLeftRight) + "L | join kind=inner R on k | join kind=inner R on k");
  EXPECT_THAT(Names(chained), ElementsAre("k", "v", "k1", "v1", "k2", "v2"));
  EXPECT_EQ(chained.rows.size(), 2u);
}

TEST(JoinTest, UnknownKeyColumnAndKindAreErrors) {
  try {
    RunQuery(std::string(kLeftRight) + "L | join R on kk");
    FAIL() << "expected a QueryError";
  } catch (const QueryError& error) {
    EXPECT_THAT(error.what(), HasSubstr("no column 'kk'"));
  }
  EXPECT_THROW(RunQuery(std::string(kLeftRight) + "L | join kind=sideways R on k"), QueryError);
  EXPECT_THROW(RunQuery("datatable(k:long)[1] | join (datatable(k:string)['1']) on k"), QueryError);
}

TEST(LookupTest, DropsTheRightKeysAndKeepsUnmatchedRows) {
  auto out = RunQuery(std::string(kLeftRight) + "L | lookup R on k | order by k asc");
  EXPECT_THAT(Names(out), ElementsAre("k", "v", "v1"));
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("", "x", "y"));
  auto inner = RunQuery(std::string(kLeftRight) + "L | lookup kind=inner R on k");
  EXPECT_EQ(inner.rows.size(), 2u);
}

TEST(MvExpandTest, ExpandsArraysRowByRowAndKeepsOtherColumns) {
  auto out = RunQuery(
      "datatable(id:long, d:dynamic)[1, dynamic([10, 20]), 2, dynamic([]), 3, dynamic(5)] | "
      "mv-expand d");
  EXPECT_THAT(Names(out), ElementsAre("id", "d"));
  EXPECT_EQ(out.schema[1].type, Type::Dynamic);
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("1", "1", "3"));  // an empty array drops its row
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("10", "20", "5"));
}

TEST(MvExpandTest, NamedTypedZippedWithIndexAndLimit) {
  auto out = RunQuery(
      "print a = dynamic([1, 2, 3]), b = dynamic(['x']) | "
      "mv-expand with_itemindex=i n = a to typeof(long), b limit 2");
  EXPECT_THAT(Names(out), ElementsAre("a", "b", "n", "i"));
  EXPECT_EQ(out.schema[2].type, Type::Long);
  EXPECT_THAT(ColumnValues(out, 2), ElementsAre("1", "2"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("\"x\"", "null"));
  EXPECT_THAT(ColumnValues(out, 3), ElementsAre("0", "1"));
}

TEST(MvExpandTest, BagsExpandToSingleMemberBagsOrPairs) {
  const char* data = "print d = dynamic({'a': 1, 'b': 2}) | mv-expand ";
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + "d"), 0), ElementsAre("{\"a\":1}", "{\"b\":2}"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + "bagexpansion=array d"), 0),
              ElementsAre("[\"a\",1]", "[\"b\",2]"));
  EXPECT_THAT(ColumnValues(RunQuery(std::string(data) + "kind=array d"), 0),
              ElementsAre("[\"a\",1]", "[\"b\",2]"));
}

TEST(MvExpandTest, OnlyDynamicValuesExpand) {
  EXPECT_THROW(RunQuery("datatable(x:int)[1] | mv-expand x"), QueryError);
}

// A table served from memory, so that queries start with a scan and column pruning runs.
class MemoryTable : public TableSource {
 public:
  MemoryTable(Schema schema, Batch batch) : schema_(std::move(schema)), batch_(std::move(batch)) {}
  const Schema& schema() override { return schema_; }
  std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns) override {
    class Once : public BatchStream {
     public:
      explicit Once(Batch batch) : batch_(std::move(batch)) {}
      std::optional<Batch> Next() override {
        if (done_) return std::nullopt;
        done_ = true;
        return batch_;
      }

     private:
      Batch batch_;
      bool done_ = false;
    };
    Batch batch;
    batch.rows = batch_.rows;
    for (int c : columns) batch.columns.push_back(batch_.columns[static_cast<size_t>(c)]);
    return std::make_unique<Once>(std::move(batch));
  }

 private:
  Schema schema_;
  Batch batch_;
};

TEST(MvExpandTest, PrunedScansStillFeedJoinAndMvExpand) {
  auto id = std::make_shared<Column>(Type::Long);
  auto tags = std::make_shared<Column>(Type::Dynamic);
  auto unused = std::make_shared<Column>(Type::String);
  for (int64_t i = 1; i <= 2; ++i) {
    id->AppendInt(i);
    tags->AppendDynamic(Dynamic::MakeArray({Dynamic::MakeLong(i), Dynamic::MakeLong(i * 10)}));
    unused->AppendString("unused");
  }
  Batch batch;
  batch.rows = 2;
  batch.columns = {unused, id, tags};
  Catalog catalog;
  catalog.Register("T", std::make_shared<MemoryTable>(
                            Schema{{"Unused", Type::String}, {"Id", Type::Long}, {"Tags", Type::Dynamic}},
                            std::move(batch)));
  auto out = RunQuery(
      "T | mv-expand Tag = Tags to typeof(long) | project Id, Tag | join kind=inner (T | project Id) on Id"
      " | project Id, Tag | order by Tag asc",
      catalog);
  EXPECT_THAT(ColumnValues(out, 0), ElementsAre("1", "2", "1", "2"));
  EXPECT_THAT(ColumnValues(out, 1), ElementsAre("1", "2", "10", "20"));
}

}  // namespace
}  // namespace iochound
