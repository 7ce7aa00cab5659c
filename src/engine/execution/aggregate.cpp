// summarize (and distinct, count): hash aggregation. Memory is bounded by the number of groups.
#include <unordered_map>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

struct Group {
  std::vector<Value> keys;
  std::vector<std::unique_ptr<AggregateState>> states;
};

class AggregateStream : public BatchStream {
 public:
  AggregateStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (!consumed_) Consume();
    if (next_ >= groups_.size()) return std::nullopt;
    size_t end = std::min(groups_.size(), next_ + kBatchRows);
    Batch batch;
    batch.rows = end - next_;
    size_t key_count = plan_.exprs.size();
    for (size_t c = 0; c < plan_.schema.size(); ++c) {
      auto column = std::make_shared<Column>(plan_.schema[c].type);
      column->Reserve(batch.rows);
      for (size_t g = next_; g < end; ++g) {
        if (c < key_count) {
          column->Append(groups_[g].keys[c]);
        } else {
          column->Append(groups_[g].states[c - key_count]->Finish());
        }
      }
      batch.columns.push_back(std::move(column));
    }
    next_ = end;
    return batch;
  }

 private:
  std::unique_ptr<Group> NewGroup() {
    auto group = std::make_unique<Group>();
    for (const auto& call : plan_.aggregates) group->states.push_back(call.function->create(call.bound_args));
    return group;
  }

  void Consume() {
    consumed_ = true;
    std::unordered_map<std::string, size_t> index;
    std::string key;
    std::vector<Value> args;
    while (auto batch = input_->Next()) {
      std::vector<ColumnPtr> key_columns;
      for (const auto& expr : plan_.exprs) key_columns.push_back(Evaluate(*expr, *batch, context_));
      std::vector<std::vector<ColumnPtr>> arg_columns;
      for (const auto& call : plan_.aggregates) {
        auto& columns = arg_columns.emplace_back();
        for (const auto& arg : call.args) columns.push_back(Evaluate(*arg, *batch, context_));
      }
      for (size_t row = 0; row < batch->rows; ++row) {
        key.clear();
        for (const auto& column : key_columns) AppendGroupKey(*column, row, key);
        auto [it, inserted] = index.try_emplace(key, groups_.size());
        if (inserted) {
          auto group = NewGroup();
          for (const auto& column : key_columns) group->keys.push_back(column->ValueAt(row));
          groups_.push_back(std::move(*group));
        }
        Group& group = groups_[it->second];
        for (size_t a = 0; a < plan_.aggregates.size(); ++a) {
          args.clear();
          for (const auto& column : arg_columns[a]) args.push_back(column->ValueAt(row));
          group.states[a]->Add(args);
        }
      }
    }
    // Kusto: summarize without `by` yields one row even over no input (count() = 0).
    if (groups_.empty() && plan_.exprs.empty()) groups_.push_back(std::move(*NewGroup()));
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  bool consumed_ = false;
  std::vector<Group> groups_;
  size_t next_ = 0;
};

// arg_max/arg_min by groups: keeps, per group, the values of the row whose key is the extreme.
class ArgExtremeStream : public BatchStream {
 public:
  ArgExtremeStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    std::unordered_map<std::string, size_t> index;
    std::vector<std::vector<std::shared_ptr<Column>>> best;  // per group: keys..., extreme, values...
    std::string key;
    size_t width = plan_.schema.size();
    while (auto batch = input_->Next()) {
      std::vector<ColumnPtr> columns;
      for (const auto& expr : plan_.exprs) columns.push_back(Evaluate(*expr, *batch, context_));
      columns.push_back(Evaluate(*plan_.sort_keys[0].expr, *batch, context_));
      for (const auto& expr : plan_.arg_values) columns.push_back(Evaluate(*expr, *batch, context_));
      size_t extreme = plan_.exprs.size();
      for (size_t row = 0; row < batch->rows; ++row) {
        key.clear();
        for (size_t k = 0; k < extreme; ++k) AppendGroupKey(*columns[k], row, key);
        auto [it, inserted] = index.try_emplace(key, best.size());
        if (inserted) {
          auto& slot = best.emplace_back();
          for (size_t c = 0; c < width; ++c) {
            slot.push_back(std::make_shared<Column>(plan_.schema[c].type));
            slot.back()->AppendFrom(*columns[c], row);
          }
          continue;
        }
        auto& slot = best[it->second];
        const Column& candidate = *columns[extreme];
        if (candidate.IsNull(row)) continue;
        bool replace = slot[extreme]->IsNull(0);
        if (!replace) {
          int c = CompareNonNull(candidate, row, *slot[extreme], 0);
          replace = plan_.arg_max ? c > 0 : c < 0;
        }
        if (replace) {
          for (size_t c = 0; c < width; ++c) {
            auto fresh = std::make_shared<Column>(plan_.schema[c].type);
            fresh->AppendFrom(*columns[c], row);
            slot[c] = std::move(fresh);
          }
        }
      }
    }
    if (best.empty() && !plan_.exprs.empty()) return std::nullopt;
    Batch out;
    out.rows = best.size();
    for (size_t c = 0; c < width; ++c) {
      auto column = std::make_shared<Column>(plan_.schema[c].type);
      for (const auto& slot : best) column->AppendFrom(*slot[c], 0);
      if (best.empty()) column->AppendNull();
      out.columns.push_back(std::move(column));
    }
    if (best.empty()) out.rows = 1;
    return out;
  }

 private:
  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<BatchStream> MakeAggregate(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                           const EvalContext& context) {
  return std::make_unique<AggregateStream>(plan, std::move(input), context);
}

std::unique_ptr<BatchStream> MakeArgExtreme(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                            const EvalContext& context) {
  return std::make_unique<ArgExtremeStream>(plan, std::move(input), context);
}

}  // namespace iochound
