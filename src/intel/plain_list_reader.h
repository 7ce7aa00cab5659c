// Plain IOC lists: one value per line, `#` comments (whole lines, or after a blank), the type of
// each value inferred from its form.
#pragma once

#include <string_view>

#include "intel/feed_sink.h"

namespace iochound {

void ReadPlainList(std::string_view text, FeedSink& sink);

}  // namespace iochound
