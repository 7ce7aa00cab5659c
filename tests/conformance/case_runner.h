// Runs one self-contained query in a child process and brings back its result rendered as the
// kusto-verdicts suite prints results. The child isolates the runner from the engine under test: a
// crash, an abort, a runaway allocation or an endless loop fails that case only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog.h"
#include "engine/engine.h"

namespace iochound::conformance {

struct CaseOutcome {
  enum class Kind {
    kRows,         // the query ran; columns/rows hold its result
    kQueryError,   // Prepare or execution threw QueryError
    kException,    // any other std::exception (an engine bug, but still "an error")
    kTooManyRows,  // more than the row limit: a runaway result
    kCrash,        // the child died on a signal or exited without a result
    kTimeout,      // the child was killed at the deadline
  };
  Kind kind = Kind::kCrash;
  std::string message;               // error text, or what went wrong
  std::vector<std::string> columns;  // "name:Type" with the suite's type names
  uint64_t row_count = 0;
  std::vector<std::string> rows;  // every row, rendered
};

// Sanitizer builds run every case too (that is what they are for), several times slower, so their
// time limits are ten times longer.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kTimeScale = 10;
#else
inline constexpr int kTimeScale = 1;
#endif
// How long a whole suite may take: a bound on a runaway suite, not a speed test. A suite takes
// ~30 s on a quiet 2-core machine; the budget leaves room for one 3-4 times slower because other
// builds share it (at 50 s, queries went unrun, and so failed, under such load).
inline constexpr std::chrono::seconds kSuiteTimeBudget{120 * kTimeScale};

struct RunLimits {
  std::chrono::milliseconds timeout{2000 * kTimeScale};
  uint64_t max_rows = 100'000;
};

// Runs `body` in a forked child and brings back what it returns; a crash, or no result within
// limits.timeout, becomes a kCrash or kTimeout outcome.
CaseOutcome RunIsolated(const std::function<CaseOutcome()>& body, const RunLimits& limits);

// Prepares `kql` against `catalog` with `options` (an empty catalog with now() fixed at `now_ticks`),
// executes it and renders every row, in a forked child.
CaseOutcome RunIsolated(std::string_view kql, const Catalog& catalog, const QueryOptions& options,
                        const RunLimits& limits);
CaseOutcome RunIsolated(std::string_view kql, int64_t now_ticks, const RunLimits& limits);

// The same in this process, without isolation (what the child runs).
CaseOutcome RunInProcess(std::string_view kql, const Catalog& catalog, const QueryOptions& options,
                         const RunLimits& limits);
CaseOutcome RunInProcess(std::string_view kql, int64_t now_ticks, const RunLimits& limits);

// Groups error messages that differ only in numbers outside quotes (positions, counts), keeping the
// names (`unknown function 'xyz'`) that tell engineers what is missing.
std::string NormalizeMessage(std::string_view message);

// Prints the `top` most frequent failure reasons with their counts, most frequent first.
void PrintTopReasons(const std::map<std::string, size_t>& reasons, size_t top = 30);

}  // namespace iochound::conformance
