// Window functions over serialized rows: row_number, prev, next, row_cumsum, row_rank_dense and
// row_rank_min. Each keeps its state across batches, so a stream of any length is numbered, summed and
// ranked as one sequence. next() looks ahead, so a node that calls it reads its whole input first.
#include <deque>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

using Function = WindowCall::Function;

// Kusto's restart argument: only true restarts (false and null do not).
bool IsTrue(const Column* restart, size_t row) {
  return restart != nullptr && !restart->IsNull(row) && restart->IntAt(row) != 0;
}

// The state one call carries from row to row.
struct CallState {
  bool first = true;  // no row seen yet
  int64_t number = 0;
  int64_t count = 0;  // rows since the last restart, for row_rank_min
  int64_t sum_int = 0;
  double sum_real = 0;
  std::deque<Value> history;     // prev: the last `offset` values
  std::shared_ptr<Column> last;  // row_rank_*: the previous row's value
};

class WindowStream : public BatchStream {
 public:
  WindowStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context), states_(plan.window_calls.size()) {
    for (const auto& call : plan_.window_calls) looks_ahead_ |= call.function == Function::kNext;
  }

  std::optional<Batch> Next() override {
    std::optional<Batch> batch = looks_ahead_ ? ReadAll() : input_->Next();
    if (!batch) return std::nullopt;
    for (size_t i = 0; i < plan_.window_calls.size(); ++i) {
      // Evaluated over the batch so far: the calls after this one may read its column.
      batch->columns.push_back(Compute(plan_.window_calls[i], states_[i], *batch));
    }
    return batch;
  }

 private:
  std::optional<Batch> ReadAll() {
    if (done_) return std::nullopt;
    done_ = true;
    std::vector<std::shared_ptr<Column>> columns;
    size_t rows = 0;
    while (auto batch = input_->Next()) {
      if (columns.empty()) {
        for (const auto& c : batch->columns) columns.push_back(std::make_shared<Column>(c->type()));
      }
      for (size_t c = 0; c < batch->columns.size(); ++c) {
        for (size_t r = 0; r < batch->rows; ++r) columns[c]->AppendFrom(*batch->columns[c], r);
      }
      rows += batch->rows;
    }
    if (rows == 0) return std::nullopt;
    Batch all;
    all.rows = rows;
    all.columns.assign(columns.begin(), columns.end());
    return all;
  }

  ColumnPtr Compute(const WindowCall& call, CallState& state, const Batch& batch) {
    ColumnPtr value = call.value ? Evaluate(*call.value, batch, context_) : nullptr;
    ColumnPtr restart = call.restart ? Evaluate(*call.restart, batch, context_) : nullptr;
    auto out = std::make_shared<Column>(call.type);
    out->Reserve(batch.rows);
    for (size_t row = 0; row < batch.rows; ++row) {
      bool restarting = state.first || IsTrue(restart.get(), row);
      switch (call.function) {
        case Function::kRowNumber:
          state.number = restarting ? call.offset : state.number + 1;
          out->AppendInt(state.number);
          break;
        case Function::kPrev: {
          auto offset = static_cast<size_t>(call.offset);
          if (offset == 0) {
            out->AppendFrom(*value, row);
            break;
          }
          if (state.history.size() == offset) {
            out->Append(state.history.front());
            state.history.pop_front();
          } else {
            out->Append(call.default_value);
          }
          state.history.push_back(value->ValueAt(row));
          break;
        }
        case Function::kNext: {
          size_t ahead = row + static_cast<size_t>(call.offset);
          if (ahead < batch.rows)
            out->AppendFrom(*value, ahead);
          else
            out->Append(call.default_value);
          break;
        }
        case Function::kRowCumsum:
          AddToSum(call, state, *value, row, restarting, *out);
          break;
        case Function::kRowRankDense:
        case Function::kRowRankMin: {
          ++state.count;
          if (restarting) {
            state.count = 1;
            state.number = 1;
          } else if (!SameAsLast(state, *value, row)) {
            state.number = call.function == Function::kRowRankDense ? state.number + 1 : state.count;
          }
          state.last = std::make_shared<Column>(value->type());
          state.last->AppendFrom(*value, row);
          out->AppendInt(state.number);
          break;
        }
      }
      state.first = false;
    }
    return out;
  }

  // Null terms leave the sum as it is; a restart starts it over from this row's term.
  static void AddToSum(const WindowCall& call, CallState& state, const Column& value, size_t row,
                       bool restarting, Column& out) {
    bool real = call.type == Type::Real || call.type == Type::Decimal;
    if (restarting) state.sum_int = 0, state.sum_real = 0;
    if (!value.IsNull(row)) {
      if (real)
        state.sum_real += value.RealAt(row);
      else
        state.sum_int += value.IntAt(row);
    }
    if (real)
      out.AppendReal(state.sum_real);
    else
      out.AppendInt(state.sum_int);
  }

  static bool SameAsLast(const CallState& state, const Column& value, size_t row) {
    const Column& last = *state.last;
    bool null_now = value.IsNull(row), null_before = last.IsNull(0);
    if (null_now || null_before) return null_now == null_before;
    return CompareNonNull(value, row, last, 0) == 0;
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  std::vector<CallState> states_;
  bool looks_ahead_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<BatchStream> MakeWindow(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                        const EvalContext& context) {
  return std::make_unique<WindowStream>(plan, std::move(input), context);
}

}  // namespace iochound
