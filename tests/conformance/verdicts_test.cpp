// Runs every case of kusto-verdicts/verdicts.jsonl (queries with the results Microsoft's engine gave)
// and measures how many iochound answers identically. It prints the pass rate overall and per family
// and the most common failure reasons, so engineers can see what to implement next, and fails when the
// pass rate drops below tests/conformance/floor.txt, which the engine's owner raises as it improves.
//
// Environment:
//   IOCHOUND_CONFORMANCE_REPORT=PATH   also write every case (query, expected, actual) to PATH
//   IOCHOUND_CONFORMANCE_FILTER=TEXT   run only cases whose id or family contains TEXT (no floor check)
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "case_runner.h"

namespace iochound::conformance {
namespace {

struct VerdictCase {
  size_t line = 0;  // ids repeat in the file; the line number names a case uniquely
  std::string id, family, kql, error;
  bool expect_error = false;
  std::vector<std::string> columns;
  uint64_t row_count = 0;
  std::vector<std::string> sample_rows;
};

std::vector<VerdictCase> LoadCases(const std::string& path) {
  std::vector<VerdictCase> cases;
  simdjson::padded_string json = simdjson::padded_string::load(path);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream docs = parser.iterate_many(json);
  size_t line = 0;
  for (auto doc_result : docs) {
    simdjson::ondemand::document_reference doc = doc_result.value();
    VerdictCase c;
    c.line = ++line;
    // Fields are read in the file's order, as ondemand reads fastest, but by name so order does not matter.
    for (auto field : doc.get_object()) {
      const std::string_view key = field.unescaped_key().value();
      auto value = field.value();
      if (key == "id")
        c.id = std::string(value.get_string().value());
      else if (key == "family")
        c.family = std::string(value.get_string().value());
      else if (key == "kql")
        c.kql = std::string(value.get_string().value());
      else if (key == "error")
        c.error = std::string(value.get_string().value());
      else if (key == "expect_error")
        c.expect_error = value.get_bool().value();
      else if (key == "row_count")
        c.row_count = value.get_uint64().value();
      else if (key == "columns" || key == "sample_rows") {
        auto& out = key == "columns" ? c.columns : c.sample_rows;
        for (auto item : value.get_array()) out.emplace_back(item.get_string().value());
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string ToLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Row order is meaningful only when the query sorts and nothing after the sort reorders rows. This
// looks at the text: the last `order by`/`sort by`/`top N` must not be followed by an operator whose
// output order Kusto leaves unspecified.
bool QueryFixesRowOrder(const std::string& kql) {
  static const std::regex kSort(R"(\b(order|sort)\s+by\b|\|\s*top\s+[^-])");
  static const std::regex kReorders(
      R"(\|\s*(summarize|distinct|join|union|lookup|make-series|top-nested)\b)");
  const std::string text = ToLower(kql);
  size_t last_sort = std::string::npos;
  for (std::sregex_iterator it(text.begin(), text.end(), kSort), end; it != end; ++it)
    last_sort = it->position();
  if (last_sort == std::string::npos) return false;
  const std::string after = text.substr(last_sort);
  return !std::regex_search(after, kReorders);
}

struct Verdict {
  bool passed = false;
  std::string reason;  // grouped in the summary
  std::string detail;  // for the per-case report
};

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? std::string(sep) : "") + items[i];
  return out;
}

Verdict Judge(const VerdictCase& c, const CaseOutcome& o) {
  using Kind = CaseOutcome::Kind;
  switch (o.kind) {
    case Kind::kCrash:
      return {false, "crash: " + o.message, o.message};
    case Kind::kTimeout:
      return {false, "timeout", o.message};
    case Kind::kTooManyRows:
      return {false, "runaway result", o.message};
    case Kind::kQueryError:
    case Kind::kException:
      if (c.expect_error) return {true, "", ""};
      return {
          false,
          (o.kind == Kind::kQueryError ? "query error: " : "internal error: ") + NormalizeMessage(o.message),
          o.message};
    case Kind::kRows:
      break;
  }
  if (c.expect_error) {
    return {false, "no error where Kusto rejects the query",
            "got " + std::to_string(o.row_count) + " rows; Kusto: " + c.error.substr(0, c.error.find('\n'))};
  }
  if (o.columns != c.columns) {
    return {false, "columns differ",
            "expected [" + Join(c.columns, ", ") + "]\n     got [" + Join(o.columns, ", ") + "]"};
  }
  if (o.row_count != c.row_count) {
    return {false, "row count differs",
            "expected " + std::to_string(c.row_count) + " rows, got " + std::to_string(o.row_count)};
  }
  bool rows_match;
  if (QueryFixesRowOrder(c.kql)) {
    rows_match = std::equal(c.sample_rows.begin(), c.sample_rows.end(), o.rows.begin());
  } else {
    // The samples are the first rows Kusto returned; unsorted, they may be any rows of ours.
    std::map<std::string_view, int64_t> counts;
    for (const auto& r : o.rows) ++counts[r];
    rows_match = std::all_of(c.sample_rows.begin(), c.sample_rows.end(),
                             [&](const std::string& r) { return --counts[r] >= 0; });
  }
  if (!rows_match) {
    std::vector<std::string> first(o.rows.begin(),
                                   o.rows.begin() + std::min(o.rows.size(), c.sample_rows.size()));
    return {false, "values differ",
            "expected " + Join(c.sample_rows, " ") + "\n     got " + Join(first, " ")};
  }
  return {true, "", ""};
}

double ReadFloor(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    return std::stod(line);
  }
  ADD_FAILURE() << "no pass-rate floor in " << path;
  return 100;
}

struct Tally {
  size_t passed = 0, total = 0;
  double Rate() const { return total == 0 ? 0 : 100.0 * passed / total; }
};

TEST(KustoVerdicts, PassRateAtLeastFloor) {
  const std::string path = std::string(IOCHOUND_SHARED_DIR) + "/conformance/kusto-verdicts/verdicts.jsonl";
  if (!std::filesystem::exists(path)) {
    GTEST_SKIP() << "conformance suite not found at " << path << " (../shared is absent in this checkout)";
  }
  const char* filter_env = std::getenv("IOCHOUND_CONFORMANCE_FILTER");
  const std::string filter = filter_env ? filter_env : "";

  std::vector<VerdictCase> cases = LoadCases(path);
  ASSERT_FALSE(cases.empty());

  // now() and ago() must not depend on the wall clock: 2026-01-01T00:00:00Z.
  constexpr int64_t kNow = 20454LL * 86'400 * 10'000'000;
  // A case still waiting when the suite's time is spent counts as a failure.
  const auto budget_end = std::chrono::steady_clock::now() + kSuiteTimeBudget;
  RunLimits limits;

  Tally overall;
  std::map<std::string, Tally> families;
  std::map<std::string, size_t> reasons;
  std::ostringstream report;
  for (const auto& c : cases) {
    if (!filter.empty() && c.id.find(filter) == std::string::npos &&
        c.family.find(filter) == std::string::npos) {
      continue;
    }
    Verdict v;
    if (std::chrono::steady_clock::now() > budget_end) {
      v = {false, "not run: suite time budget spent", ""};
    } else {
      v = Judge(c, RunIsolated(c.kql, kNow, limits));
    }
    ++overall.total;
    ++families[c.family].total;
    if (v.passed) {
      ++overall.passed;
      ++families[c.family].passed;
    } else {
      ++reasons[v.reason];
    }
    report << (v.passed ? "PASS " : "FAIL ") << "line " << c.line << " " << c.id << " [" << c.family << "]\n"
           << "  kql: " << c.kql << "\n";
    if (!v.passed) report << "  " << v.reason << "\n  " << v.detail << "\n";
  }

  std::printf("\nkusto-verdicts: %zu/%zu cases pass (%.1f%%)\n", overall.passed, overall.total,
              overall.Rate());
  std::printf("  %-28s %6s %6s %7s\n", "family", "pass", "total", "rate");
  for (const auto& [family, t] : families) {
    std::printf("  %-28s %6zu %6zu %6.1f%%\n", family.c_str(), t.passed, t.total, t.Rate());
  }
  PrintTopReasons(reasons);

  if (const char* report_path = std::getenv("IOCHOUND_CONFORMANCE_REPORT")) {
    std::ofstream out(report_path);
    out << report.str();
    std::printf("per-case report: %s\n", report_path);
  }
  std::fflush(stdout);

  if (!filter.empty()) return;  // a partial run says nothing about the whole suite's rate
  const double floor = ReadFloor(std::string(IOCHOUND_SOURCE_DIR) + "/tests/conformance/floor.txt");
  EXPECT_GE(overall.Rate(), floor) << "the kusto-verdicts pass rate fell below the floor in "
                                      "tests/conformance/floor.txt";
}

}  // namespace
}  // namespace iochound::conformance
