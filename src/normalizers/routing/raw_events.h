// RawEvents: where routed inputs keep the records no built-in table takes, so they can still be
// queried (`RawEvents | summarize count() by Reason`) instead of vanishing.
#pragma once

#include <string_view>

#include "types/type.h"

namespace iochound {

inline constexpr std::string_view kRawEventsTable = "RawEvents";

// TimeGenerated (datetime), SourceFile, SourceFormat, RecordLine (long), RecordOffset (long),
// Reason (string), RawData (dynamic: the record as JSON).
const Schema& RawEventsSchema();

}  // namespace iochound
