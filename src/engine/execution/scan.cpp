#include "engine/execution/operator.h"

namespace iochound {

std::unique_ptr<BatchStream> MakeScan(const PlanNode& plan) {
  return plan.table->Scan(plan.scan_columns);
}

}  // namespace iochound
