// Sigma filters as pack exclusions: which rules a filter reaches (named by id or name, or `any`,
// and only within a logsource its own covers), and filters given in a local exclusions file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "packs/exclusion_loader.h"
#include "packs/sigma_rules.h"

namespace iochound::packs {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* const kFilter = R"(title: Admins run whoami
id: aaaaaaaa-0000-4000-8000-000000000001
description: adm_ accounts run whoami in logon scripts
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - whoami_rule
    selection:
        User|startswith: 'adm_'
    condition: not selection
)";

Rule SigmaRuleOf(const std::string& id, const std::string& name, const std::string& category) {
  Rule rule;
  rule.id = id;
  rule.sigma_name = name;
  rule.sigma_logsource = SigmaLogsource{"windows", category, ""};
  return rule;
}

SigmaFilter LoadFilter(const std::string& yaml) {
  SigmaLoadResult loaded = LoadSigmaText(yaml, "mf_test.yml");
  EXPECT_TRUE(loaded.failures.empty()) << loaded.failures[0].reason;
  EXPECT_EQ(loaded.filters.size(), 1u);
  return loaded.filters.empty() ? SigmaFilter{} : loaded.filters[0];
}

TEST(SigmaFilterTest, ReachesNamedSigmaRulesOfACoveredLogsource) {
  SigmaFilter filter = LoadFilter(kFilter);
  EXPECT_EQ(SigmaFilterReach(filter, SigmaRuleOf("1234", "whoami_rule", "process_creation")),
            FilterReach::kApplies);
  EXPECT_EQ(SigmaFilterReach(filter, SigmaRuleOf("whoami_rule", "", "process_creation")),
            FilterReach::kApplies);
  EXPECT_EQ(SigmaFilterReach(filter, SigmaRuleOf("other", "other_name", "process_creation")),
            FilterReach::kNotNamed);
  EXPECT_EQ(SigmaFilterReach(filter, SigmaRuleOf("1234", "whoami_rule", "file_event")),
            FilterReach::kOtherLogsource);
  Rule kql;
  kql.id = "whoami_rule";
  EXPECT_EQ(SigmaFilterReach(filter, kql), FilterReach::kNotSigma);
}

TEST(SigmaFilterTest, AnyReachesEveryRuleOfALessSpecificLogsource) {
  std::string yaml = R"(title: Domain controllers
logsource:
    product: windows
filter:
    rules: any
    selection:
        Computer|startswith: 'DC-'
    condition: not selection
)";
  SigmaFilter filter = LoadFilter(yaml);
  EXPECT_EQ(SigmaFilterReach(filter, SigmaRuleOf("x", "", "process_creation")), FilterReach::kApplies);
  EXPECT_EQ(SigmaFilterReach(filter, SigmaRuleOf("y", "", "file_event")), FilterReach::kApplies);
  Rule linux_rule = SigmaRuleOf("z", "", "process_creation");
  linux_rule.sigma_logsource->product = "linux";
  EXPECT_EQ(SigmaFilterReach(filter, linux_rule), FilterReach::kOtherLogsource);
}

TEST(SigmaFilterTest, BecomesAnAuditedExclusionNamedByIdWithItsOrigin) {
  Exclusion exclusion = SigmaFilterExclusion(LoadFilter(kFilter));
  EXPECT_EQ(exclusion.id, "aaaaaaaa-0000-4000-8000-000000000001");
  EXPECT_EQ(exclusion.title, "Admins run whoami");
  EXPECT_EQ(exclusion.rationale, "adm_ accounts run whoami in logon scripts");
  EXPECT_EQ(exclusion.mark.file, "mf_test.yml");
  EXPECT_EQ(exclusion.mark.line, 7);
  EXPECT_THAT(exclusion.rules, ElementsAre("whoami_rule"));
  ASSERT_TRUE(exclusion.sigma_filter.has_value());
}

TEST(SigmaFilterTest, ALocalExclusionsFileMayHoldSigmaFiltersButNoRules) {
  fs::path dir = fs::temp_directory_path() / ("iochound_sigma_filter_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "mf.yml")
      << kFilter << "---\n"
      << "title: second\nlogsource:\n    product: windows\nfilter:\n    rules: any\n"
      << "    selection:\n        Computer: dc1\n    condition: not selection\n";
  std::vector<std::string> errors;
  std::vector<Exclusion> exclusions = LoadExclusionsFile((dir / "mf.yml").string(), errors);
  EXPECT_TRUE(errors.empty()) << errors[0];
  ASSERT_EQ(exclusions.size(), 2u);
  EXPECT_EQ(exclusions[1].id, "second");  // no id: named by its title
  EXPECT_THAT(exclusions[1].rules, ElementsAre("*"));

  std::ofstream(dir / "mixed.yml") << kFilter << "---\n"
                                   << "title: a rule\nlogsource:\n    product: windows\n    category: "
                                      "process_creation\ndetection:\n    sel:\n        User: x\n    "
                                      "condition: sel\n";
  errors.clear();
  LoadExclusionsFile((dir / "mixed.yml").string(), errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("holds the Sigma rule 'a rule'"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iochound::packs
