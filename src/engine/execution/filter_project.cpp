// The streaming operators: where, project/extend, take, union. None holds more than one batch.
#include <algorithm>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"

namespace iochound {
namespace {

class FilterStream : public BatchStream {
 public:
  FilterStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}
  std::optional<Batch> Next() override {
    while (auto batch = input_->Next()) {
      if (auto kept = FilterBatch(plan_, *batch, context_)) return kept;
    }
    return std::nullopt;
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
};

class ProjectStream : public BatchStream {
 public:
  ProjectStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}
  std::optional<Batch> Next() override {
    auto batch = input_->Next();
    if (!batch) return std::nullopt;
    return ProjectBatch(plan_, *batch, context_);
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
};

class LimitStream : public BatchStream {
 public:
  LimitStream(int64_t limit, std::unique_ptr<BatchStream> input)
      : remaining_(std::max<int64_t>(0, limit)), input_(std::move(input)) {}
  std::optional<Batch> Next() override {
    // Stops pulling as soon as the limit is reached, so `take 10` over a huge file reads little.
    if (remaining_ == 0) return std::nullopt;
    auto batch = input_->Next();
    if (!batch) return std::nullopt;
    if (static_cast<int64_t>(batch->rows) <= remaining_) {
      remaining_ -= static_cast<int64_t>(batch->rows);
      return batch;
    }
    std::vector<uint32_t> rows(static_cast<size_t>(remaining_));
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(i);
    remaining_ = 0;
    return GatherRows(*batch, rows);
  }

 private:
  int64_t remaining_;
  std::unique_ptr<BatchStream> input_;
};

class UnionStream : public BatchStream {
 public:
  explicit UnionStream(std::vector<std::unique_ptr<BatchStream>> inputs) : inputs_(std::move(inputs)) {}
  std::optional<Batch> Next() override {
    while (current_ < inputs_.size()) {
      if (auto batch = inputs_[current_]->Next()) return batch;
      ++current_;
    }
    return std::nullopt;
  }

 private:
  std::vector<std::unique_ptr<BatchStream>> inputs_;
  size_t current_ = 0;
};

}  // namespace

std::optional<Batch> FilterBatch(const PlanNode& filter, const Batch& batch, const EvalContext& context) {
  std::vector<uint32_t> rows = SelectWhere(*filter.exprs[0], batch, context);
  if (rows.empty()) return std::nullopt;
  if (rows.size() == batch.rows) return batch;
  return GatherRows(batch, rows);
}

Batch ProjectBatch(const PlanNode& project, const Batch& batch, const EvalContext& context) {
  Batch out;
  out.rows = batch.rows;
  out.sources = batch.sources;  // the same rows, so the same source records
  for (const auto& expr : project.exprs) out.columns.push_back(Evaluate(*expr, batch, context));
  return out;
}

std::unique_ptr<BatchStream> MakeFilter(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                        const EvalContext& context) {
  return std::make_unique<FilterStream>(plan, std::move(input), context);
}
std::unique_ptr<BatchStream> MakeProject(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                         const EvalContext& context) {
  return std::make_unique<ProjectStream>(plan, std::move(input), context);
}
std::unique_ptr<BatchStream> MakeLimit(const PlanNode& plan, std::unique_ptr<BatchStream> input) {
  return std::make_unique<LimitStream>(plan.limit, std::move(input));
}
std::unique_ptr<BatchStream> MakeUnion(const PlanNode&, std::vector<std::unique_ptr<BatchStream>> inputs) {
  return std::make_unique<UnionStream>(std::move(inputs));
}

}  // namespace iochound
