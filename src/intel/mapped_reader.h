// Feeds in any JSON, JSON Lines or CSV shape, read through a FieldMapping.
#pragma once

#include <simdjson.h>

#include <string_view>

#include "intel/feed_sink.h"
#include "intel/field_mapping.h"

namespace iochound {

// Throws std::invalid_argument when the mapping's paths are malformed.
void ReadMappedJson(simdjson::dom::element root, const FieldMapping& mapping, FeedSink& sink);
// One JSON document per line; a line that is not valid JSON is rejected.
void ReadMappedJsonLines(std::string_view text, const FieldMapping& mapping, FeedSink& sink);
// A header row naming the columns (lines starting with `#` before it are skipped), then one IOC per
// row. Throws std::invalid_argument when a mapped column is missing from the header.
void ReadMappedCsv(std::string_view text, const FieldMapping& mapping, FeedSink& sink);

}  // namespace iochound
