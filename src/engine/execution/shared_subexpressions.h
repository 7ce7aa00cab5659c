// Subexpressions that many queries sharing a scan compute over the same batch: every Sigma rule of
// a logsource tests the same Provider and EventID, and its detection runs over the same few
// events those leave. Each is computed once per batch, and the others read the result; so is each
// subset of the batch's rows gathered to test the rest on.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <unordered_set>
#include <vector>

#include "engine/planner/bound_expr.h"
#include "types/column.h"

namespace iochound {

class SharedSubexpressions {
 public:
  // Finds the nodes of `roots` (predicates over batches of one layout, each with the now() of its
  // query) that equal, in structure, constants and column indexes, a node of another root.
  struct Root {
    const BoundExpr* expr = nullptr;
    int64_t now_ticks = 0;
  };
  explicit SharedSubexpressions(std::span<const Root> roots);

  // Forgets every result: the next batch is `batch`, which must outlive the results.
  void Reset(const Batch& batch);

  // Whether `expr` equals a node of another query (its results are kept where batches are).
  bool Shares(const BoundExpr& expr) const { return ids_.Find(&expr) != nullptr; }

  // Where the result of `expr` over `batch` is kept; nullptr when `expr` is not shared or `batch`
  // is not one whose results are kept (the shared batch and the row subsets gathered below).
  ColumnPtr* Result(const BoundExpr& expr, const Batch& batch);

  // Where the rows of all of `batch` on which `expr` is `want` are kept (a filter's selection);
  // nullptr as for Result(). `*filled` tells whether they are there yet.
  std::vector<uint32_t>* Selection(const BoundExpr& expr, const Batch& batch, bool want, bool** filled);

  // `rows` of `batch` gathered, kept for the other queries; nullptr when `batch` is not kept.
  const Batch* Subset(const Batch& batch, const std::vector<uint32_t>& rows);

 private:
  // Shared nodes → their number (equal nodes have one), found once per node evaluated; open
  // addressing, since std::unordered_map's prime-modulo buckets and node chasing took 5% of a
  // Sigma hunt (bench/, w5).
  class NodeIds {
   public:
    void Build(const std::vector<std::pair<const BoundExpr*, uint32_t>>& entries);
    const uint32_t* Find(const BoundExpr* node) const;

   private:
    size_t Slot(const BoundExpr* node) const;
    std::vector<std::pair<const BoundExpr*, uint32_t>> slots_;
    int shift_ = 63;
  };
  NodeIds ids_;
  std::unordered_set<const Batch*> kept_;  // the shared batch and its subsets
  std::map<std::pair<const Batch*, uint32_t>, ColumnPtr> results_;
  struct Selected {
    bool filled = false;
    std::vector<uint32_t> rows;
  };
  std::map<std::tuple<const Batch*, uint32_t, bool>, Selected> selections_;
  std::map<std::pair<const Batch*, std::vector<uint32_t>>, std::unique_ptr<Batch>> subsets_;
};

}  // namespace iochound
