#include "normalizers/windows/dns_server_analytic.h"

#include <string>

#include "common/hex.h"
#include "decoders/pcap/dns_message.h"
#include "normalizers/network/dns_event.h"
#include "normalizers/windows/event_values.h"

namespace iochound {
namespace {

// PacketData is the DNS message as hex, "0x0007818000010001...". The answers come from it: the
// event has no other field holding them. A message that does not parse gives the answers read
// before the fault; the event's row in WindowsEvent keeps PacketData whole.
std::vector<std::string> AnswersOfPacketData(std::string_view hex) {
  if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    int high = HexDigitValue(hex[i]);
    int low = HexDigitValue(hex[i + 1]);
    if (high < 0 || low < 0) break;
    bytes.push_back(static_cast<char>(high << 4 | low));
  }
  DnsMessage message;
  ParseDnsMessage(bytes, message);
  std::vector<std::string> answers;
  for (const DnsAnswer& answer : message.answers) answers.push_back(answer.data);
  return answers;
}

}  // namespace

bool IsDnsServerAnalyticEvent(const WindowsEvent& event) {
  return event.provider_name == "Microsoft-Windows-DNSServer" &&
         (event.event_id == kDnsQueryReceived || event.event_id == kDnsResponseSuccess ||
          event.event_id == kDnsResponseFailure);
}

void AddDnsServerAnalyticRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink) {
  DnsLookup lookup;
  lookup.time_ticks = event.time_created_ticks;
  lookup.source_system = "Windows DNS Server";
  lookup.computer = event.computer;
  // A received query names its sender in Source; a response names its receiver in Destination.
  lookup.client_ip = EventDataValue(event, event.event_id == kDnsQueryReceived ? "Source" : "Destination");
  lookup.name = EventDataValue(event, "QNAME");
  std::optional<int64_t> type = ParseEventInteger(EventDataValue(event, "QTYPE"));
  lookup.query_type = type ? QueryTypeName(static_cast<unsigned>(*type)) : "";
  if (event.event_id != kDnsQueryReceived) {
    std::optional<int64_t> rcode = ParseEventInteger(EventDataValue(event, "RCODE"));
    // EmitDnsEvent tells success from failure by the RCODE; a 258 without one is still a failure.
    lookup.rcode = rcode ? static_cast<int>(*rcode) : event.event_id == kDnsResponseSuccess ? 0 : 2;
    lookup.answers = AnswersOfPacketData(EventDataValue(event, "PacketData"));
  }
  EmitDnsEvent(lookup, sink, where);
}

}  // namespace iochound
