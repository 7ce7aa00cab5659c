#include "engine/engine.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"
#include "engine/parser/parser.h"
#include "engine/planner/binder.h"
#include "engine/planner/prune_columns.h"
#include "engine/planner/scan_literals.h"

namespace iochound {
namespace {

class ExecutingEvaluator : public ConstantEvaluator {
 public:
  explicit ExecutingEvaluator(const EvalContext& context) : context_(context) {}

  Value EvaluateScalar(const BoundExpr& expr) override {
    Batch one_row;
    one_row.rows = 1;
    return Evaluate(expr, one_row, context_)->ValueAt(0);
  }

  std::vector<std::vector<Value>> Run(const PlanNode& plan) override {
    std::vector<std::vector<Value>> rows;
    auto stream = BuildOperators(plan, context_);
    while (auto batch = stream->Next()) {
      for (size_t r = 0; r < batch->rows; ++r) {
        auto& row = rows.emplace_back();
        for (const auto& column : batch->columns) row.push_back(column->ValueAt(r));
      }
    }
    return rows;
  }

 private:
  const EvalContext& context_;
};

class Query : public PreparedQuery {
 public:
  Query(PlanNodePtr plan, EvalContext context) : plan_(std::move(plan)), context_(context) {}
  const Schema& schema() const override { return plan_->schema; }
  std::unique_ptr<BatchStream> Execute() override { return BuildOperators(*plan_, context_); }
  std::string Explain() const override { return ExplainPlan(*plan_); }

 private:
  PlanNodePtr plan_;
  EvalContext context_;
};

int64_t WallClockTicks() {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100;
}

}  // namespace

std::unique_ptr<PreparedQuery> Prepare(std::string_view text, const Catalog& catalog,
                                       const QueryOptions& options) {
  EvalContext context;
  context.now_ticks = options.now_ticks != 0 ? options.now_ticks : WallClockTicks();
  context.threads = options.threads > 0 ? options.threads
                                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ParsedQuery parsed = ParseQuery(text);
  ExecutingEvaluator evaluator(context);
  PlanNodePtr plan = BindQuery(text, parsed, catalog, evaluator, options);
  PruneColumns(*plan);
  if (options.prefilter) DeriveScanLiterals(*plan);
  return std::make_unique<Query>(std::move(plan), context);
}

}  // namespace iochound
