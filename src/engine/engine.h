// The query engine's public interface: text in, a typed stream of batches out.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "types/type.h"

namespace iochound {

struct QueryOptions {
  int64_t now_ticks = 0;  // the instant now()/ago() refer to; 0 means the wall clock at Prepare()
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
};

// Parses, binds and plans `text` against `catalog`. Throws QueryError with the offending position.
std::unique_ptr<PreparedQuery> Prepare(std::string_view text, const Catalog& catalog, const QueryOptions& options = {});

}  // namespace iochound
