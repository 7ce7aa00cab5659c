// Column pruning: scans request only the columns some operator above them reads, so sources decode
// only those (a hunt over DnsEvents touching 5 of its 30 columns decodes 5).
#pragma once

#include "engine/planner/logical_plan.h"

namespace iochound {

void PruneColumns(PlanNode& root);

}  // namespace iochound
