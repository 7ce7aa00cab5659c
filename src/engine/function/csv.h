// CSV text as records of fields, shared by parse_csv, _GetWatchlist and externaldata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends;
// blank lines are skipped.
std::vector<std::vector<std::string>> ParseCsvRecords(std::string_view text);

}  // namespace iochound
