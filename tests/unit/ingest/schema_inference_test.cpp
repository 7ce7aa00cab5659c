// Schemas of tables without a built-in one are inferred from the first records.
#include <gtest/gtest.h>

#include "ingest_test_util.h"
#include "normalizers/file_table.h"
#include "normalizers/table_schemas.h"

namespace iochound {
namespace {

using ingest_testing::FixturePath;
using ingest_testing::ScanColumn;
using ingest_testing::TempDir;
using ingest_testing::WriteFile;

Type TypeOf(FileTable& table, std::string_view column) {
  const Schema& schema = table.schema();
  int index = FindField(schema, column);
  EXPECT_GE(index, 0) << column;
  return index < 0 ? Type::Null : schema[index].type;
}

TEST(SchemaInferenceTest, UnknownTableFromJsonLines) {
  DataErrors errors;
  FileTable table("MyDns_CL", FixturePath("dnsevents.jsonl"), errors);
  EXPECT_EQ(table.schema().size(), 25u);
  EXPECT_EQ(table.schema()[0].name, "TenantId");  // first-seen order
  EXPECT_EQ(TypeOf(table, "TimeGenerated"), Type::DateTime);
  EXPECT_EQ(TypeOf(table, "EventId"), Type::Long);
  EXPECT_EQ(TypeOf(table, "RemoteIPLatitude"), Type::Real);
  EXPECT_EQ(TypeOf(table, "AdditionalInfo"), Type::Dynamic);
  EXPECT_EQ(TypeOf(table, "Severity"), Type::Long);
  EXPECT_EQ(TypeOf(table, "TenantId"), Type::String);  // a guid-looking string stays a string
  EXPECT_EQ(TypeOf(table, "Message"), Type::String);
  EXPECT_EQ(TypeOf(table, "TaskCategory"), Type::String);  // always empty
  EXPECT_EQ(ScanColumn(table, "EventId")[0], "long:257");
}

TEST(SchemaInferenceTest, UnknownTableFromCsvInfersFromText) {
  DataErrors errors;
  FileTable table("MyDns_CL", FixturePath("dnsevents_portal.csv"), errors);
  EXPECT_EQ(TypeOf(table, "TimeGenerated"), Type::DateTime);
  EXPECT_EQ(TypeOf(table, "EventId"), Type::Long);
  EXPECT_EQ(TypeOf(table, "Severity"), Type::Long);
  EXPECT_EQ(TypeOf(table, "RemoteIPLongitude"), Type::Real);
  EXPECT_EQ(TypeOf(table, "AdditionalInfo"), Type::Dynamic);
  EXPECT_EQ(TypeOf(table, "Name"), Type::String);
  EXPECT_EQ(errors.count(), 0u);
}

TEST(SchemaInferenceTest, MixedValuesFallBack) {
  TempDir dir;
  WriteFile(dir.File("t.csv"),
            "flag,count,ratio,when,mixed,nested\n"
            "true,1,1,2026-04-18T10:00:00Z,1,\"{\"\"a\"\":1}\"\n"
            "False,,2.5,2026-04-18 10:00:00.1234567,x,[1]\n"
            "TRUE,-3,-1e3,,2026-04-18,\n");
  DataErrors errors;
  FileTable table("Other", dir.File("t.csv"), errors);
  EXPECT_EQ(TypeOf(table, "flag"), Type::Bool);
  EXPECT_EQ(TypeOf(table, "count"), Type::Long);
  EXPECT_EQ(TypeOf(table, "ratio"), Type::Real);
  EXPECT_EQ(TypeOf(table, "when"), Type::DateTime);
  EXPECT_EQ(TypeOf(table, "mixed"), Type::String);
  EXPECT_EQ(TypeOf(table, "nested"), Type::Dynamic);
  EXPECT_EQ(ScanColumn(table, "flag"), (std::vector<std::string>{"bool:1", "bool:0", "bool:1"}));
  EXPECT_EQ(ScanColumn(table, "count")[1], "long:null");
}

TEST(SchemaInferenceTest, JsonTypesAndDisagreements) {
  TempDir dir;
  WriteFile(dir.File("t.jsonl"),
            "{\"n\":1,\"r\":1,\"b\":true,\"o\":{\"x\":1},\"s\":\"a\",\"m\":1}\n"
            "{\"n\":2,\"r\":2.5,\"b\":false,\"o\":[1],\"s\":null,\"m\":{\"y\":2}}\n");
  DataErrors errors;
  FileTable table("Other", dir.File("t.jsonl"), errors);
  EXPECT_EQ(TypeOf(table, "n"), Type::Long);
  EXPECT_EQ(TypeOf(table, "r"), Type::Real);
  EXPECT_EQ(TypeOf(table, "b"), Type::Bool);
  EXPECT_EQ(TypeOf(table, "o"), Type::Dynamic);
  EXPECT_EQ(TypeOf(table, "s"), Type::String);
  EXPECT_EQ(TypeOf(table, "m"), Type::Dynamic);
  EXPECT_EQ(ScanColumn(table, "m"), (std::vector<std::string>{"dynamic:1", "dynamic:{\"y\":2}"}));
}

TEST(SchemaInferenceTest, BuiltinTablesListDnsEventsAsDocumented) {
  const Schema* dns = FindBuiltinSchema("DnsEvents");
  ASSERT_NE(dns, nullptr);
  EXPECT_EQ(dns->size(), 27u);
  EXPECT_EQ(FindBuiltinSchema("dnsevents"), nullptr);  // table names are case-sensitive
  auto names = BuiltinTableNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "DnsEvents"), names.end());
  struct Expected {
    const char* name;
    Type type;
  };
  for (Expected e : {Expected{"TimeGenerated", Type::DateTime}, Expected{"EventId", Type::Int},
                     Expected{"ResultCode", Type::Int}, Expected{"Severity", Type::Int},
                     Expected{"RemoteIPLongitude", Type::Real}, Expected{"RemoteIPLatitude", Type::Real},
                     Expected{"_BilledSize", Type::Real}, Expected{"Name", Type::String},
                     Expected{"_IsBillable", Type::String}}) {
    int index = FindField(*dns, e.name);
    ASSERT_GE(index, 0) << e.name;
    EXPECT_EQ((*dns)[index].type, e.type) << e.name;
  }
}

TEST(SchemaInferenceTest, HiddenStandardColumnsAppearWhenTheDataHasThem) {
  TempDir dir;
  WriteFile(dir.File("t.jsonl"), "{\"Name\":\"a\",\"_BilledSize\":\"123\",\"_IsBillable\":\"True\"}\n");
  DataErrors errors;
  FileTable table("DnsEvents", dir.File("t.jsonl"), errors);
  EXPECT_EQ(TypeOf(table, "_BilledSize"), Type::Real);
  EXPECT_EQ(TypeOf(table, "_IsBillable"), Type::String);
  EXPECT_EQ(FindField(table.schema(), "_SubscriptionId"), -1);
  EXPECT_EQ(ScanColumn(table, "_BilledSize")[0], "real:123.000000");
}

}  // namespace
}  // namespace iochound
