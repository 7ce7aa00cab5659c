// Hosts-file blocklists such as ThreatFox's hostfile: `127.0.0.1 domain` (or `0.0.0.0 domain`)
// per line, `#` comments.
#pragma once

#include <string_view>

#include "intel/feed_sink.h"

namespace iochound {

// True when the first non-comment line maps a name to 127.0.0.1 or 0.0.0.0.
bool LooksLikeHostfile(std::string_view text);

void ReadHostfile(std::string_view text, FeedSink& sink);

}  // namespace iochound
