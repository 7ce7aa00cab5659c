#include "normalizers/pcap/pcap_router.h"

#include <fmt/format.h>

#include "normalizers/network/network_event.h"
#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

// DNS, and the protocols that carry DNS messages to resolve names on the local link: mDNS (RFC
// 6762) and LLMNR (RFC 4795); Wireshark's `dns` filter counts all three.
bool IsDnsPort(uint16_t port) {
  return port == 53 || port == 5353 || port == 5355;
}
// How long (in capture time) a query waits for its response, and a paired query is remembered.
constexpr int64_t kResponseWait = 60 * kTicksPerSecond;
// How long a fragmented datagram waits for its missing fragments: Linux's default
// (net.ipv4.ipfrag_time, 30 s).
constexpr int64_t kReassemblyWait = 30 * kTicksPerSecond;

// RFC 2136's UPDATE: the question section names the zone, the message changes records in it.
constexpr uint8_t kUpdateOpcode = 5;
constexpr uint8_t kTcpFin = 0x01;
constexpr uint8_t kTcpSyn = 0x02;
constexpr uint8_t kTcpRst = 0x04;

std::string ProtocolName(const TransportPacket& packet) {
  switch (packet.protocol) {
    case TransportPacket::Protocol::kUdp:
      return "UDP";
    case TransportPacket::Protocol::kTcp:
      return "TCP";
    case TransportPacket::Protocol::kOther:
      break;
  }
  if (packet.ip_protocol == 1 || packet.ip_protocol == 58) return "ICMP";
  return fmt::format("IP protocol {}", packet.ip_protocol);
}

}  // namespace

void PcapRouter::Unmapped(const CapturedFrame& frame, const RecordLocation& where,
                          const TransportPacket* packet, std::string_view reason, RowSink& sink) {
  std::string json = fmt::format("{{\"frame\":{},\"length\":{}", frame.number, frame.original_length);
  if (packet != nullptr && !packet->source_ip.empty()) {
    json += ",\"protocol\":";
    AppendJsonString(json, ProtocolName(*packet));
    json += ",\"src_ip\":";
    AppendJsonString(json, packet->source_ip);
    json += ",\"dest_ip\":";
    AppendJsonString(json, packet->destination_ip);
    if (packet->protocol != TransportPacket::Protocol::kOther)
      json += fmt::format(",\"src_port\":{},\"dest_port\":{}", packet->source_port, packet->destination_port);
  }
  json += '}';
  sink.Unmapped(where, reason, frame.time_ticks, json);
}

PcapRouter::PcapRouter(std::string_view file, int link_type, DataErrors& errors)
    : file_(file),
      link_type_(link_type),
      errors_(errors),
      queries_(kResponseWait),
      answered_(kResponseWait),
      fragments_(kReassemblyWait) {}

void PcapRouter::Route(const CapturedFrame& frame, RowSink& sink) {
  RecordLocation where{file_, 0, frame.offset};
  queries_.Expire(frame.time_ticks, [&](const Pending& pending) { Emit(pending, sink); });
  answered_.Expire(frame.time_ticks, [](bool) {});
  TransportPacket packet;
  std::string error;
  GiveUp(fragments_.Expire(frame.time_ticks), sink);
  switch (DecodePacket(link_type_, frame.data, packet, error)) {
    case PacketResult::kMalformed:
      errors_.Report(where, fmt::format("frame {}: {}; frame skipped", frame.number, error));
      return;
    case PacketResult::kNotIp:
      return Unmapped(frame, where, nullptr, "pcap frame without IP: no table", sink);
    case PacketResult::kFragment: {
      std::string datagram;
      if (!fragments_.Add(packet, frame.number, frame.offset, frame.time_ticks, datagram)) return;
      if (DecodeTransport(packet.ip_protocol, datagram, packet, error) == PacketResult::kMalformed) {
        errors_.Report(where, fmt::format("frame {}: reassembled IP datagram: {}; datagram skipped",
                                          frame.number, error));
        return;
      }
      return RouteTransport(packet, frame, where, sink);
    }
    case PacketResult::kDecoded:
      return RouteTransport(packet, frame, where, sink);
  }
}

void PcapRouter::RouteTransport(const TransportPacket& packet, const CapturedFrame& frame,
                                const RecordLocation& where, RowSink& sink) {
  bool dns_port = packet.protocol != TransportPacket::Protocol::kOther &&
                  (IsDnsPort(packet.source_port) || IsDnsPort(packet.destination_port));
  if (!dns_port) {
    return Unmapped(frame, where, &packet,
                    fmt::format("pcap {} frame, not DNS: no table", ProtocolName(packet)), sink);
  }
  if (packet.protocol == TransportPacket::Protocol::kUdp)
    return RouteDns(packet.payload, packet, frame, where, sink);
  // DNS over TCP: segments of one direction reassembled; handshake and teardown segments carry no
  // message and need no row of their own.
  std::string stream_key = fmt::format("{} {} > {} {}", packet.source_ip, packet.source_port,
                                       packet.destination_ip, packet.destination_port);
  std::vector<std::string> messages;
  TcpDnsStream& stream = tcp_streams_[stream_key];
  std::string error = stream.Add(packet.tcp_sequence, packet.tcp_flags & kTcpSyn, packet.payload, messages);
  if (!error.empty()) errors_.Report(where, fmt::format("frame {}: {}", frame.number, error));
  for (const std::string& message : messages) RouteDns(message, packet, frame, where, sink);
  if (packet.tcp_flags & (kTcpFin | kTcpRst)) {
    if (stream.pending() > 0)
      errors_.Report(where,
                     fmt::format("frame {}: TCP stream closed with {} bytes of an incomplete DNS message",
                                 frame.number, stream.pending()));
    tcp_streams_.erase(stream_key);
  }
}

PcapRouter::Pending PcapRouter::Start(const DnsMessage& message, const TransportPacket& packet,
                                      const CapturedFrame& frame, const RecordLocation& where) {
  bool query = !message.response;
  Pending pending;
  pending.where = where;
  pending.tcp = packet.protocol == TransportPacket::Protocol::kTcp;
  pending.client_port = query ? packet.source_port : packet.destination_port;
  pending.server_port = query ? packet.destination_port : packet.source_port;
  pending.lookup.time_ticks = frame.time_ticks;
  pending.lookup.source_system = "pcap";
  pending.lookup.client_ip = query ? packet.source_ip : packet.destination_ip;
  pending.lookup.computer = query ? packet.destination_ip : packet.source_ip;
  pending.lookup.name = message.question_name;
  pending.lookup.query_type = message.question_count > 0 ? QueryTypeName(message.question_type) : "";
  pending.lookup.update = message.opcode == kUpdateOpcode;
  return pending;
}

void PcapRouter::RouteDns(std::string_view bytes, const TransportPacket& packet, const CapturedFrame& frame,
                          const RecordLocation& where, RowSink& sink) {
  DnsMessage message;
  std::string error = ParseDnsMessage(bytes, message);
  if (!error.empty()) {
    errors_.Report(where,
                   fmt::format("frame {}: malformed DNS message: {}; message skipped", frame.number, error));
    return;
  }
  Pending start = Start(message, packet, frame, where);
  Key key{message.id, start.lookup.client_ip, start.client_port, start.lookup.computer, start.server_port,
          start.tcp};
  if (!message.response) {
    // A retransmission (same id, addresses and ports) is a row of its own without a response: the
    // response belongs to the first query, which is when the lookup started (Zeek logs it so).
    if (Pending* slot = queries_.AddFirst(key, frame.time_ticks))
      *slot = std::move(start);
    else
      Emit(start, sink);
    return;
  }
  std::optional<Pending> pending = queries_.Take(key);
  if (!pending && answered_.Contains(key))
    return Unmapped(frame, where, &packet, "pcap DNS response to an already answered query: no table", sink);
  if (!pending) pending = std::move(start);
  pending->lookup.rcode = message.rcode;
  for (DnsAnswer& answer : message.answers)
    if (!answer.data.empty()) pending->lookup.answers.push_back(std::move(answer.data));
  Emit(*pending, sink);
  answered_.Add(key, frame.time_ticks, [](bool) {}) = true;
}

void PcapRouter::Emit(const Pending& pending, RowSink& sink) {
  EmitDnsEvent(pending.lookup, sink, pending.where);
  NetworkConnection flow;
  flow.time_ticks = pending.lookup.time_ticks;
  flow.source_system = "pcap";
  flow.action_type = pending.lookup.rcode ? "ConnectionSuccess" : "ConnectionAttempt";
  flow.local_ip = pending.lookup.client_ip;
  flow.local_port = pending.client_port;
  flow.remote_ip = pending.lookup.computer;
  flow.remote_port = pending.server_port;
  flow.remote_url = pending.lookup.name;
  flow.protocol = pending.tcp ? "Tcp" : "Udp";
  flow.additional_fields = R"({"service":"dns"})";
  EmitNetworkEvent(flow, sink, pending.where);
}

void PcapRouter::GiveUp(const std::vector<IpFragments::Incomplete>& datagrams, RowSink& sink) {
  for (const IpFragments::Incomplete& datagram : datagrams) {
    std::string json = "{\"frames\":[";
    for (size_t i = 0; i < datagram.frames.size(); ++i)
      json += fmt::format("{}{}", i == 0 ? "" : ",", datagram.frames[i]);
    json += "],\"problem\":";
    AppendJsonString(json, datagram.reason);
    json += '}';
    sink.Unmapped(RecordLocation{file_, 0, datagram.first_offset},
                  "pcap IP fragments of a datagram never completed: no table", datagram.first_seen, json);
  }
}

void PcapRouter::Flush(RowSink& sink) {
  GiveUp(fragments_.Flush(), sink);
  queries_.Flush([&](const Pending& pending) { Emit(pending, sink); });
}

}  // namespace iochound
