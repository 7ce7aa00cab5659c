// A table with columns and no rows: lets a query bind and run against a table's schema before any
// data is loaded (checking hunting queries, `--explain` without data).
#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/catalog.h"
#include "types/type.h"

namespace iochound {

class EmptyTable : public TableSource {
 public:
  explicit EmptyTable(Schema schema) : schema_(std::move(schema)) {}

  const Schema& schema() override { return schema_; }

  std::unique_ptr<BatchStream> Scan(const std::vector<int>& /*columns*/) override {
    struct NoBatches : BatchStream {
      std::optional<Batch> Next() override { return std::nullopt; }
    };
    return std::make_unique<NoBatches>();
  }

 private:
  Schema schema_;
};

}  // namespace iochound
