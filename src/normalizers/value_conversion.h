// Types raw field values by their column's Kusto type, as Log Analytics ingestion would.
#pragma once

#include <string>
#include <string_view>

#include "decoders/raw_value.h"
#include "types/column.h"

namespace iochound {

// Appends `value` converted to `column`'s type. A null, or an empty or blank string in a non-string
// column, appends null. Returns false (appending null) when the value does not convert, e.g. "abc"
// in an int column or a malformed datetime; the caller reports it and keeps the record.
//
// Rules: strings parse as the column's type (bool accepts true/false in any case; datetime any text
// ParseExportDateTime knows, converted to UTC; guid the 8-4-4-4-12 form, stored
// lowercase); JSON numbers go into int/long (integers in range) and real; anything goes into
// dynamic, where a string holding a JSON object or array (as the az CLI and the query API render
// dynamic columns) is parsed as JSON and any other string stays a dynamic string; anything goes into
// string, JSON values as their compact text.
bool AppendConverted(Column& column, const RawValue& value);

// Whether `text` is a canonical-form guid (8-4-4-4-12 hex digits).
bool IsGuidText(std::string_view text);

}  // namespace iochound
