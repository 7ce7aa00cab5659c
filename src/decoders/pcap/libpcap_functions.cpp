#include "decoders/pcap/libpcap_functions.h"

#include "common/shared_library.h"

namespace iochound {

const LibpcapFunctions& Libpcap() {
  // A failed load throws out of the initializer, so the next capture tries again and says why.
  static const LibpcapFunctions functions = [] {
    static const SharedLibrary library(IOCHOUND_LIBPCAP_SONAME, "reading captures");
    return LibpcapFunctions{
        IOCHOUND_LIBRARY_FUNCTION(library, pcap_fopen_offline_with_tstamp_precision),
        IOCHOUND_LIBRARY_FUNCTION(library, pcap_datalink),
        IOCHOUND_LIBRARY_FUNCTION(library, pcap_next_ex),
        IOCHOUND_LIBRARY_FUNCTION(library, pcap_geterr),
        IOCHOUND_LIBRARY_FUNCTION(library, pcap_close),
    };
  }();
  return functions;
}

}  // namespace iochound
