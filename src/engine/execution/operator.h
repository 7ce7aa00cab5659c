// Physical operators: BatchStreams that pull from their children. Built from the logical plan by
// BuildOperators(); each operator lives in its own file.
#pragma once

#include <functional>
#include <memory>
#include <span>

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
// The scan at the bottom of a chain of filters and projections whose highest node is `top`, with
// the chain's nodes bottom first in `chain`; nullptr when some other operator is in between.
const PlanNode* ScanUnderChain(const PlanNode& top, std::vector<const PlanNode*>& chain);
// One batch through a filter (nullopt when it keeps no row) or a projection: the streaming
// operators' work, for callers that push batches rather than pull them.
std::optional<Batch> FilterBatch(const PlanNode& filter, const Batch& batch, const EvalContext& context);
Batch ProjectBatch(const PlanNode& project, const Batch& batch, const EvalContext& context);
// A query of filters and projections over one scan, sharing that scan with others (shared_scan.cpp).
struct ScanSharer {
  const PlanNode* top = nullptr;  // the chain's highest node, ScanUnderChain of which is not null
  const EvalContext* context = nullptr;
  size_t id = 0;
};
// Scans the table of the sharers' scans (one TableSource for all) once, reading the union of their
// columns, and runs each sharer's chain over every batch: emit(id, rows) for each non-empty result,
// in input order, the sharers in the given order within a batch.
void RunSharedScan(std::span<const ScanSharer> sharers, const std::function<void(size_t, Batch)>& emit);
std::unique_ptr<BatchStream> MakeValues(const PlanNode& plan);
std::unique_ptr<BatchStream> MakeRange(const PlanNode& plan);
std::unique_ptr<BatchStream> MakeFilter(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                        const EvalContext& context);
std::unique_ptr<BatchStream> MakeProject(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                         const EvalContext& context);
std::unique_ptr<BatchStream> MakeSort(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                      const EvalContext& context);
std::unique_ptr<BatchStream> MakeTop(const PlanNode& plan, std::unique_ptr<BatchStream> input,
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
