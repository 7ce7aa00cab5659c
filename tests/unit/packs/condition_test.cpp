// Exclusion matchers over result rows: each operator, the seed's near misses, binding to a rule's
// columns and entities.
#include "packs/condition.h"

#include <gtest/gtest.h>

#include "packs/exclusion_loader.h"
#include "packs/pack.h"

namespace iochound::packs {
namespace {

// One row of string columns.
struct Row {
  Schema schema;
  Batch batch;
  Row(std::initializer_list<std::pair<std::string, std::string>> cells) {
    for (const auto& [name, value] : cells) {
      schema.push_back({name, Type::String});
      auto column = std::make_shared<Column>(Type::String);
      column->AppendString(value);
      batch.columns.push_back(column);
    }
    batch.rows = 1;
  }
};

Condition Parse(const std::string& yaml) {
  YamlContext context("test.yaml");
  auto exclusion =
      ParseExclusion(YAML::Load("{id: x, rationale: r, rules: ['*'], match: " + yaml + "}"), context);
  EXPECT_TRUE(context.errors().empty()) << (context.errors().empty() ? "" : context.errors().front());
  return exclusion ? exclusion->match : Condition{};
}

bool Matches(const Condition& condition, const Row& row, const EntityMapping& entities = {}) {
  BoundCondition bound;
  std::string error = BoundCondition::Bind(condition, row.schema, entities, bound);
  EXPECT_EQ(error, "");
  return error.empty() && bound.Matches(row.batch, 0);
}

const EntityMapping kProcessEntities = {
    {"process", {{"name", "FileName"}, {"command_line", "ProcessCommandLine"}}},
    {"parent_process",
     {{"name", "InitiatingProcessFileName"}, {"command_line", "InitiatingProcessCommandLine"}}}};

TEST(ConditionTest, ImageNameIsTheProcessNotAnArgument) {
  Condition git = Parse("{entity: process.name, image_in: [git, git.exe]}");
  EXPECT_TRUE(Matches(git, Row{{"FileName", "git"}, {"ProcessCommandLine", "git clone x/nanocore.git"}},
                      kProcessEntities));
  EXPECT_TRUE(
      Matches(git, Row{{"FileName", "GIT.EXE"}, {"ProcessCommandLine", "git.exe pull"}}, kProcessEntities));
  // `git` as an argument of another program is not git.
  EXPECT_FALSE(Matches(git,
                       Row{{"FileName", "cmd.exe"}, {"ProcessCommandLine", "cmd.exe /c nanocore.exe git"}},
                       kProcessEntities));
  EXPECT_FALSE(Matches(git, Row{{"FileName", "gitx"}, {"ProcessCommandLine", "gitx"}}, kProcessEntities));
  EXPECT_FALSE(Matches(git, Row{{"FileName", ""}, {"ProcessCommandLine", "git"}}, kProcessEntities));
}

TEST(ConditionTest, NameIsDerivedFromPathWhenOnlyThePathIsMapped) {
  Condition tcpdump = Parse("{entity: process.name, image_in: [tcpdump]}");
  EntityMapping path_only = {{"process", {{"path", "Image"}}}};
  EXPECT_TRUE(Matches(tcpdump, Row{{"Image", "/usr/sbin/tcpdump"}}, path_only));
  EXPECT_FALSE(Matches(tcpdump, Row{{"Image", "/opt/tcpdump/evil"}}, path_only));
}

TEST(ConditionTest, SchedulerParentWithScheduleService) {
  Condition scheduler = Parse(R"({any: [
      {entity: parent_process.name, image_in: [cron, taskeng.exe]},
      {all: [{entity: parent_process.name, image_in: [svchost.exe]},
             {entity: parent_process.command_line, regex: '(?i)(^|\s)-s\s+Schedule(\s|$)'}]}]})");
  auto row = [](std::string parent, std::string parent_command) {
    return Row{{"FileName", "bash"},
               {"ProcessCommandLine", "nanocore.sh"},
               {"InitiatingProcessFileName", parent},
               {"InitiatingProcessCommandLine", parent_command}};
  };
  EXPECT_TRUE(Matches(scheduler, row("cron", "/usr/sbin/cron -f"), kProcessEntities));
  EXPECT_TRUE(
      Matches(scheduler, row("svchost.exe", "svchost.exe -k netsvcs -p -s Schedule"), kProcessEntities));
  EXPECT_FALSE(
      Matches(scheduler, row("svchost.exe", "svchost.exe -k netsvcs -p -s Winmgmt"), kProcessEntities));
  EXPECT_FALSE(
      Matches(scheduler, row("svchost.exe", "svchost.exe -k netsvcs -s ScheduleX"), kProcessEntities));
  // A parent whose command line merely mentions cron is not cron.
  EXPECT_FALSE(Matches(scheduler, row("explorer.exe", "explorer.exe cron"), kProcessEntities));
}

TEST(ConditionTest, PathUnderOnAColumn) {
  Condition logs =
      Parse(R"({column: FolderPath, path_under: ['/var/log/', 'C:\Windows\System32\LogFiles\']})");
  EXPECT_TRUE(Matches(logs, Row{{"FolderPath", "/var/log/nanocore.log"}}));
  EXPECT_TRUE(Matches(logs, Row{{"FolderPath", R"(c:\windows\system32\LOGFILES\nanocore.log)"}}));
  EXPECT_FALSE(Matches(logs, Row{{"FolderPath", R"(C:\Users\x\System32\LogFiles\nanocore.exe)"}}));
  EXPECT_FALSE(Matches(logs, Row{{"FolderPath", R"(C:\Windows\System32\LogFiles\..\..\Temp\nanocore.exe)"}}));
  EXPECT_FALSE(Matches(logs, Row{{"FolderPath", "/var/log/../tmp/nanocore"}}));
}

TEST(ConditionTest, StringOperatorsAreKustosCaseInsensitiveOnes) {
  Row row{{"CommandLine", "Backup-NanoCore.ps1 -Verbose"}};
  EXPECT_TRUE(Matches(Parse("{column: CommandLine, contains: nanocore}"), row));
  EXPECT_TRUE(Matches(Parse("{column: CommandLine, startswith: backup-}"), row));
  EXPECT_TRUE(Matches(Parse("{column: CommandLine, endswith: -verbose}"), row));
  EXPECT_TRUE(Matches(Parse("{column: CommandLine, has: nanocore}"), row));
  EXPECT_FALSE(Matches(Parse("{column: CommandLine, has: nano}"), row));
  EXPECT_FALSE(Matches(Parse("{column: CommandLine, equals: backup-nanocore.ps1}"), row));
  EXPECT_TRUE(Matches(Parse("{not: {column: CommandLine, contains: cron}}"), row));
}

TEST(ConditionTest, BindingNamesTheMissingColumnOrEntity) {
  Condition condition = Parse("{column: FolderPth, contains: x}");
  Row row{{"FolderPath", "x"}};
  BoundCondition bound;
  std::string error = BoundCondition::Bind(condition, row.schema, {}, bound);
  EXPECT_NE(error.find("test.yaml:1:"), std::string::npos) << error;
  EXPECT_NE(error.find("no column 'FolderPth'"), std::string::npos) << error;
  EXPECT_NE(error.find("did you mean 'FolderPath'"), std::string::npos) << error;

  Condition entity = Parse("{entity: file.path, path_under: [/var/log/]}");
  error = BoundCondition::Bind(entity, row.schema, {}, bound);
  EXPECT_NE(error.find("maps no entity attribute 'file.path'"), std::string::npos) << error;
}

TEST(ConditionTest, MalformedMatchersAreErrors) {
  auto errors_of = [](const std::string& match) {
    YamlContext context("x.yaml");
    ParseExclusion(YAML::Load("{id: x, rationale: r, rules: ['*'], match: " + match + "}"), context);
    return context.errors();
  };
  EXPECT_FALSE(errors_of("{column: A, path_under: [var/log]}").empty());   // relative directory
  EXPECT_FALSE(errors_of("{column: A, regex: '(unclosed'}").empty());      // bad regex
  EXPECT_FALSE(errors_of("{all: []}").empty());                            // would match everything
  EXPECT_FALSE(errors_of("{column: A}").empty());                          // no matcher
  EXPECT_FALSE(errors_of("{column: A, contains: x, equals: y}").empty());  // two matchers
  EXPECT_FALSE(errors_of("{column: A, entity: process.name, has: x}").empty());
  EXPECT_FALSE(errors_of("{entity: process.nam, has: x}").empty());              // unknown attribute
  EXPECT_FALSE(errors_of("{column: A, image_in: ['C:\\x\\git.exe']}").empty());  // a path, not a name
  EXPECT_FALSE(errors_of("{column: A, containz: x}").empty());
}

}  // namespace
}  // namespace iochound::packs
