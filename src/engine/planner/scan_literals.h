// Literal prefilter, planner side: from the filters right above a scan, the literals one of which
// every kept row must contain, so the source can skip records whose bytes hold none of them
// (ScanHints::literals).
#pragma once

#include "engine/planner/logical_plan.h"

namespace iochound {

// Sets scan_literals on every scan under a chain of filters (and projections that pass string
// columns through unchanged) whose condition implies them: has, has_cs, hasprefix, hassuffix,
// contains, startswith, endswith (and their _cs forms), ==, =~, in, in~, has_any, has_all on string
// columns, joined by `and` (the conjunct with the most selective literals is kept) and `or` (both
// sides must give literals). Negations and anything else give none.
void DeriveScanLiterals(PlanNode& root);

}  // namespace iochound
