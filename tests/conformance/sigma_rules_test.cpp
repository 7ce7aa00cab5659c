// SigmaHQ's Windows rules (../shared/data/sigma/rules/windows): at least 95% load, and every rule
// that does not is reported with its path and reason (the list is printed). Every file is
// accounted for: loaded, or in the failures.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "engine/sigma/sigma.h"

namespace iochound {
namespace {

namespace fs = std::filesystem;

TEST(SigmaRulesTest, AtLeast95PercentOfWindowsRulesLoadAndEveryFailureHasAReason) {
  fs::path dir = fs::path(IOCHOUND_SHARED_DIR) / "data/sigma/rules/windows";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no SigmaHQ rules at " << dir;
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    files += entry.is_regular_file() &&
             (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml");
  }
  SigmaLoadResult result = LoadSigmaRules({dir.string()});
  size_t loaded = result.rules.size() + result.filters.size();
  std::map<std::string, int> by_reason;
  std::cout << "Sigma rules not loaded (" << result.failures.size() << "):\n";
  for (const SigmaLoadFailure& failure : result.failures) {
    EXPECT_FALSE(failure.reason.empty()) << failure.path;
    std::cout << "  " << fs::relative(failure.path.substr(0, failure.path.find(" (document")), dir).string()
              << ": " << failure.reason << "\n";
  }
  double rate = 100.0 * loaded / std::max<size_t>(1, loaded + result.failures.size());
  std::cout << "Loaded " << loaded << " of " << loaded + result.failures.size() << " (" << rate << "%) from "
            << files << " files\n";
  // SigmaHQ rule files hold one document each, so every file is a rule or a failure.
  EXPECT_EQ(loaded + result.failures.size(), files);
  EXPECT_GE(rate, 95.0);
  for (const SigmaRule& rule : result.rules) {
    EXPECT_FALSE(rule.id.empty()) << rule.path;
    EXPECT_FALSE(rule.kql.empty()) << rule.path;
  }
}

// A directory's files are loaded on several threads; the result is the one file-by-file loading
// gives, in the same order: rules, filters and failures alike, with nonexistent paths around it.
TEST(SigmaRulesTest, LoadingADirectoryOnSeveralThreadsGivesWhatLoadingItsFilesOneByOneGives) {
  fs::path dir = fs::path(IOCHOUND_SHARED_DIR) / "data/sigma/rules/windows";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no SigmaHQ rules at " << dir;
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() &&
        (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml"))
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 1000u);
  SigmaLoadResult together = LoadSigmaRules({"/no/such/rules", dir.string(), "/no/other/rules"});
  SigmaLoadResult one_by_one = LoadSigmaRules({"/no/such/rules"});
  files.push_back("/no/other/rules");
  for (const std::string& file : files) {
    SigmaLoadResult part = LoadSigmaRules({file});
    one_by_one.rules.insert(one_by_one.rules.end(), part.rules.begin(), part.rules.end());
    one_by_one.filters.insert(one_by_one.filters.end(), part.filters.begin(), part.filters.end());
    one_by_one.failures.insert(one_by_one.failures.end(), part.failures.begin(), part.failures.end());
  }
  ASSERT_EQ(together.rules.size(), one_by_one.rules.size());
  for (size_t i = 0; i < together.rules.size(); ++i) {
    EXPECT_EQ(together.rules[i].path, one_by_one.rules[i].path);
    EXPECT_EQ(together.rules[i].kql, one_by_one.rules[i].kql) << together.rules[i].path;
  }
  ASSERT_EQ(together.filters.size(), one_by_one.filters.size());
  for (size_t i = 0; i < together.filters.size(); ++i)
    EXPECT_EQ(together.filters[i].condition, one_by_one.filters[i].condition);
  ASSERT_EQ(together.failures.size(), one_by_one.failures.size());
  for (size_t i = 0; i < together.failures.size(); ++i) {
    EXPECT_EQ(together.failures[i].path, one_by_one.failures[i].path);
    EXPECT_EQ(together.failures[i].reason, one_by_one.failures[i].reason);
  }
}

// The Defender target covers the categories Defender records; what it cannot express (Sysmon-only
// fields, event log channels) is reported per rule. The count is printed, not asserted: it measures
// the mapping's reach, which is a property of the tables, not a defect.
TEST(SigmaRulesTest, DefenderTargetLoadsOrReportsEveryWindowsRule) {
  fs::path dir = fs::path(IOCHOUND_SHARED_DIR) / "data/sigma/rules/windows";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no SigmaHQ rules at " << dir;
  SigmaOptions options;
  options.target = SigmaTarget::kDefender;
  SigmaLoadResult defender = LoadSigmaRules({dir.string()}, options);
  SigmaLoadResult windows = LoadSigmaRules({dir.string()});
  EXPECT_EQ(defender.rules.size() + defender.failures.size(), windows.rules.size() + windows.failures.size());
  std::map<std::string, int> tables;
  for (const SigmaRule& rule : defender.rules) ++tables[rule.tables.at(0)];
  std::cout << "Defender target: " << defender.rules.size() << " rules loaded, " << defender.failures.size()
            << " reported\n";
  for (const auto& [table, count] : tables) std::cout << "  " << table << ": " << count << "\n";
  EXPECT_GT(tables["DeviceProcessEvents"], 500);
  for (const SigmaLoadFailure& failure : defender.failures)
    EXPECT_FALSE(failure.reason.empty()) << failure.path;
}

}  // namespace
}  // namespace iochound
