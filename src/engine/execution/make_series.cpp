// make-series: per group, one aggregate per bin of the axis, returned as dynamic arrays together with
// the axis itself. Without `from` the first bin holds the smallest axis value, so the rows are read
// before any is binned.
#include <cmath>
#include <map>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

// The axis as a number: ticks for datetime and timespan, so that bins are exact.
struct Axis {
  bool real = false;
  double real_value = 0;
  int64_t int_value = 0;
};

class MakeSeriesStream : public BatchStream {
 public:
  MakeSeriesStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (done_) return std::nullopt;
    done_ = true;
    Read();
    return Build();
  }

 private:
  struct Row {
    size_t group;
    Axis axis;
    std::vector<std::vector<Value>> args;  // per aggregate
  };

  size_t KeyCount() const { return plan_.exprs.size() - 1; }
  bool RealAxis() const { return plan_.series_step.type() == Type::Real; }

  Axis AxisOf(const Value& v) const {
    Axis axis;
    axis.real = RealAxis();
    if (axis.real)
      axis.real_value = v.real_value();
    else
      axis.int_value = v.int_value();
    return axis;
  }

  void Read() {
    size_t keys = KeyCount();
    while (auto batch = input_->Next()) {
      std::vector<ColumnPtr> key_columns;
      for (size_t k = 0; k < keys; ++k) key_columns.push_back(Evaluate(*plan_.exprs[k], *batch, context_));
      ColumnPtr axis = Evaluate(*plan_.exprs[keys], *batch, context_);
      std::vector<std::vector<ColumnPtr>> arg_columns;
      for (const auto& aggregate : plan_.aggregates) {
        auto& columns = arg_columns.emplace_back();
        for (const auto& arg : aggregate.args) columns.push_back(Evaluate(*arg, *batch, context_));
      }
      for (size_t r = 0; r < batch->rows; ++r) {
        if (axis->IsNull(r)) continue;  // a row without an axis value belongs to no bin
        std::string key;
        for (const auto& column : key_columns) AppendGroupKey(*column, r, key);
        auto [it, inserted] = groups_.try_emplace(key, group_keys_.size());
        if (inserted) {
          auto& values = group_keys_.emplace_back();
          for (const auto& column : key_columns) values.push_back(column->ValueAt(r));
        }
        Row row{it->second, AxisOf(axis->ValueAt(r)), {}};
        for (const auto& columns : arg_columns) {
          auto& values = row.args.emplace_back();
          for (const auto& column : columns) values.push_back(column->ValueAt(r));
        }
        rows_.push_back(std::move(row));
      }
    }
  }

  // The bin of an axis value, or -1 when it falls outside [from, from + bins * step).
  int64_t BinOf(const Axis& axis, const Axis& from, const Axis& step, int64_t bins) const {
    int64_t bin;
    if (axis.real) {
      double offset = (axis.real_value - from.real_value) / step.real_value;
      if (offset < 0) return -1;
      bin = static_cast<int64_t>(std::floor(offset));
    } else {
      if (axis.int_value < from.int_value) return -1;
      bin = (axis.int_value - from.int_value) / step.int_value;
    }
    return bin < bins ? bin : -1;
  }

  Value AxisValue(const Axis& from, const Axis& step, int64_t bin) const {
    Type type = plan_.series_from.type();
    if (from.real) return Value::FromReal(type, from.real_value + static_cast<double>(bin) * step.real_value);
    return Value::FromInt(type, from.int_value + bin * step.int_value);
  }

  std::optional<Batch> Build() {
    if (rows_.empty()) return std::nullopt;
    Axis step = AxisOf(plan_.series_step);
    // A missing start is the bin (as bin() rounds) of the smallest axis value; a missing end, the
    // bin after the largest.
    Axis low = rows_[0].axis, high = rows_[0].axis;
    for (const auto& row : rows_) {
      if (row.axis.real ? row.axis.real_value < low.real_value : row.axis.int_value < low.int_value)
        low = row.axis;
      if (row.axis.real ? row.axis.real_value > high.real_value : row.axis.int_value > high.int_value)
        high = row.axis;
    }
    Axis from = plan_.series_from.is_null() ? low : AxisOf(plan_.series_from);
    if (plan_.series_from.is_null()) {
      if (from.real)
        from.real_value = std::floor(from.real_value / step.real_value) * step.real_value;
      else
        from.int_value = FloorDiv(from.int_value, step.int_value) * step.int_value;
    }
    int64_t bins;
    if (plan_.series_to.is_null()) {
      bins = high.real
                 ? static_cast<int64_t>(std::floor((high.real_value - from.real_value) / step.real_value)) + 1
                 : FloorDiv(high.int_value - from.int_value, step.int_value) + 1;
    } else {
      Axis to = AxisOf(plan_.series_to);
      bins = to.real ? static_cast<int64_t>(std::ceil((to.real_value - from.real_value) / step.real_value))
                     : CeilDiv(to.int_value - from.int_value, step.int_value);
    }
    if (bins <= 0) return std::nullopt;
    size_t aggregates = plan_.aggregates.size();
    // states[group][bin * aggregates + a], created when a row reaches them.
    std::vector<std::vector<std::unique_ptr<AggregateState>>> states(group_keys_.size());
    std::vector<bool> has_rows(group_keys_.size(), false);
    for (auto& row : rows_) {
      int64_t bin = BinOf(row.axis, from, step, bins);
      if (bin < 0) continue;
      auto& group = states[row.group];
      if (group.empty()) group.resize(static_cast<size_t>(bins) * aggregates);
      has_rows[row.group] = true;
      for (size_t a = 0; a < aggregates; ++a) {
        auto& state = group[static_cast<size_t>(bin) * aggregates + a];
        const AggregateCall& call = plan_.aggregates[a];
        if (!state) state = call.function->create(call.bound_args);
        state->Add(row.args[a]);
      }
    }
    Dynamic::Array axis;
    for (int64_t bin = 0; bin < bins; ++bin) axis.push_back(ToDynamic(AxisValue(from, step, bin)));
    Dynamic axis_array = Dynamic::MakeArray(std::move(axis));
    std::vector<std::shared_ptr<Column>> columns;
    for (const auto& field : plan_.schema) columns.push_back(std::make_shared<Column>(field.type));
    size_t rows = 0;
    for (size_t g = 0; g < group_keys_.size(); ++g) {
      if (!has_rows[g]) continue;
      ++rows;
      for (size_t k = 0; k < KeyCount(); ++k) columns[k]->Append(group_keys_[g][k]);
      for (size_t a = 0; a < aggregates; ++a) {
        Dynamic::Array values;
        for (int64_t bin = 0; bin < bins; ++bin) {
          auto& state = states[g][static_cast<size_t>(bin) * aggregates + a];
          Value v = state ? state->Finish() : Value();
          values.push_back(ToDynamic(v.is_null() ? plan_.series_defaults[a] : v));
        }
        columns[KeyCount() + a]->AppendDynamic(Dynamic::MakeArray(std::move(values)));
      }
      columns.back()->AppendDynamic(axis_array);
    }
    if (rows == 0) return std::nullopt;
    Batch out;
    out.rows = rows;
    out.columns.assign(columns.begin(), columns.end());
    return out;
  }

  static int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
  static int64_t CeilDiv(int64_t a, int64_t b) { return -FloorDiv(-a, b); }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  bool done_ = false;
  std::map<std::string, size_t> groups_;
  std::vector<std::vector<Value>> group_keys_;
  std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeMakeSeries(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                            const EvalContext& context) {
  return std::make_unique<MakeSeriesStream>(plan, std::move(input), context);
}

}  // namespace iochound
