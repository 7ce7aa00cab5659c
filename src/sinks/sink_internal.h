// Cell rendering shared by the result writers, and their constructors for the factory.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "sinks/result_writer.h"
#include "types/column.h"

namespace iochound::sinks {

// A cell as a JSON value: null, true/false, numbers (reals as Kusto prints them, NaN and infinities
// as strings), datetimes (ISO 8601 UTC, minimal fraction digits) and timespans as strings, dynamic
// values as embedded JSON.
void AppendJsonCell(std::string& out, const Column& column, size_t row);

// A cell as plain text for csv and table: empty for null, otherwise the JSON rendering without
// string quotes (dynamic values as compact JSON text). Invalid UTF-8 becomes U+FFFD.
void AppendTextCell(std::string& out, const Column& column, size_t row);

// Appends `s` with each invalid UTF-8 byte replaced by U+FFFD.
void AppendValidUtf8(std::string& out, std::string_view s);

// Terminal columns `s` (valid UTF-8) occupies: 2 for East Asian wide/fullwidth, 0 for combining and
// format characters, 1 otherwise.
size_t DisplayWidth(std::string_view s);

// Writes `text` to `out`; throws std::runtime_error on a write error.
void WriteAll(std::FILE* out, std::string_view text);

std::unique_ptr<ResultWriter> MakeJsonWriter(std::FILE* out);
std::unique_ptr<ResultWriter> MakeJsonLinesWriter(std::FILE* out);
std::unique_ptr<ResultWriter> MakeCsvWriter(std::FILE* out);
std::unique_ptr<ResultWriter> MakeTableWriter(std::FILE* out);

}  // namespace iochound::sinks
