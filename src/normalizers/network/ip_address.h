// IP address text as the network sources write it, checked and classified for the tables' columns.
#pragma once

#include <string>
#include <string_view>

namespace iochound {

// True for a dotted IPv4 or a textual IPv6 address (inet_pton's forms); false for names.
bool IsIpAddress(std::string_view text);

// The canonical text of an address (`2607:f8b0:4006:805::200e` for Suricata's fully expanded
// `2607:f8b0:4006:0805:0000:0000:0000:200e`), so one address compares equal from every source; the
// text unchanged when it is not an address.
std::string CanonicalIpAddress(std::string_view text);

// DeviceNetworkEvents' LocalIPType/RemoteIPType: "Public", "Private", "Loopback", "Broadcast",
// "Teredo", "FourToSixMapping" or "Reserved" (link-local, multicast and other special ranges), the
// values Defender documents for the column; "" when `text` is not an address.
std::string_view IpAddressType(std::string_view text);

}  // namespace iochound
