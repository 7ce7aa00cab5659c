// A table of rows already built in memory (the threat-intelligence table, test tables): each scan
// hands out the requested columns of every batch, sharing them, with the batches' row sources.
#pragma once

#include <memory>
#include <vector>

#include "engine/catalog.h"

namespace iochound {

class BatchesTable : public TableSource {
 public:
  // Every batch holds one column per field of `schema`, in order.
  BatchesTable(Schema schema, std::vector<Batch> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}

  const Schema& schema() override { return schema_; }
  std::unique_ptr<BatchStream> Scan(const std::vector<int>& columns) override;

 private:
  Schema schema_;
  std::vector<Batch> batches_;
};

}  // namespace iochound
