#include "packs/pack_test_runner.h"

#include <fmt/format.h>

#include "common/diagnostics.h"
#include "normalizers/file_table.h"
#include "packs/pack_runner.h"
#include "sinks/alert_json.h"

namespace iochound::packs {
namespace {

// What the comparison needs of an alert, copied out while its batch is alive.
struct ActualAlert {
  std::string rule;
  std::string suppressed_by;
  std::map<std::string, std::string> evidence;
  std::string json;
  bool consumed = false;
};

bool Satisfies(const ActualAlert& actual, const ExpectedAlert& expected) {
  if (actual.consumed || actual.rule != expected.rule || actual.suppressed_by != expected.suppressed_by)
    return false;
  for (const auto& [column, value] : expected.evidence) {
    auto it = actual.evidence.find(column);
    if (it == actual.evidence.end() || it->second != value) return false;
  }
  return true;
}

std::string Describe(const ExpectedAlert& expected) {
  std::string text = fmt::format("rule {}", expected.rule);
  for (const auto& [column, value] : expected.evidence) text += fmt::format(" {}={}", column, value);
  text += expected.suppressed_by.empty() ? " (alert)"
                                         : fmt::format(" (suppressed_by {})", expected.suppressed_by);
  return text;
}

TestOutcome RunTest(const Pack& pack, const PackTest& test) {
  TestOutcome outcome;
  outcome.name = fmt::format("{}/{}", pack.id, test.name);
  DataErrors errors;
  Catalog catalog;
  HuntData data;
  data.catalog = &catalog;
  try {
    for (const auto& [table, path] : test.tables) {
      catalog.Register(table, MakeFileTable(table, path, errors));
      data.inputs[table].push_back(path);
    }
  } catch (const std::invalid_argument& error) {
    outcome.problems.push_back(test.mark.Format(error.what()));
    return outcome;
  }
  PackHunt hunt({&pack}, {}, data);
  for (const auto& error : hunt.errors()) outcome.problems.push_back(error);
  if (!outcome.problems.empty()) return outcome;

  std::vector<ActualAlert> actual;
  try {
    hunt.Run([&](const Alert& alert) {
      ActualAlert copy;
      copy.rule = alert.rule->id;
      if (alert.suppressed_by != nullptr) copy.suppressed_by = alert.suppressed_by->id;
      for (size_t i = 0; i < alert.schema->size(); ++i) {
        const Column& column = *alert.batch.columns[i];
        copy.evidence[(*alert.schema)[i].name] = column.IsNull(alert.row) ? "" : CellText(column, alert.row);
      }
      copy.json = sinks::EvidenceJson(alert);
      actual.push_back(std::move(copy));
    });
  } catch (const QueryError& error) {
    outcome.problems.push_back(test.mark.Format(fmt::format("a query failed: {}", error.what())));
    return outcome;
  }
  if (errors.count() > 0) {
    outcome.problems.push_back(test.mark.Format(fmt::format("fixtures have {}", errors.Summary())));
  }
  for (const auto& expected : test.expect) {
    bool found = false;
    for (auto& alert : actual) {
      if (Satisfies(alert, expected)) {
        alert.consumed = found = true;
        break;
      }
    }
    if (!found)
      outcome.problems.push_back(expected.mark.Format("expected, not produced: " + Describe(expected)));
  }
  for (const auto& alert : actual) {
    if (alert.suppressed_by.empty()) {
      ++outcome.alerts;
    } else {
      ++outcome.suppressed;
    }
    if (alert.consumed) continue;
    outcome.problems.push_back(test.mark.Format(
        fmt::format("unexpected {} of rule {}: {}",
                    alert.suppressed_by.empty() ? "alert" : "suppressed hit (" + alert.suppressed_by + ")",
                    alert.rule, alert.json)));
  }
  outcome.passed = outcome.problems.empty();
  return outcome;
}

}  // namespace

std::vector<TestOutcome> RunPackTests(const Pack& pack) {
  std::vector<TestOutcome> outcomes;
  for (const auto& test : pack.tests) outcomes.push_back(RunTest(pack, test));
  return outcomes;
}

}  // namespace iochound::packs
