// ThreatFox JSON: the export (an object keyed by IOC id, each an array of IOC objects with
// `ioc_value`, `ioc_type`, `first_seen_utc`, ...) and the API's `{"query_status", "data": [...]}`
// (`ioc`, `first_seen`, tags as an array).
#pragma once

#include <simdjson.h>

#include "intel/feed_sink.h"

namespace iochound {

bool LooksLikeThreatFoxJson(simdjson::dom::element root);

void ReadThreatFoxJson(simdjson::dom::element root, FeedSink& sink);

}  // namespace iochound
