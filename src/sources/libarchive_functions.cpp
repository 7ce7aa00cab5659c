#include "sources/libarchive_functions.h"

#include "common/shared_library.h"

namespace iochound {

const LibarchiveFunctions& Libarchive() {
  // A failed load throws out of the initializer, so the next archive tries again and says why.
  static const LibarchiveFunctions functions = [] {
    static const SharedLibrary library(IOCHOUND_LIBARCHIVE_SONAME, "reading archives");
    return LibarchiveFunctions{
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_new),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_free),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_support_filter_all),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_support_format_all),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_open_filename),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_next_header),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_read_data),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_error_string),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_entry_pathname_utf8),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_entry_pathname),
        IOCHOUND_LIBRARY_FUNCTION(library, archive_entry_filetype),
    };
  }();
  return functions;
}

}  // namespace iochound
