// SigmaHQ's regression data (../shared/data/sigma/regression_data): each case is a folder with an
// info.yml naming the rule that must fire (rule_metadata[].id) and the same events as .evtx and as
// .json (evtx_dump's rendering). Both files are read as `query --input` reads telemetry (format
// detected, events routed to WindowsEvent) and the rule's compiled KQL runs over them: it must
// fire on both files for at least 95% of the cases. The rest are listed with the reason.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include "common/diagnostics.h"
#include "engine/engine.h"
#include "engine/sigma/sigma.h"

#if __has_include("normalizers/routing/telemetry_set.h")
#include "normalizers/routing/telemetry_format.h"
#include "normalizers/routing/telemetry_set.h"
#define IOCHOUND_HAVE_TELEMETRY_SET 1
#endif

namespace iochound {
namespace {

namespace fs = std::filesystem;

#ifdef IOCHOUND_HAVE_TELEMETRY_SET
struct RegressionCase {
  fs::path dir;
  std::string rule_id;
  std::vector<fs::path> files;  // the .evtx and the .json
};

std::vector<RegressionCase> FindCases(const fs::path& root) {
  std::vector<RegressionCase> cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().filename() != "info.yml") continue;
    RegressionCase c{entry.path().parent_path(), {}, {}};
    YAML::Node info = YAML::LoadFile(entry.path().string());
    if (info["rule_metadata"] && info["rule_metadata"].size() > 0)
      c.rule_id = info["rule_metadata"][0]["id"].as<std::string>("");
    for (const auto& file : fs::directory_iterator(c.dir)) {
      if (file.path().extension() == ".evtx" || file.path().extension() == ".json")
        c.files.push_back(file.path());
    }
    std::sort(c.files.begin(), c.files.end());
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.dir < b.dir; });
  return cases;
}

uint64_t CountRows(const std::string& kql, const Catalog& catalog) {
  auto query = Prepare(kql + "\n| count", catalog);
  auto stream = query->Execute();
  auto batch = stream->Next();
  return batch && batch->rows > 0 ? static_cast<uint64_t>(batch->columns[0]->IntAt(0)) : 0;
}

// Empty when the rule fires on `file`, else why not.
std::string WhyNotFired(const SigmaRule& rule, const fs::path& file) {
  try {
    DataErrors errors(0);
    TelemetrySet telemetry({file.string()}, "", errors);
    Catalog catalog;
    telemetry.RegisterTables(catalog);
    if (CountRows(rule.kql, catalog) > 0) return "";
    uint64_t events = CountRows("WindowsEvent", catalog);
    if (events == 0)
      return fmt::format("{}: no WindowsEvent rows ({})", file.filename().string(), errors.Summary());
    return fmt::format("{}: the rule matches none of its {} WindowsEvent rows", file.filename().string(),
                       events);
  } catch (const std::exception& e) {
    return fmt::format("{}: {}", file.filename().string(), e.what());
  }
}
#endif

TEST(SigmaRegressionTest, NamedRuleFiresOnBothFilesForAtLeast95PercentOfCases) {
  fs::path sigma_dir = fs::path(IOCHOUND_SHARED_DIR) / "data/sigma";
  if (!fs::is_directory(sigma_dir / "regression_data"))
    GTEST_SKIP() << "no Sigma regression data under " << sigma_dir;
#ifndef IOCHOUND_HAVE_TELEMETRY_SET
  GTEST_SKIP() << "routed telemetry (TelemetrySet, `query --input`) is not in this build yet";
#else
  if (!FindTelemetryFormat("evtx")) GTEST_SKIP() << "no telemetry format reads .evtx files in this build yet";
  SigmaLoadResult loaded =
      LoadSigmaRules({(sigma_dir / "rules").string(), (sigma_dir / "rules-emerging-threats").string(),
                      (sigma_dir / "rules-threat-hunting").string()});
  std::map<std::string, const SigmaRule*> by_id;
  for (const SigmaRule& rule : loaded.rules) by_id[rule.id] = &rule;
  std::vector<RegressionCase> cases = FindCases(sigma_dir / "regression_data");
  ASSERT_FALSE(cases.empty());
  size_t passed = 0;
  std::vector<std::string> misses;
  for (const RegressionCase& c : cases) {
    std::string where = fs::relative(c.dir, sigma_dir / "regression_data").string();
    auto it = by_id.find(c.rule_id);
    if (it == by_id.end()) {
      // The case folder is named after the rule file, which says why the rule did not load.
      std::string why = "not found";
      for (const SigmaLoadFailure& failure : loaded.failures) {
        if (fs::path(failure.path).stem() == c.dir.filename()) why = failure.reason;
      }
      misses.push_back(fmt::format("{}: rule {} is not loaded: {}", where, c.rule_id, why));
      continue;
    }
    if (c.files.size() != 2) {
      misses.push_back(
          fmt::format("{}: expected an .evtx and a .json, found {} files", where, c.files.size()));
      continue;
    }
    std::string reasons;
    for (const fs::path& file : c.files) {
      std::string why = WhyNotFired(*it->second, file);
      if (!why.empty()) reasons += (reasons.empty() ? "" : "; ") + why;
    }
    if (reasons.empty()) {
      ++passed;
    } else {
      misses.push_back(fmt::format("{}: {}", where, reasons));
    }
  }
  double rate = 100.0 * passed / cases.size();
  std::cout << "Sigma regression: the named rule fired on both files in " << passed << " of " << cases.size()
            << " cases (" << rate << "%)\n";
  for (const std::string& miss : misses) std::cout << "  " << miss << "\n";
  EXPECT_GE(rate, 95.0);
#endif
}

}  // namespace
}  // namespace iochound
