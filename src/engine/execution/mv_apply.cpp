// mv-apply: the subquery runs once per input row, over that row expanded as mv-expand would; its
// results, with the input columns it did not return, are the output. The subquery's operators are built
// anew for each row, since sort, summarize and the like keep state that one row's run must not leak into
// the next.
#include <numeric>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"

namespace iochound {
namespace {

// The row the subquery being built reads: set by MvApplyStream around BuildOperators and taken by the
// kImplicitInput leaf as it is built. Building is synchronous, so nested mv-applies save and restore it.
thread_local const Batch* current_row = nullptr;

class ImplicitInputStream : public BatchStream {
 public:
  explicit ImplicitInputStream(Batch row) : row_(std::move(row)) {}
  std::optional<Batch> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    return row_;
  }

 private:
  Batch row_;
  bool done_ = false;
};

class MvApplyStream : public BatchStream {
 public:
  MvApplyStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    while (true) {
      if (subquery_) {
        if (auto result = subquery_->Next()) {
          if (result->rows == 0) continue;
          return AddInputColumns(std::move(*result));
        }
        subquery_.reset();
      }
      if (!batch_ || next_row_ >= batch_->rows) {
        batch_ = input_->Next();
        next_row_ = 0;
        if (!batch_) return std::nullopt;
        continue;
      }
      uint32_t index = static_cast<uint32_t>(next_row_++);
      row_ = GatherRows(*batch_, std::span<const uint32_t>(&index, 1));
      const Batch* saved = current_row;
      current_row = &row_;
      subquery_ = BuildOperators(*plan_.children[1], context_);
      current_row = saved;
    }
  }

 private:
  Batch AddInputColumns(Batch result) {
    std::vector<uint32_t> repeat(result.rows, 0);
    Batch out;
    out.rows = result.rows;
    for (int column : plan_.apply_added_columns)
      out.columns.push_back(row_.columns[static_cast<size_t>(column)]->Gather(repeat));
    for (auto& column : result.columns) out.columns.push_back(std::move(column));
    return out;
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  std::optional<Batch> batch_;
  size_t next_row_ = 0;
  Batch row_;
  std::unique_ptr<BatchStream> subquery_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeMvApply(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                         const EvalContext& context) {
  return std::make_unique<MvApplyStream>(plan, std::move(input), context);
}

std::unique_ptr<BatchStream> MakeImplicitInput(const PlanNode&) {
  if (current_row == nullptr) throw std::logic_error("MakeImplicitInput: no mv-apply row to read");
  return std::make_unique<ImplicitInputStream>(*current_row);
}

}  // namespace iochound
