#include <stdexcept>

#include "engine/execution/operator.h"

namespace iochound {

std::unique_ptr<BatchStream> BuildOperators(const PlanNode& plan, const EvalContext& context) {
  auto child = [&](size_t i) { return BuildOperators(*plan.children.at(i), context); };
  switch (plan.kind) {
    case PlanNode::Kind::kScan:
      return MakeScan(plan, context);
    case PlanNode::Kind::kValues:
      return MakeValues(plan);
    case PlanNode::Kind::kRange:
      return MakeRange(plan);
    case PlanNode::Kind::kFilter:
      if (auto pipeline = MakeScanPipeline(plan, context)) return pipeline;
      return MakeFilter(plan, child(0), context);
    case PlanNode::Kind::kProject:
      if (auto pipeline = MakeScanPipeline(plan, context)) return pipeline;
      return MakeProject(plan, child(0), context);
    case PlanNode::Kind::kSort:
      return MakeSort(plan, child(0), context);
    case PlanNode::Kind::kTop:
      return MakeTop(plan, child(0), context);
    case PlanNode::Kind::kLimit:
      return MakeLimit(plan, child(0));
    case PlanNode::Kind::kAggregate:
      return MakeAggregate(plan, child(0), context);
    case PlanNode::Kind::kArgExtreme:
      return MakeArgExtreme(plan, child(0), context);
    case PlanNode::Kind::kUnion: {
      std::vector<std::unique_ptr<BatchStream>> inputs;
      for (size_t i = 0; i < plan.children.size(); ++i) inputs.push_back(child(i));
      return MakeUnion(plan, std::move(inputs));
    }
    case PlanNode::Kind::kJoin:
      return MakeJoin(plan, child(0), child(1));
    case PlanNode::Kind::kMvExpand:
      return MakeMvExpand(plan, child(0), context);
    case PlanNode::Kind::kWindow:
      return MakeWindow(plan, child(0), context);
    case PlanNode::Kind::kMakeSeries:
      return MakeMakeSeries(plan, child(0), context);
    case PlanNode::Kind::kTopNested:
      return MakeTopNested(plan, child(0), context);
    case PlanNode::Kind::kMvApply:
      return MakeMvApply(plan, child(0), context);
    case PlanNode::Kind::kImplicitInput:
      return MakeImplicitInput(plan);
    case PlanNode::Kind::kParse:
      return MakeParse(plan, child(0), context);
  }
  throw std::logic_error("BuildOperators: unknown plan node");
}

}  // namespace iochound
