// One DNS lookup as every network source sees it (a Zeek dns.log record, Suricata's query with its
// answers, a query packet paired with its response, a DNS server's log line), and the one place
// that turns it into a DnsEvents row, so a lookup reads the same whatever recorded it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalizers/routing/row_sink.h"

namespace iochound {

// Windows DNS Server analytic event IDs, the EventId values of DnsEvents (Microsoft's ASIM parser for
// DnsEvents reads 256 as a request, 257 as a successful response, 258 as a failed one, 263/264 as a
// dynamic update received and answered).
enum DnsServerEventId : int {
  kDnsQueryReceived = 256,
  kDnsResponseSuccess = 257,
  kDnsResponseFailure = 258,
  kDnsUpdateReceived = 263,
  kDnsUpdateResponse = 264,
};

struct DnsLookup {
  int64_t time_ticks = 0;          // when the query was seen (types/datetime.h ticks)
  std::string_view source_system;  // "Zeek", "Suricata", "pcap", ...: the SourceSystem column
  std::string computer;            // the DNS server (its name or address)
  std::string client_ip;
  std::string name;                  // the queried name; a trailing dot is dropped when the row is written
  std::string query_type;            // the type's mnemonic ("A", "AAAA", "TXT"), or its number when unnamed
  std::vector<std::string> answers;  // every answer's data (addresses, CNAME targets, TXT ...)
  std::optional<int> rcode;          // nullopt when no response was seen
  bool update = false;               // a dynamic update (RFC 2136, opcode 5) of zone `name`, not a lookup
};

// Writes `lookup` as a DnsEvents row (the mapping is documented in docs/tables.md, "Network sources").
void EmitDnsEvent(const DnsLookup& lookup, RowSink& sink, const RecordLocation& where);

// IPAddresses: the answers that are IP addresses, canonical, joined by ", " as Microsoft's own
// content splits the column (Azure-Sentinel "TI map IP entity to DnsEvents":
// `split(IPAddresses, ", ")`).
std::string JoinAddresses(const std::vector<std::string>& answers);

// The mnemonic of a DNS RR type (RFC 1035, IANA "Resource Record (RR) TYPEs"); the number as text
// for types without one here.
std::string QueryTypeName(unsigned type);

// The mnemonic of a DNS RCODE (NOERROR, NXDOMAIN ...); the number as text when unassigned.
std::string ResponseCodeName(unsigned rcode);
// The RCODE a mnemonic names; nullopt for other text.
std::optional<int> ResponseCodeNumber(std::string_view name);

}  // namespace iochound
