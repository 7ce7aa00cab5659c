// The libarchive functions iochound calls, found in the library when the first archive is read
// (common/shared_library.h says why it is not linked).
#pragma once

#include <archive.h>
#include <archive_entry.h>

namespace iochound {

struct LibarchiveFunctions {
  decltype(&archive_read_new) read_new;
  decltype(&archive_read_free) read_free;
  decltype(&archive_read_support_filter_all) read_support_filter_all;
  decltype(&archive_read_support_format_all) read_support_format_all;
  decltype(&archive_read_open_filename) read_open_filename;
  decltype(&archive_read_next_header) read_next_header;
  decltype(&archive_read_data) read_data;
  decltype(&archive_error_string) error_string;
  decltype(&archive_entry_pathname_utf8) entry_pathname_utf8;
  decltype(&archive_entry_pathname) entry_pathname;
  decltype(&archive_entry_filetype) entry_filetype;
};

// Loads libarchive on the first call. Throws std::runtime_error saying why when it cannot.
const LibarchiveFunctions& Libarchive();

}  // namespace iochound
