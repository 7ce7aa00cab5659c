// Runs one self-contained query in a child process and brings back its result rendered as the
// kusto-verdicts suite prints results. The child isolates the runner from the engine under test: a
// crash, an abort, a runaway allocation or an endless loop fails that case only.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

struct RunLimits {
  std::chrono::milliseconds timeout{2000};
  uint64_t max_rows = 100'000;
};

// Prepares `kql` against an empty catalog with now() fixed at `now_ticks`, executes it and renders
// every row, in a forked child.
CaseOutcome RunIsolated(std::string_view kql, int64_t now_ticks, const RunLimits& limits);

// The same in this process, without isolation (what the child runs).
CaseOutcome RunInProcess(std::string_view kql, int64_t now_ticks, const RunLimits& limits);

}  // namespace iochound::conformance
