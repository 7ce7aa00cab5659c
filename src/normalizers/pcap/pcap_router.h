// Packet captures routed to tables (docs/tables.md, "pcap and pcapng"). DNS messages on port 53 (and
// mDNS 5353, LLMNR 5355), over UDP or TCP, are paired: a query waits for the response with the same
// transaction id on the same client/server address and port pair, and the pair becomes one DnsEvents row
// (with the response's answers and RCODE) plus one DeviceNetworkEvents row for the DNS flow. A response
// without a query in the capture is a row on its own; a query unanswered within a minute of capture time is
// written without answers; a second response to an already answered query is kept unmapped. Frames that carry
// no DNS are kept unmapped, one raw row per frame; malformed frames and DNS messages are data errors naming
// the frame number and the offset inside the message. Fragmented IP datagrams are reassembled first (a
// datagram is then read at its last fragment's frame); one whose fragments never all arrive is kept unmapped.
#pragma once

#include <map>
#include <string>
#include <tuple>

#include "common/diagnostics.h"
#include "decoders/pcap/capture_reader.h"
#include "decoders/pcap/dns_message.h"
#include "decoders/pcap/ip_fragments.h"
#include "decoders/pcap/packet.h"
#include "decoders/pcap/tcp_dns_stream.h"
#include "normalizers/network/dns_event.h"
#include "normalizers/network/pending_lookups.h"
#include "normalizers/routing/row_sink.h"

    namespace iochound {

  class PcapRouter {
   public:
    PcapRouter(std::string_view file, int link_type, DataErrors& errors);

    void Route(const CapturedFrame& frame, RowSink& sink);
    // Writes the queries still waiting for a response (at the end of the capture).
    void Flush(RowSink& sink);

   private:
    // transaction id, client address, client port, server address, server port, transport
    using Key = std::tuple<uint16_t, std::string, uint16_t, std::string, uint16_t, bool>;
    struct Pending {
      DnsLookup lookup;
      RecordLocation where;
      bool tcp = false;
      uint16_t client_port = 0;
      uint16_t server_port = 0;
    };

    // Routes a decoded packet (a whole frame's, or a datagram reassembled from fragments).
    void RouteTransport(const TransportPacket& packet, const CapturedFrame& frame,
                        const RecordLocation& where, RowSink& sink);
    // Keeps the datagrams whose fragments never all arrived, one raw record each.
    void GiveUp(const std::vector<IpFragments::Incomplete>& datagrams, RowSink& sink);
    void RouteDns(std::string_view bytes, const TransportPacket& packet, const CapturedFrame& frame,
                  const RecordLocation& where, RowSink& sink);
    // A lookup seen first as `message` from `packet`: a query, or a response whose query is missing.
    static Pending Start(const DnsMessage& message, const TransportPacket& packet, const CapturedFrame& frame,
                         const RecordLocation& where);
    void Emit(const Pending& pending, RowSink& sink);
    void Unmapped(const CapturedFrame& frame, const RecordLocation& where, const TransportPacket* packet,
                  std::string_view reason, RowSink& sink);

    std::string_view file_;
    int link_type_;
    DataErrors& errors_;
    PendingLookups<Key, Pending> queries_;
    PendingLookups<Key, bool> answered_;               // recently paired, to recognise duplicate responses
    std::map<std::string, TcpDnsStream> tcp_streams_;  // by "src port > dst port"
    IpFragments fragments_;
  };

}  // namespace iochound
