// The query engine's public interface: text in, a typed stream of batches out.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "types/type.h"

namespace iochound {

struct PlanNode;
struct EvalContext;

struct QueryOptions {
  int64_t now_ticks = 0;      // the instant now()/ago() refer to; 0 means the wall clock at Prepare()
  std::string watchlist_dir;  // where _GetWatchlist('name') reads name.csv; empty: no watchlists
  // externaldata: the local file each URI is read from (`--externaldata URL=PATH`).
  std::map<std::string, std::string> externaldata_files;
  // Every externaldata URI reads as no rows, mapped or not: for checking queries against empty tables.
  bool externaldata_empty = false;
  // Let scans skip records that cannot hold the literals the query's filters need (`--no-prefilter`
  // turns it off; results are the same either way).
  bool prefilter = true;
  // Threads scans decode and filter on (`--threads`); 0 means one per core. Results and their order
  // are the same for any number.
  int threads = 0;
  // Bytes of rows an `order by` holds before it sorts them into a run on disk (`--sort-memory`); 0
  // means 256 MiB. Results are the same for any size.
  uint64_t sort_memory = 0;
};

// A parsed, bound and planned query.
class PreparedQuery {
 public:
  virtual ~PreparedQuery() = default;
  // The result's columns and types.
  virtual const Schema& schema() const = 0;
  // Runs the query; batches stream out as they are produced.
  virtual std::unique_ptr<BatchStream> Execute() = 0;
  // The bound plan with types, one operator per line (for `query --explain`).
  virtual std::string Explain() const = 0;

 private:
  friend void ExecuteSharingScans(std::span<PreparedQuery* const>, const std::function<void(size_t, Batch)>&);
  virtual const PlanNode& plan() const = 0;
  virtual const EvalContext& context() const = 0;
};

// Runs `queries` to their end, decoding each table once for the queries that read it through
// filters and projections only (`T | where ... | extend ...`: Sigma rules, most detection rules),
// each of them running over the same batches. `emit` receives (index into `queries`, result rows):
// for those sharing a scan, batch of input by batch of input, and within one batch in `queries`
// order; then, query after query, those of any other shape and those alone on their table.
void ExecuteSharingScans(std::span<PreparedQuery* const> queries,
                         const std::function<void(size_t, Batch)>& emit);

// Parses, binds and plans `text` against `catalog`. Throws QueryError with the offending position.
std::unique_ptr<PreparedQuery> Prepare(std::string_view text, const Catalog& catalog,
                                       const QueryOptions& options = {});

}  // namespace iochound
