#include "engine/engine.h"

#include <algorithm>
#include <chrono>

#include "common/cores.h"
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
  const PlanNode& plan() const override { return *plan_; }
  const EvalContext& context() const override { return context_; }

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
  context.threads = options.threads > 0 ? options.threads : CoreCount();
  if (options.sort_memory > 0) context.sort_memory = options.sort_memory;
  ParsedQuery parsed = ParseQuery(text);
  ExecutingEvaluator evaluator(context);
  PlanNodePtr plan = BindQuery(text, parsed, catalog, evaluator, options);
  PruneColumns(*plan);
  if (options.prefilter) DeriveScanLiterals(*plan);
  return std::make_unique<Query>(std::move(plan), context);
}

void ExecuteSharingScans(std::span<PreparedQuery* const> queries,
                         const std::function<void(size_t, Batch)>& emit) {
  // Sharers by table, tables in the order their first query comes.
  std::vector<std::pair<const TableSource*, std::vector<ScanSharer>>> by_table;
  std::vector<size_t> alone;
  for (size_t i = 0; i < queries.size(); ++i) {
    const PlanNode& plan = queries[i]->plan();
    std::vector<const PlanNode*> chain;
    const PlanNode* scan = ScanUnderChain(plan, chain);
    if (scan == nullptr) {
      alone.push_back(i);
      continue;
    }
    auto it =
        std::find_if(by_table.begin(), by_table.end(), [&](const auto& t) { return t.first == scan->table; });
    if (it == by_table.end()) it = by_table.insert(by_table.end(), {scan->table, {}});
    it->second.push_back({&plan, &queries[i]->context(), i});
  }
  for (const auto& [table, sharers] : by_table) {
    // One query alone keeps its own scan, with its prefilter and its filters on the scan's threads.
    if (sharers.size() == 1) {
      alone.push_back(sharers.front().id);
      continue;
    }
    RunSharedScan(sharers, emit);
  }
  std::sort(alone.begin(), alone.end());
  for (size_t i : alone) {
    auto stream = queries[i]->Execute();
    while (auto batch = stream->Next()) emit(i, std::move(*batch));
  }
}

}  // namespace iochound
