// Datetime texts found in exports: everything ParseDateTime knows (ISO 8601, RFC 1123) plus the
// Azure portal's "Export to CSV" rendering of UTC datetimes, `4/18/2026, 10:00:00.000 AM`.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iochound {

// Ticks since the Unix epoch (UTC), or nullopt when `text` is no datetime.
std::optional<int64_t> ParseExportDateTime(std::string_view text);

// Whether `text` is a datetime in a form an export writes (ISO 8601 or the portal's), for schema
// inference: numbers and free text that a lenient parser might accept are not taken for datetimes.
bool IsExportDateTime(std::string_view text);

}  // namespace iochound
