// What `order by` and `top` hold of their input: rows with their sort keys evaluated beside them,
// and the order those keys give. Ties keep input order, so `top N` is the first N rows of `order by`.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/catalog.h"
#include "engine/function/function_registry.h"
#include "engine/planner/logical_plan.h"

namespace iochound {

// `batch` with `plan`'s sort keys evaluated over it, as columns after its own.
Batch WithSortKeys(const PlanNode& plan, const Batch& batch, const EvalContext& context);

// The order of rows by a plan's sort keys, which are each batch's last columns (WithSortKeys).
class KeyOrder {
 public:
  explicit KeyOrder(const std::vector<SortKey>& keys) : keys_(keys) {}
  // Negative, zero or positive as row `a` of `batch_a` sorts before, with or after row `b` of `batch_b`.
  int Compare(const Batch& batch_a, size_t a, const Batch& batch_b, size_t b) const;
  // The first `limit` rows of `batch` in key order, ties in row order.
  std::vector<uint32_t> Sorted(const Batch& batch, size_t limit) const;

 private:
  const std::vector<SortKey>& keys_;
};

// Rows copied out of batches into columns of their own, with their sources.
class RowStore {
 public:
  // Keeps the first `width` columns of the rows appended.
  explicit RowStore(size_t width = SIZE_MAX) : width_(width) {}
  void Append(const Batch& batch, size_t row);
  size_t rows() const { return sources_ ? sources_->size() : 0; }
  // An estimate of the memory the rows' values take.
  uint64_t bytes() const { return bytes_; }
  // The rows as a batch (with sources, unknown where the row's batch had none); the store is left empty.
  Batch Take();

 private:
  size_t width_;
  std::vector<std::shared_ptr<Column>> columns_;
  std::shared_ptr<RowSources> sources_;
  uint64_t bytes_ = 0;
};

// Streams rows order[i] of `batch`, kBatchRows at a time.
std::unique_ptr<BatchStream> StreamInOrder(Batch batch, std::vector<uint32_t> order);

}  // namespace iochound
