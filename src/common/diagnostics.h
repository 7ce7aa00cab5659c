// Errors users can act on: query errors (stop the query, exit 2) and data errors (reported,
// counted, the run goes on, exit 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// A query that cannot be parsed, bound or run. `offset`/`length` locate the offending text in the
// query (length 0 when no position applies).
class QueryError : public std::runtime_error {
 public:
  QueryError(std::string message, size_t offset = 0, size_t length = 0)
      : std::runtime_error(std::move(message)), offset_(offset), length_(length) {}
  size_t offset() const { return offset_; }
  size_t length() const { return length_; }

 private:
  size_t offset_;
  size_t length_;
};

// Renders `error: MESSAGE` followed by `--> line L, column C`, the query line and a caret under the
// offending text, as compilers do.
std::string FormatQueryError(const QueryError& error, std::string_view query_text, std::string_view origin);

// Where a record came from, for error messages: a file and a line (1-based) or byte offset.
struct RecordLocation {
  std::string_view file;
  uint64_t line = 0;    // 0 when the format has no lines
  uint64_t offset = 0;  // byte offset of the record in the decompressed input
};

// Collects data errors from every input. Thread-safe. Prints each error (up to a limit, then only
// counts) to stderr as it happens, so a long run shows problems early.
class DataErrors {
 public:
  explicit DataErrors(size_t print_limit = 20) : print_limit_(print_limit) {}
  // Errors held back instead of printed, for a part of the input decoded ahead on another thread:
  // ReleaseTo reports them to `to` once the parts before it are, so errors print in input order.
  // Only as many as `to` prints are kept; the others are counted.
  struct Held {};
  DataErrors(Held, const DataErrors& to)
      : print_limit_(to.print_limit_), held_(std::make_unique<std::vector<HeldError>>()) {}
  // Reports the held errors to `to` in the order they came, adding `lines_before` to each line
  // number (for a part whose lines were numbered from its start).
  void ReleaseTo(DataErrors& to, uint64_t lines_before);
  // Whether some held error names a line (ReleaseTo needs the true `lines_before` only then).
  bool HoldsLineNumbers() const;

  void Report(const RecordLocation& where, std::string_view what);
  // A problem that belongs to no record (an unreadable file, say).
  void ReportFile(std::string_view file, std::string_view what);
  // Reading `file` failed part way (`what`: corrupt compressed data, a read error) after
  // `bytes_read` intact bytes, which were kept; the rest of the input is skipped.
  void ReportReadStopped(std::string_view file, std::string_view what, uint64_t bytes_read);
  size_t count() const;
  // "N data errors (M not shown)" style summary, empty when there were none.
  std::string Summary() const;

 private:
  struct HeldError {
    bool names_record;  // Report, else ReportFile
    std::string file;
    RecordLocation where;
    std::string what;
  };

  mutable std::mutex mutex_;
  size_t print_limit_;
  size_t count_ = 0;
  std::unique_ptr<std::vector<HeldError>> held_;
};

}  // namespace iochound
