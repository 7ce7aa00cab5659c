// mv-expand: one output row per element of a dynamic array (or member of a bag); several expanded
// columns are zipped, the shorter ones padded with nulls.
#include <algorithm>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"

namespace iochound {
namespace {

class MvExpandStream : public BatchStream {
 public:
  MvExpandStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    while (auto batch = input_->Next()) {
      Batch out = Expand(*batch);
      if (out.rows > 0) return out;
    }
    return std::nullopt;
  }

 private:
  // The elements one value expands to. A null or a scalar is a single element (Kusto keeps the row);
  // an empty array or bag yields none, which drops the row.
  std::vector<Dynamic> Elements(const Column& column, size_t row) const {
    if (column.IsNull(row)) return {Dynamic()};
    const Dynamic& value = column.DynamicAt(row);
    if (value.kind() == Dynamic::Kind::Array) return value.array();
    if (value.kind() != Dynamic::Kind::Object) return {value};
    std::vector<Dynamic> elements;
    for (const auto& [key, member] : value.object()) {
      if (plan_.mv_bag_as_array) {
        elements.push_back(Dynamic::MakeArray({Dynamic::MakeString(key), member}));
      } else {
        elements.push_back(Dynamic::MakeObject({{key, member}}));
      }
    }
    return elements;
  }

  Batch Expand(const Batch& batch) {
    std::vector<ColumnPtr> sources;
    for (const auto& expr : plan_.exprs) sources.push_back(Evaluate(*expr, batch, context_));
    std::vector<std::shared_ptr<Column>> expanded;
    for (size_t i = 0; i < sources.size(); ++i) expanded.push_back(std::make_shared<Column>(Type::Dynamic));
    auto item_index = std::make_shared<Column>(Type::Long);
    std::vector<uint32_t> repeated;  // the input row of each output row
    std::vector<std::vector<Dynamic>> elements(sources.size());
    for (size_t row = 0; row < batch.rows; ++row) {
      size_t count = 0;
      for (size_t i = 0; i < sources.size(); ++i) {
        elements[i] = Elements(*sources[i], row);
        count = std::max(count, elements[i].size());
      }
      count = std::min(count, static_cast<size_t>(plan_.limit));
      for (size_t n = 0; n < count; ++n) {
        repeated.push_back(static_cast<uint32_t>(row));
        item_index->AppendInt(static_cast<int64_t>(n));
        for (size_t i = 0; i < sources.size(); ++i) {
          if (n < elements[i].size() && !elements[i][n].is_null()) {
            expanded[i]->AppendDynamic(elements[i][n]);
          } else {
            expanded[i]->AppendNull();
          }
        }
      }
    }
    Batch out;
    out.rows = repeated.size();
    if (out.rows == 0) return out;
    for (size_t c = 0; c < plan_.schema.size(); ++c) {
      if (c < batch.columns.size()) {
        out.columns.push_back(batch.columns[c]->Gather(repeated));
      } else {
        out.columns.push_back(nullptr);  // set below: an appended expanded column or the item index
      }
    }
    for (size_t i = 0; i < expanded.size(); ++i)
      out.columns[static_cast<size_t>(plan_.mv_targets[i])] = std::move(expanded[i]);
    if (plan_.mv_index_column >= 0) out.columns[static_cast<size_t>(plan_.mv_index_column)] = item_index;
    return out;
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeMvExpand(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                          const EvalContext& context) {
  return std::make_unique<MvExpandStream>(plan, std::move(input), context);
}

}  // namespace iochound
