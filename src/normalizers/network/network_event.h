// One network connection (a Zeek conn.log record, a Suricata flow, a DNS flow seen in a capture) and
// the one place that turns it into a DeviceNetworkEvents row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "normalizers/routing/row_sink.h"

namespace iochound {

struct NetworkConnection {
  int64_t time_ticks = 0;
  std::string_view source_system;  // "Zeek", "Suricata", "pcap": the SourceSystem column
  std::string device_name;         // the sensor, when the source names it
  std::string_view action_type;    // ConnectionSuccess, ConnectionFailed, ConnectionAttempt, ...
  std::string local_ip;            // the originator
  std::optional<int64_t> local_port;
  std::string remote_ip;  // the responder
  std::optional<int64_t> remote_port;
  std::string remote_url;         // a name the connection is known by (the DNS query of a DNS flow)
  std::string protocol;           // "Tcp", "Udp", "Icmp" as Defender writes it
  std::string additional_fields;  // a JSON object, or empty
};

// Writes `connection` as a DeviceNetworkEvents row (mapping in docs/tables.md, "Network sources").
void EmitNetworkEvent(const NetworkConnection& connection, RowSink& sink, const RecordLocation& where);

// Defender's spelling of a transport protocol named in any case ("tcp" -> "Tcp"); "" stays "".
std::string DefenderProtocol(std::string_view protocol);

}  // namespace iochound
