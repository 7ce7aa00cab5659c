// The libpcap functions iochound calls, found in the library when the first capture is read
// (common/shared_library.h says why it is not linked).
#pragma once

#include <pcap/pcap.h>

namespace iochound {

struct LibpcapFunctions {
  decltype(&pcap_fopen_offline_with_tstamp_precision) fopen_offline_with_tstamp_precision;
  decltype(&pcap_datalink) datalink;
  decltype(&pcap_next_ex) next_ex;
  decltype(&pcap_geterr) geterr;
  decltype(&pcap_close) close;
};

// Loads libpcap on the first call. Throws std::runtime_error saying why when it cannot.
const LibpcapFunctions& Libpcap();

}  // namespace iochound
