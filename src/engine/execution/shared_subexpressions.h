// Subexpressions that many queries sharing a scan compute over the same batch: every Sigma rule of
// a logsource tests the same Provider and EventID, and its detection runs over the same few
// events those leave. Each is computed once per batch, and the others read the result.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
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

  // Where the result of `expr` over `batch` is kept; nullptr when `expr` is not shared or `batch`
  // is not one whose results are kept (the shared batch and the row subsets gathered below).
  ColumnPtr* Result(const BoundExpr& expr, const Batch& batch);

  // The rows of `batch` a shared `and`/`or`'s left side `left` leaves open, gathered: filled by the
  // first caller (`open` empty and rows.rows == 0 until then); nullptr as for Result().
  struct Gathered {
    bool filled = false;
    std::vector<uint32_t> open;
    Batch rows;
  };
  Gathered* Open(const BoundExpr& left, bool is_and, const Batch& batch);

 private:
  bool Kept(const Batch& batch) const;

  std::unordered_map<const BoundExpr*, uint32_t> ids_;  // shared nodes: equal ones have one id
  const Batch* batch_ = nullptr;
  std::map<std::pair<const Batch*, uint32_t>, ColumnPtr> results_;
  std::map<std::tuple<const Batch*, uint32_t, bool>, std::unique_ptr<Gathered>> gathered_;
};

}  // namespace iochound
