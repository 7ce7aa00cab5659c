// Functions Sentinel defines in KQL for every workspace (the ASIM parsers), available to every query
// as if the query had defined them first with `let`; a query's own `let` of the same name wins.
#pragma once

#include "engine/parser/parser.h"

namespace iochound::binding {

// The definitions, parsed once: let statements of functions (and a final statement to ignore).
const ParsedQuery& BuiltinFunctions();

}  // namespace iochound::binding
