// Runs every real hunting query of hunting-queries/queries.jsonl that Microsoft's parser accepts against
// empty tables with the built-in schemas, and measures how many iochound parses, binds (Prepare
// succeeds) and runs to completion. Empty tables make the result rows irrelevant: the measure is
// whether a query published for Sentinel or Defender is accepted as written. It prints the three rates
// and the most common failure reasons, and fails when the parse or run rate drops below
// tests/conformance/hunting_floor.txt.
//
// Environment:
//   IOCHOUND_HUNTING_REPORT=PATH   also write every query's outcome (stage reached, error) to PATH
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "case_runner.h"
#include "common/diagnostics.h"
#include "engine/catalog.h"
#include "engine/engine.h"
#include "engine/parser/parser.h"
#include "normalizers/empty_table.h"
#include "normalizers/table_schemas.h"

namespace iochound::conformance {
namespace {

struct HuntingQuery {
  std::string id, kql;
};

// The queries Microsoft's parser accepts (empty ms_parser_errors): the others are not valid KQL, so
// rejecting them is no failure.
std::vector<HuntingQuery> LoadAcceptedQueries(const std::string& path) {
  std::vector<HuntingQuery> queries;
  simdjson::padded_string json = simdjson::padded_string::load(path);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream docs = parser.iterate_many(json);
  for (auto doc_result : docs) {
    simdjson::ondemand::document_reference doc = doc_result.value();
    HuntingQuery q;
    bool accepted = true;
    for (auto field : doc.get_object()) {
      const std::string_view key = field.unescaped_key().value();
      auto value = field.value();
      if (key == "id") {
        q.id = std::string(value.get_string().value());
      } else if (key == "kql") {
        q.kql = std::string(value.get_string().value());
      } else if (key == "ms_parser_errors") {
        simdjson::ondemand::array errors = value.get_array();
        accepted = errors.count_elements().value() == 0;
      }
    }
    if (accepted) queries.push_back(std::move(q));
  }
  return queries;
}

// Every built-in table, registered with its schema and no rows.
Catalog EmptyBuiltinCatalog() {
  Catalog catalog;
  for (std::string_view name : BuiltinTableNames()) {
    catalog.Register(std::string(name), std::make_shared<EmptyTable>(*FindBuiltinSchema(name)));
  }
  return catalog;
}

CaseOutcome Succeeded() {
  CaseOutcome outcome;
  outcome.kind = CaseOutcome::Kind::kRows;
  return outcome;
}

CaseOutcome Failed(CaseOutcome::Kind kind, std::string message) {
  CaseOutcome outcome;
  outcome.kind = kind;
  outcome.message = std::move(message);
  return outcome;
}

// Runs `stage` in a child, turning its exceptions into outcomes as RunInProcess does.
template <typename Stage>
CaseOutcome RunStage(Stage stage, const RunLimits& limits) {
  return RunIsolated(
      [&] {
        try {
          stage();
          return Succeeded();
        } catch (const QueryError& e) {
          return Failed(CaseOutcome::Kind::kQueryError, e.what());
        } catch (const std::exception& e) {
          return Failed(CaseOutcome::Kind::kException, e.what());
        }
      },
      limits);
}

std::string Reason(const CaseOutcome& o) {
  switch (o.kind) {
    case CaseOutcome::Kind::kQueryError:
      return NormalizeMessage(o.message);
    case CaseOutcome::Kind::kException:
      return "internal error: " + NormalizeMessage(o.message);
    case CaseOutcome::Kind::kCrash:
      return "crash: " + o.message;
    case CaseOutcome::Kind::kTimeout:
      return "timeout";
    case CaseOutcome::Kind::kTooManyRows:
      return "runaway result";
    case CaseOutcome::Kind::kRows:
      break;
  }
  return "";
}

struct Floors {
  double parse = 100, run = 100;
};

// Lines `parse PERCENT` and `run PERCENT`; `#` starts a comment.
Floors ReadFloors(const std::string& path) {
  Floors floors;
  bool parse_seen = false, run_seen = false;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    double value;
    if (!(fields >> name >> value)) continue;
    if (name == "parse") floors.parse = value, parse_seen = true;
    if (name == "run") floors.run = value, run_seen = true;
  }
  if (!parse_seen || !run_seen) ADD_FAILURE() << "no `parse` and `run` floors in " << path;
  return floors;
}

double Percent(size_t n, size_t total) {
  return total == 0 ? 0 : 100.0 * n / total;
}

TEST(HuntingQueries, ParseAndRunRatesAtLeastFloors) {
  const std::string path = std::string(IOCHOUND_SHARED_DIR) + "/conformance/hunting-queries/queries.jsonl";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "hunting-query suite not found at " << path << " (../shared is absent in this checkout)";
  }
  const std::vector<HuntingQuery> queries = LoadAcceptedQueries(path);
  ASSERT_FALSE(queries.empty());

  const Catalog catalog = EmptyBuiltinCatalog();
  // now() and ago() must not depend on the wall clock: 2026-01-01T00:00:00Z.
  constexpr int64_t kNow = 20454LL * 86'400 * 10'000'000;
  QueryOptions options;
  options.now_ticks = kNow;
  // The tables are empty, so the files externaldata fetches are too.
  options.externaldata_empty = true;
  // Each stage runs in its own child, so a crash or a hang is charged to the stage it happened in.
  // Queries still waiting when the suite's time is spent count as failures.
  const auto budget_end = std::chrono::steady_clock::now() + kSuiteTimeBudget + std::chrono::seconds(10);
  const RunLimits limits;

  size_t parsed = 0, bound = 0, ran = 0;
  // The first stage `q` fails at, with why; empty when it runs to completion.
  auto first_failure = [&](const HuntingQuery& q) -> std::string {
    if (std::chrono::steady_clock::now() > budget_end) return "not run: suite time budget spent";
    CaseOutcome o = RunStage([&] { ParseQuery(q.kql); }, limits);
    if (o.kind != CaseOutcome::Kind::kRows) return "parse: " + Reason(o);
    ++parsed;
    o = RunStage([&] { Prepare(q.kql, catalog, options); }, limits);
    if (o.kind != CaseOutcome::Kind::kRows) return "bind: " + Reason(o);
    ++bound;
    o = RunIsolated(q.kql, catalog, options, limits);
    if (o.kind != CaseOutcome::Kind::kRows) return "run: " + Reason(o);
    ++ran;
    return "";
  };
  std::map<std::string, size_t> reasons;
  std::ostringstream report;
  for (const HuntingQuery& q : queries) {
    const std::string failure = first_failure(q);
    report << (failure.empty() ? "RAN  " : "FAIL ") << q.id << "\n";
    if (!failure.empty()) {
      ++reasons[failure];
      report << "  " << failure << "\n";
    }
  }

  const size_t total = queries.size();
  const double parse_rate = Percent(parsed, total), run_rate = Percent(ran, total);
  std::printf("\nhunting queries Microsoft's parser accepts: %zu\n", total);
  std::printf("  parsed %5zu  %5.1f%%\n", parsed, parse_rate);
  std::printf("  bound  %5zu  %5.1f%%\n", bound, Percent(bound, total));
  std::printf("  ran    %5zu  %5.1f%%\n", ran, run_rate);
  PrintTopReasons(reasons);
  if (const char* report_path = std::getenv("IOCHOUND_HUNTING_REPORT")) {
    std::ofstream(report_path) << report.str();
    std::printf("per-query report: %s\n", report_path);
  }
  std::fflush(stdout);

  const Floors floors = ReadFloors(std::string(IOCHOUND_SOURCE_DIR) + "/tests/conformance/hunting_floor.txt");
  EXPECT_GE(parse_rate, floors.parse)
      << "the hunting-query parse rate fell below tests/conformance/hunting_floor.txt";
  EXPECT_GE(run_rate, floors.run)
      << "the hunting-query run rate fell below tests/conformance/hunting_floor.txt";
}

}  // namespace
}  // namespace iochound::conformance
