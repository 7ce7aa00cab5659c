// abuse.ch CSV exports, read by header name: ThreatFox (header inside a `#` comment, `", "`
// separators, `None` nulls, with or without `is_compromised`), Feodo Tracker's ipblocklist.csv
// (uncommented header, `# END n entries`), and the URLhaus and SSLBL lists of the same shape.
#pragma once

#include <string_view>

#include "intel/feed_sink.h"

namespace iochound {

// True when `text` has a header, commented or not, naming an abuse.ch IOC column.
bool LooksLikeAbuseChCsv(std::string_view text);

void ReadAbuseChCsv(std::string_view text, FeedSink& sink);

}  // namespace iochound
