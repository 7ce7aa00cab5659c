#include "normalizers/network/dns_event.h"

#include <fmt/format.h>

#include "normalizers/network/ip_address.h"

namespace iochound {

std::string JoinAddresses(const std::vector<std::string>& answers) {
  std::string joined;
  for (const std::string& answer : answers) {
    if (!IsIpAddress(answer)) continue;
    if (!joined.empty()) joined += ", ";
    joined += CanonicalIpAddress(answer);
  }
  return joined;
}

void EmitDnsEvent(const DnsLookup& lookup, RowSink& sink, const RecordLocation& where) {
  TableRow row(sink, "DnsEvents", where);
  if (!row.wanted()) return;
  std::string_view name = lookup.name;
  if (name.size() > 1 && name.back() == '.') name.remove_suffix(1);
  row.SetDatetime("TimeGenerated", lookup.time_ticks);
  row.Set("SourceSystem", lookup.source_system);
  row.Set("Computer", lookup.computer);
  row.Set("SubType", "LookupQuery");
  row.Set("ClientIP", lookup.client_ip);
  row.Set("Name", name);
  row.Set("QueryType", lookup.query_type);
  std::string addresses = JoinAddresses(lookup.answers);  // alive until Commit: the row points at it
  row.Set("IPAddresses", addresses);
  int event_id = kDnsQueryReceived;
  if (lookup.update)
    event_id = lookup.rcode ? kDnsUpdateResponse : kDnsUpdateReceived;
  else if (lookup.rcode)
    event_id = *lookup.rcode == 0 ? kDnsResponseSuccess : kDnsResponseFailure;
  row.SetLong("EventId", event_id);
  if (lookup.rcode) {
    row.Set("Result", *lookup.rcode == 0 ? "Success" : "Failure");
    row.SetLong("ResultCode", *lookup.rcode);
  }
  row.Set("Type", "DnsEvents");
  row.Commit();
}

std::string QueryTypeName(unsigned type) {
  switch (type) {
    case 1:
      return "A";
    case 2:
      return "NS";
    case 5:
      return "CNAME";
    case 6:
      return "SOA";
    case 12:
      return "PTR";
    case 13:
      return "HINFO";
    case 15:
      return "MX";
    case 16:
      return "TXT";
    case 28:
      return "AAAA";
    case 29:
      return "LOC";
    case 32:
      return "NIMLOC";
    case 33:
      return "SRV";
    case 35:
      return "NAPTR";
    case 39:
      return "DNAME";
    case 41:
      return "OPT";
    case 43:
      return "DS";
    case 46:
      return "RRSIG";
    case 47:
      return "NSEC";
    case 48:
      return "DNSKEY";
    case 50:
      return "NSEC3";
    case 52:
      return "TLSA";
    case 64:
      return "SVCB";
    case 65:
      return "HTTPS";
    case 99:
      return "SPF";
    case 251:
      return "IXFR";
    case 252:
      return "AXFR";
    case 255:
      return "ANY";
    case 257:
      return "CAA";
    default:
      return fmt::format("{}", type);
  }
}

std::string ResponseCodeName(unsigned rcode) {
  static constexpr std::string_view kNames[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN",
                                                "NOTIMP",  "REFUSED", "YXDOMAIN", "YXRRSET",
                                                "NXRRSET", "NOTAUTH", "NOTZONE"};
  if (rcode < std::size(kNames)) return std::string(kNames[rcode]);
  return fmt::format("{}", rcode);
}

std::optional<int> ResponseCodeNumber(std::string_view name) {
  for (unsigned code = 0; code < 24; ++code)
    if (ResponseCodeName(code) == name) return static_cast<int>(code);
  return std::nullopt;
}

}  // namespace iochound
