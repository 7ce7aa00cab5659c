// top N by ...: keeps N rows, not its whole input. Candidates collect until they are N more than the
// best N found so far (at least a batch more); then the best N are kept, in order, and the N-th of
// them becomes a bar: a later row that does not sort before it cannot make the top N (a tie loses,
// coming later). The result is the first N rows of `order by` over the same keys.
#include <algorithm>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/execution/sort_rows.h"

namespace iochound {
namespace {

class TopStream : public BatchStream {
 public:
  TopStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (!output_) output_ = SelectTop();
    return output_->Next();
  }

 private:
  std::unique_ptr<BatchStream> SelectTop() {
    const size_t n = static_cast<size_t>(std::max<int64_t>(0, plan_.limit));
    RowStore candidates;
    Batch bar;
    size_t width = 0;
    while (auto batch = input_->Next()) {
      width = batch->columns.size();
      Batch keyed = WithSortKeys(plan_, *batch, context_);
      for (size_t r = 0; r < keyed.rows; ++r) {
        if (bar.rows == 0 || order_.Compare(keyed, r, bar, 0) < 0) candidates.Append(keyed, r);
      }
      if (candidates.rows() >= n + std::max(n, kBatchRows)) {
        Batch all = candidates.Take();
        Batch best = GatherRows(all, order_.Sorted(all, n));
        for (size_t r = 0; r < best.rows; ++r) candidates.Append(best, r);
        if (n > 0) bar = GatherRows(best, std::vector<uint32_t>{static_cast<uint32_t>(n - 1)});
      }
    }
    Batch all = candidates.Take();
    std::vector<uint32_t> order = order_.Sorted(all, n);
    all.columns.resize(std::min(width, all.columns.size()));
    return StreamInOrder(std::move(all), std::move(order));
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  KeyOrder order_{plan_.sort_keys};
  std::unique_ptr<BatchStream> output_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeTop(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                     const EvalContext& context) {
  return std::make_unique<TopStream>(plan, std::move(input), context);
}

}  // namespace iochound
