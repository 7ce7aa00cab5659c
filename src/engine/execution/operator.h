// Physical operators: BatchStreams that pull from their children. Built from the logical plan by
// BuildOperators(); each operator lives in its own file.
#pragma once

#include <memory>

#include "engine/catalog.h"
#include "engine/function/function_registry.h"
#include "engine/planner/logical_plan.h"

namespace iochound {

// Turns a logical plan into a tree of physical operators. The plan must outlive the operators.
std::unique_ptr<BatchStream> BuildOperators(const PlanNode& plan, const EvalContext& context);

// Factories, one per operator file.
std::unique_ptr<BatchStream> MakeScan(const PlanNode& plan, const EvalContext& context);
// Filters and projections right above a scan (`top` is the highest), run by the scan over each part
// of its input, on its threads; nullptr when `top` is not such a chain.
std::unique_ptr<BatchStream> MakeScanPipeline(const PlanNode& top, const EvalContext& context);
std::unique_ptr<BatchStream> MakeValues(const PlanNode& plan);
std::unique_ptr<BatchStream> MakeRange(const PlanNode& plan);
std::unique_ptr<BatchStream> MakeFilter(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                        const EvalContext& context);
std::unique_ptr<BatchStream> MakeProject(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                         const EvalContext& context);
std::unique_ptr<BatchStream> MakeSort(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                      const EvalContext& context);
std::unique_ptr<BatchStream> MakeLimit(const PlanNode& plan, std::unique_ptr<BatchStream> input);
std::unique_ptr<BatchStream> MakeAggregate(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                           const EvalContext& context);
std::unique_ptr<BatchStream> MakeArgExtreme(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                            const EvalContext& context);
std::unique_ptr<BatchStream> MakeJoin(const PlanNode& plan, std::unique_ptr<BatchStream> left,
                                      std::unique_ptr<BatchStream> right);
std::unique_ptr<BatchStream> MakeMvExpand(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                          const EvalContext& context);
std::unique_ptr<BatchStream> MakeParse(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                       const EvalContext& context);
std::unique_ptr<BatchStream> MakeWindow(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                        const EvalContext& context);
std::unique_ptr<BatchStream> MakeMakeSeries(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                            const EvalContext& context);
std::unique_ptr<BatchStream> MakeTopNested(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                           const EvalContext& context);
std::unique_ptr<BatchStream> MakeMvApply(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                         const EvalContext& context);
// The current row of the mv-apply whose subquery is being built.
std::unique_ptr<BatchStream> MakeImplicitInput(const PlanNode& plan);
std::unique_ptr<BatchStream> MakeUnion(const PlanNode& plan,
                                       std::vector<std::unique_ptr<BatchStream>> inputs);

}  // namespace iochound
