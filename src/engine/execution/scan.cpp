#include <algorithm>

#include "engine/execution/operator.h"

namespace iochound {
namespace {

bool RunsWithTheScan(PlanNode::Kind kind) {
  return kind == PlanNode::Kind::kFilter || kind == PlanNode::Kind::kProject;
}

std::unique_ptr<BatchStream> ScanWith(const PlanNode& scan, const EvalContext& context,
                                      ScanHints::Stage stage) {
  ScanHints hints;
  hints.literals = scan.scan_literals;
  hints.threads = context.threads;
  hints.stage = std::move(stage);
  return scan.table->Scan(scan.scan_columns, hints);
}

}  // namespace

std::unique_ptr<BatchStream> MakeScan(const PlanNode& plan, const EvalContext& context) {
  return ScanWith(plan, context, nullptr);
}

const PlanNode* ScanUnderChain(const PlanNode& top, std::vector<const PlanNode*>& chain) {
  chain.clear();
  const PlanNode* node = &top;
  while (RunsWithTheScan(node->kind)) {
    chain.push_back(node);
    node = node->children[0].get();
  }
  std::reverse(chain.begin(), chain.end());
  return node->kind == PlanNode::Kind::kScan ? node : nullptr;
}

std::unique_ptr<BatchStream> MakeScanPipeline(const PlanNode& top, const EvalContext& context) {
  std::vector<const PlanNode*> chain;
  const PlanNode* scan = ScanUnderChain(top, chain);
  if (scan == nullptr) return nullptr;
  // The plan and the context outlive the operators (BuildOperators' contract).
  auto stage = [chain, &context](std::unique_ptr<BatchStream> rows) {
    for (const PlanNode* step : chain) {
      rows = step->kind == PlanNode::Kind::kFilter ? MakeFilter(*step, std::move(rows), context)
                                                   : MakeProject(*step, std::move(rows), context);
    }
    return rows;
  };
  return ScanWith(*scan, context, std::move(stage));
}

}  // namespace iochound
