// The engine's view of the data: named tables that can be scanned as streams of batches. The
// engine knows nothing of files or formats; sources/decoders/normalizers implement TableSource.
#pragma once

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

class TableSource {
 public:
  virtual ~TableSource() = default;
  // The table's columns. May read a prefix of the data to infer the types of fields not in a
  // built-in schema.
  virtual const Schema& schema() = 0;
  // Streams the table's rows with only the given columns (indexes into schema(), in that order),
  // so sources can skip decoding what the query never reads.
  virtual std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns) = 0;
};

class Catalog {
 public:
  void Register(std::string name, std::shared_ptr<TableSource> table) { tables_[std::move(name)] = std::move(table); }
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
