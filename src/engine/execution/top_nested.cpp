// top-nested: the top values of the first level's expression by its aggregate, then within each of
// them the top values of the next level's, and so on; one output row per path through the levels.
#include <algorithm>
#include <map>
#include <numeric>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

class TopNestedStream : public BatchStream {
 public:
  TopNestedStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    Read();
    for (const auto& field : plan_.schema) out_.push_back(std::make_shared<Column>(field.type));
    std::vector<uint32_t> all(rows_);
    std::iota(all.begin(), all.end(), 0u);
    std::vector<Value> path;
    if (rows_ > 0) Level(0, all, path);
    if (out_[0]->size() == 0) return std::nullopt;
    Batch batch;
    batch.rows = out_[0]->size();
    batch.columns.assign(out_.begin(), out_.end());
    return batch;
  }

 private:
  // Materializes each level's value and aggregate arguments.
  void Read() {
    size_t levels = plan_.exprs.size();
    values_.resize(levels);
    args_.resize(levels);
    while (auto batch = input_->Next()) {
      for (size_t l = 0; l < levels; ++l) {
        Append(*Evaluate(*plan_.exprs[l], *batch, context_), values_[l]);
        auto& args = args_[l];
        const auto& call_args = plan_.aggregates[l].args;
        args.resize(call_args.size());
        for (size_t a = 0; a < call_args.size(); ++a)
          Append(*Evaluate(*call_args[a], *batch, context_), args[a]);
      }
      rows_ += batch->rows;
    }
  }

  static void Append(const Column& column, std::shared_ptr<Column>& into) {
    if (!into) into = std::make_shared<Column>(column.type());
    for (size_t r = 0; r < column.size(); ++r) into->AppendFrom(column, r);
  }

  void Level(size_t level, const std::vector<uint32_t>& rows, std::vector<Value>& path) {
    const Column& values = *values_[level];
    // Groups in order of first appearance, so that ties keep the input's order.
    std::map<std::string, size_t> index;
    std::vector<std::vector<uint32_t>> groups;
    for (uint32_t row : rows) {
      std::string key;
      AppendGroupKey(values, row, key);
      auto [it, inserted] = index.try_emplace(key, groups.size());
      if (inserted) groups.emplace_back();
      groups[it->second].push_back(row);
    }
    const AggregateCall& call = plan_.aggregates[level];
    Column aggregates(plan_.schema[level * 2 + 1].type);
    for (const auto& group : groups) {
      auto state = call.function->create(call.bound_args);
      std::vector<Value> args(args_[level].size());
      for (uint32_t row : group) {
        for (size_t a = 0; a < args.size(); ++a) args[a] = args_[level][a]->ValueAt(row);
        state->Add(args);
      }
      aggregates.Append(state->Finish());
    }
    std::vector<size_t> order(groups.size());
    std::iota(order.begin(), order.end(), 0u);
    bool descending = plan_.nested_descending[level];
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      bool null_a = aggregates.IsNull(a), null_b = aggregates.IsNull(b);
      if (null_a || null_b) return !null_a && null_b;  // nulls last
      int c = CompareNonNull(aggregates, a, aggregates, b);
      return descending ? c > 0 : c < 0;
    });
    int64_t limit = plan_.nested_limits[level];
    if (limit >= 0 && static_cast<size_t>(limit) < order.size()) order.resize(static_cast<size_t>(limit));
    for (size_t g : order) {
      path.push_back(values.ValueAt(groups[g][0]));
      path.push_back(aggregates.ValueAt(g));
      if (level + 1 < plan_.exprs.size()) {
        Level(level + 1, groups[g], path);
      } else {
        for (size_t c = 0; c < path.size(); ++c) out_[c]->Append(path[c]);
      }
      path.resize(path.size() - 2);
    }
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  bool done_ = false;
  size_t rows_ = 0;
  std::vector<std::shared_ptr<Column>> values_;             // per level
  std::vector<std::vector<std::shared_ptr<Column>>> args_;  // per level, per aggregate argument
  std::vector<std::shared_ptr<Column>> out_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeTopNested(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                           const EvalContext& context) {
  return std::make_unique<TopNestedStream>(plan, std::move(input), context);
}

}  // namespace iochound
