// Many queries, one decode: a thousand Sigma rules over the same events cost one scan of them plus
// each rule's filter, instead of a thousand scans (decoding was ~90% of such a hunt).
#include <algorithm>

#include "engine/execution/operator.h"
#include "engine/execution/shared_subexpressions.h"

namespace iochound {
namespace {

struct Sharer {
  std::vector<const PlanNode*> chain;  // bottom first
  const PlanNode* scan = nullptr;
  std::vector<size_t> positions;    // each of its scan's columns in the shared batches
  bool reads_every_column = false;  // positions are 0, 1, ...: its view is the shared batch
  EvalContext context;
  size_t id = 0;
};

// One sharer's rows of a shared batch: its chain over its own columns. The first filter of one that
// reads every column runs over the shared batch itself, so that it can use and leave results in
// `shared`; the operators after it see other batches and evaluate without.
std::optional<Batch> RunChain(const Sharer& sharer, const Batch& shared) {
  std::optional<Batch> result;
  size_t step = 0;
  if (sharer.reads_every_column && !sharer.chain.empty() &&
      sharer.chain[0]->kind == PlanNode::Kind::kFilter) {
    result = FilterBatch(*sharer.chain[0], shared, sharer.context);
    if (!result) return std::nullopt;
    step = 1;
  } else {
    Batch view;
    view.rows = shared.rows;
    view.sources = shared.sources;
    for (size_t position : sharer.positions) view.columns.push_back(shared.columns[position]);
    result = std::move(view);
  }
  EvalContext unshared = sharer.context;
  unshared.shared = nullptr;
  for (; step < sharer.chain.size(); ++step) {
    const PlanNode& node = *sharer.chain[step];
    if (node.kind == PlanNode::Kind::kFilter) {
      result = FilterBatch(node, std::move(*result), unshared);
      if (!result) return std::nullopt;
    } else {
      result = ProjectBatch(node, *result, unshared);
    }
  }
  return result;
}

}  // namespace

void RunSharedScan(std::span<const ScanSharer> sharers, const std::function<void(size_t, Batch)>& emit) {
  if (sharers.empty()) return;
  std::vector<Sharer> prepared;
  std::vector<int> columns;
  std::vector<ScanLiteral> literals;
  bool every_one_has_literals = true;
  const PlanNode* scan = nullptr;
  int threads = 1;
  for (const ScanSharer& sharer : sharers) {
    Sharer& one = prepared.emplace_back();
    scan = one.scan = ScanUnderChain(*sharer.top, one.chain);
    one.context = *sharer.context;
    one.id = sharer.id;
    columns.insert(columns.end(), scan->scan_columns.begin(), scan->scan_columns.end());
    // A record none of the queries' literals occurs in is dropped by every one of them.
    every_one_has_literals = every_one_has_literals && !scan->scan_literals.empty();
    literals.insert(literals.end(), scan->scan_literals.begin(), scan->scan_literals.end());
    threads = std::max(threads, sharer.context->threads);
  }
  std::sort(columns.begin(), columns.end());
  columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
  std::vector<SharedSubexpressions::Root> roots;
  for (size_t i = 0; i < sharers.size(); ++i) {
    Sharer& one = prepared[i];
    for (int column : one.scan->scan_columns) {
      one.positions.push_back(
          static_cast<size_t>(std::lower_bound(columns.begin(), columns.end(), column) - columns.begin()));
    }
    one.reads_every_column = one.positions.size() == columns.size();
    if (one.reads_every_column && !one.chain.empty() && one.chain[0]->kind == PlanNode::Kind::kFilter)
      roots.push_back({one.chain[0]->exprs[0].get(), one.context.now_ticks});
  }
  SharedSubexpressions shared(roots);
  for (Sharer& one : prepared) {
    if (one.reads_every_column) one.context.shared = &shared;
  }
  ScanHints hints;
  hints.threads = threads;
  if (every_one_has_literals) hints.literals = std::move(literals);
  auto stream = scan->table->Scan(columns, hints);
  while (auto batch = stream->Next()) {
    shared.Reset(*batch);
    for (const Sharer& sharer : prepared) {
      if (auto rows = RunChain(sharer, *batch)) emit(sharer.id, std::move(*rows));
    }
  }
}

}  // namespace iochound
