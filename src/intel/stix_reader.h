// STIX 2.1 bundles: `indicator` objects whose patterns list IOCs (stix_pattern.h). The malware an
// indicator `indicates` (a relationship) gives the family; its creator identity, the reporter.
#pragma once

#include <simdjson.h>

#include "intel/feed_sink.h"

namespace iochound {

bool LooksLikeStixBundle(simdjson::dom::element root);

void ReadStixBundle(simdjson::dom::element root, FeedSink& sink);

}  // namespace iochound
