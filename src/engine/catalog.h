// The engine's view of the data: named tables that can be scanned as streams of batches. The
// engine knows nothing of files or formats; sources/decoders/normalizers implement TableSource.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/column.h"
#include "types/type.h"

namespace iochound {

// A pull-based stream of batches; Next() returns nullopt at the end.
class BatchStream {
 public:
  virtual ~BatchStream() = default;
  virtual std::optional<Batch> Next() = 0;
};

// A literal the query's filter needs: every row the query keeps holds it in some string column's
// text (ASCII case-insensitively unless case_sensitive). The planner derives them (scan_literals.h).
struct ScanLiteral {
  std::string text;
  bool case_sensitive = false;
  // The query needs the literal only where it does not continue a term (string_ops.h) on that side:
  // false is always right; true lets a source look for the literal's terms as whole words.
  bool bounded_start = false;
  bool bounded_end = false;
  bool operator==(const ScanLiteral&) const = default;
};

// What a scan may use to do less work. Hints never change what a query returns: a source that
// ignores them (the default Scan below does) is correct, only slower.
struct ScanHints {
  // Any of these: a row in which none of them occurs is dropped by the query anyway, so a source may
  // skip decoding records whose bytes cannot contain one. Empty: no such knowledge.
  std::vector<ScanLiteral> literals;
  // A row may be kept without a literal when the text holds a byte >= 0x80 (IOC domains are matched
  // after IDN normalization, which maps Unicode forms to the ASCII the literals spell): a source
  // skipping records must decode those too.
  bool non_ascii_may_match = false;
  // Where a source that skips records for the literals adds how many it skipped, so that the caller
  // can still count every record; null: not counted.
  std::atomic<uint64_t>* records_ruled_out = nullptr;
  // Threads the scan may decode on; 1 reads in the calling thread.
  int threads = 1;
  // Streaming work (filters, projections) to run on each part of the input; the source returns the
  // stage's output in input order. Null: none. The stage must be safe to run on several threads
  // at once, each over its own stream.
  using Stage = std::function<std::unique_ptr<BatchStream>(std::unique_ptr<BatchStream>)>;
  Stage stage;
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  // The table's columns. May read a prefix of the data to infer the types of fields not in a
  // built-in schema.
  virtual const Schema& schema() = 0;
  // Streams the table's rows with only the given columns (indexes into schema(), in that order),
  // so sources can skip decoding what the query never reads.
  virtual std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns) = 0;
  // The same rows, using `hints` where the source can. The default ignores the literals and the
  // threads and applies the stage in the calling thread.
  virtual std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns, const ScanHints& hints) {
    std::unique_ptr<BatchStream> rows = Scan(columns);
    return hints.stage ? hints.stage(std::move(rows)) : std::move(rows);
  }
};

class Catalog {
 public:
  void Register(std::string name, std::shared_ptr<TableSource> table) {
    tables_[std::move(name)] = std::move(table);
  }
  // nullptr when no table has that name (exact, case-sensitive, as Kusto).
  TableSource* Find(std::string_view name) const {
    auto it = tables_.find(std::string(name));
    return it == tables_.end() ? nullptr : it->second.get();
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& [name, table] : tables_) names.push_back(name);
    return names;
  }

 private:
  std::map<std::string, std::shared_ptr<TableSource>> tables_;
};

}  // namespace iochound
