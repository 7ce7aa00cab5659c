// Literal rows (datatable, print) and generated sequences (range).
#include <algorithm>

#include "common/diagnostics.h"
#include "engine/execution/operator.h"

namespace iochound {
namespace {

class ValuesStream : public BatchStream {
 public:
  explicit ValuesStream(const PlanNode& plan) : plan_(plan) {}
  std::optional<Batch> Next() override {
    if (next_row_ >= plan_.rows.size() && !(plan_.rows.empty() && !emitted_)) return std::nullopt;
    emitted_ = true;
    size_t end = std::min(plan_.rows.size(), next_row_ + kBatchRows);
    Batch batch;
    for (size_t c = 0; c < plan_.schema.size(); ++c) {
      auto column = std::make_shared<Column>(plan_.schema[c].type);
      for (size_t r = next_row_; r < end; ++r) column->Append(plan_.rows[r][c]);
      batch.columns.push_back(std::move(column));
    }
    batch.rows = end - next_row_;
    next_row_ = end;
    return batch;
  }

 private:
  const PlanNode& plan_;
  size_t next_row_ = 0;
  bool emitted_ = false;
};

// range x from a to b step s: inclusive bounds, as Kusto; a step pointing away from `to` yields no rows.
class RangeStream : public BatchStream {
 public:
  explicit RangeStream(const PlanNode& plan) : plan_(plan), type_(plan.schema[0].type) {
    is_real_ = type_ == Type::Real || type_ == Type::Decimal;
    if (is_real_) {
      real_ = plan.range_from.real_value();
    } else {
      int_ = plan.range_from.int_value();
    }
    if (plan.range_from.is_null() || plan.range_to.is_null() || plan.range_step.is_null()) done_ = true;
    if (!is_real_ && plan.range_step.int_value() == 0) throw QueryError("range: step must not be zero");
  }
  std::optional<Batch> Next() override {
    if (done_) return std::nullopt;
    auto column = std::make_shared<Column>(type_);
    while (column->size() < kBatchRows && !done_) {
      if (is_real_) {
        double to = plan_.range_to.real_value(), step = plan_.range_step.real_value();
        if ((step > 0 && real_ > to) || (step < 0 && real_ < to) || step == 0) {
          done_ = true;
          break;
        }
        column->AppendReal(real_);
        real_ += step;
      } else {
        int64_t to = plan_.range_to.int_value(), step = plan_.range_step.int_value();
        if ((step > 0 && int_ > to) || (step < 0 && int_ < to)) {
          done_ = true;
          break;
        }
        column->AppendInt(int_);
        if (__builtin_add_overflow(int_, step, &int_)) done_ = true;
      }
    }
    if (column->size() == 0) return std::nullopt;
    Batch batch;
    batch.rows = column->size();
    batch.columns.push_back(std::move(column));
    return batch;
  }

 private:
  const PlanNode& plan_;
  Type type_;
  bool is_real_ = false;
  bool done_ = false;
  int64_t int_ = 0;
  double real_ = 0;
};

}  // namespace

std::unique_ptr<BatchStream> MakeValues(const PlanNode& plan) {
  return std::make_unique<ValuesStream>(plan);
}
std::unique_ptr<BatchStream> MakeRange(const PlanNode& plan) {
  return std::make_unique<RangeStream>(plan);
}

}  // namespace iochound
