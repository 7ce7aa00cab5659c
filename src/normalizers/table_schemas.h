// Built-in schemas of Microsoft Sentinel / Log Analytics tables, so that an export is typed as the
// workspace types it even when the export format carries no types (CSV, az CLI strings).
#pragma once

#include <string_view>
#include <vector>

#include "types/type.h"

namespace iochound {

// The documented columns of a built-in table, in the order Log Analytics shows them; nullptr when
// `table` (exact, case-sensitive) has no built-in schema.
const Schema* FindBuiltinSchema(std::string_view table);

// Names of the tables with a built-in schema, sorted.
std::vector<std::string_view> BuiltinTableNames();

// Whether a built-in column is one of Log Analytics' hidden standard columns (_BilledSize,
// _IsBillable, _SubscriptionId): `*` does not show them and exports rarely carry them, so a table
// read from files has them only when its data does.
bool IsHiddenStandardColumn(std::string_view column);

}  // namespace iochound
