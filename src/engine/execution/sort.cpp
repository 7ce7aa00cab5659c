// order by / sort by / top: materializes its input, then sorts row indexes by the key columns.
#include <algorithm>
#include <numeric>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

// Appends every column of `batch` to `into`, creating columns on the first batch.
void AppendBatch(const Batch& batch, std::vector<std::shared_ptr<Column>>& into) {
  if (into.empty()) {
    for (const auto& c : batch.columns) into.push_back(std::make_shared<Column>(c->type()));
  }
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    for (size_t r = 0; r < batch.rows; ++r) into[c]->AppendFrom(*batch.columns[c], r);
  }
}

class SortStream : public BatchStream {
 public:
  SortStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (!sorted_) Sort();
    if (next_ >= order_.size()) return std::nullopt;
    size_t end = std::min(order_.size(), next_ + kBatchRows);
    std::span<const uint32_t> rows(order_.data() + next_, end - next_);
    next_ = end;
    return GatherRows(data_, rows);
  }

 private:
  void Sort() {
    sorted_ = true;
    std::vector<std::shared_ptr<Column>> columns, keys;
    auto sources = std::make_shared<RowSources>();
    while (auto batch = input_->Next()) {
      AppendBatch(*batch, columns);
      for (size_t r = 0; r < batch->rows; ++r) sources->AppendFrom(batch->sources.get(), r);
      Batch key_batch;
      key_batch.rows = batch->rows;
      for (const auto& key : plan_.sort_keys)
        key_batch.columns.push_back(Evaluate(*key.expr, *batch, context_));
      AppendBatch(key_batch, keys);
    }
    if (columns.empty()) return;
    data_.rows = columns[0]->size();
    data_.columns.assign(columns.begin(), columns.end());
    data_.sources = std::move(sources);
    order_.resize(data_.rows);
    std::iota(order_.begin(), order_.end(), 0u);
    auto less = [&](uint32_t a, uint32_t b) {
      for (size_t k = 0; k < keys.size(); ++k) {
        const Column& column = *keys[k];
        const SortKey& key = plan_.sort_keys[k];
        bool null_a = column.IsNull(a), null_b = column.IsNull(b);
        if (null_a || null_b) {
          if (null_a == null_b) continue;
          return null_a == key.nulls_first;
        }
        int c = CompareNonNull(column, a, column, b);
        if (c != 0) return key.descending ? c > 0 : c < 0;
      }
      return false;
    };
    if (plan_.kind == PlanNode::Kind::kTop && plan_.limit < static_cast<int64_t>(order_.size())) {
      size_t n = static_cast<size_t>(std::max<int64_t>(0, plan_.limit));
      std::partial_sort(order_.begin(), order_.begin() + static_cast<long>(n), order_.end(), less);
      order_.resize(n);
    } else {
      std::stable_sort(order_.begin(), order_.end(), less);
    }
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  bool sorted_ = false;
  Batch data_;
  std::vector<uint32_t> order_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<BatchStream> MakeSort(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                      const EvalContext& context) {
  return std::make_unique<SortStream>(plan, std::move(input), context);
}

}  // namespace iochound
