// MISP events (`{"Event": {...}}` as feeds and exports write them, or the bare event object): the
// event's attributes and its objects' attributes of the types iochound hunts (domain, hostname,
// ip-src, ip-dst, ip-src|port, ip-dst|port, url, md5, sha1, sha256, filename).
#pragma once

#include <simdjson.h>

#include "intel/feed_sink.h"

namespace iochound {

bool LooksLikeMispEvent(simdjson::dom::element root);

// Attributes whose `to_ids` is off are context, not detection IOCs: they are skipped unless
// `include_non_ids`.
void ReadMispEvent(simdjson::dom::element root, bool include_non_ids, FeedSink& sink);

}  // namespace iochound
