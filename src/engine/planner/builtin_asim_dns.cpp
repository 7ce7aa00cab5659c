// Sentinel's built-in ASIM DNS parsers, `_Im_Dns(...)` and its workspace twin `imDns(...)`, written in
// KQL over the DnsEvents table (Windows DNS server logs), the source Microsoft's MicrosoftOMS DNS parser
// normalizes. The mapping follows the ASIM DNS schema (https://aka.ms/ASimDnsDoc): DnsEvents' EventId
// gives EventType (Query, Update, XFR) and EventSubType (request, response), its ResultCode the DNS
// response code and its name (RFC 1035/6895 RCODEs), its QueryType the query type's name (the IANA
// registry of RR types). The filtering parameters and their defaults are Sentinel's: starttime and
// endtime bound TimeGenerated, srcipaddr is the client's address, domain_has_any terms of the query,
// responsecodename the response code's name, response_has_ipv4 / response_has_any_prefix addresses of
// the response, eventtype the event type ('lookup' means 'Query', '*' every type).
#include "engine/parser/parser.h"
#include "engine/planner/builtin_functions.h"

namespace iochound::binding {
namespace {

constexpr std::string_view kAsimDns = R"kql(
let __AsimDnsEvents = (starttime:datetime, endtime:datetime, srcipaddr:string, domain_has_any:dynamic,
                       responsecodename:string, response_has_ipv4:string, response_has_any_prefix:dynamic,
                       eventtype:string) {
  let rcode_names = dynamic({"0": "NOERROR", "1": "FORMERR", "2": "SERVFAIL", "3": "NXDOMAIN", "4": "NOTIMP",
    "5": "REFUSED", "6": "YXDOMAIN", "7": "YXRRSET", "8": "NXRRSET", "9": "NOTAUTH", "10": "NOTZONE",
    "11": "DSOTYPENI", "16": "BADVERS", "17": "BADKEY", "18": "BADTIME", "19": "BADMODE", "20": "BADNAME",
    "21": "BADALG", "22": "BADTRUNC", "23": "BADCOOKIE"});
  let qtype_names = dynamic({"0": "Reserved", "1": "A", "2": "NS", "3": "MD", "4": "MF", "5": "CNAME",
    "6": "SOA", "7": "MB", "8": "MG", "9": "MR", "10": "NULL", "11": "WKS", "12": "PTR", "13": "HINFO",
    "14": "MINFO", "15": "MX", "16": "TXT", "17": "RP", "18": "AFSDB", "19": "X25", "20": "ISDN", "21": "RT",
    "22": "NSAP", "23": "NSAP-PTR", "24": "SIG", "25": "KEY", "26": "PX", "27": "GPOS", "28": "AAAA",
    "29": "LOC", "30": "NXT", "31": "EID", "32": "NIMLOC", "33": "SRV", "34": "ATMA", "35": "NAPTR",
    "36": "KX", "37": "CERT", "38": "A6", "39": "DNAME", "40": "SINK", "41": "OPT", "42": "APL", "43": "DS",
    "44": "SSHFP", "45": "IPSECKEY", "46": "RRSIG", "47": "NSEC", "48": "DNSKEY", "49": "DHCID",
    "50": "NSEC3", "51": "NSEC3PARAM", "52": "TLSA", "53": "SMIMEA", "55": "HIP", "56": "NINFO",
    "57": "RKEY", "58": "TALINK", "59": "CDS", "60": "CDNSKEY", "61": "OPENPGPKEY", "62": "CSYNC",
    "99": "SPF", "100": "UINFO", "101": "UID", "102": "GID", "103": "UNSPEC", "104": "NID", "105": "L32",
    "106": "L64", "107": "LP", "108": "EUI48", "109": "EUI64", "249": "TKEY", "250": "TSIG", "251": "IXFR",
    "252": "AXFR", "253": "MAILB", "254": "MAILA", "255": "*", "256": "URI", "257": "CAA", "258": "AVC",
    "259": "DOA", "32768": "TA", "32769": "DLV"});
  let wanted_type = iff(eventtype =~ "lookup", "Query", eventtype);
  DnsEvents
  | where EventId < 500
  | where (isnull(starttime) or TimeGenerated >= starttime) and (isnull(endtime) or TimeGenerated <= endtime)
  | where srcipaddr == "*" or ClientIP == srcipaddr
  | where array_length(domain_has_any) == 0 or Name has_any (domain_has_any)
  | where response_has_ipv4 == "*" or has_ipv4(IPAddresses, response_has_ipv4)
  | where array_length(response_has_any_prefix) == 0 or has_any_ipv4_prefix(IPAddresses, response_has_any_prefix)
  | extend EventType = case(EventId between (263 .. 264) or EventId between (277 .. 278), "Update",
                            EventId between (265 .. 276), "XFR", "Query"),
           EventSubType = case(EventId in (256, 260, 263, 265, 266, 269, 270, 273, 274, 277), "request",
                               EventId in (279, 280), "NA", "response"),
           DnsResponseCodeName = tostring(rcode_names[tostring(ResultCode)])
  | where wanted_type == "*" or EventType =~ wanted_type
  | extend EventResultDetails = case(isnotempty(DnsResponseCodeName), DnsResponseCodeName,
                                     ResultCode between (3841 .. 4095), "Reserved for Private Use", "Unassigned")
  | where responsecodename == "*" or EventResultDetails =~ responsecodename
  | extend EventResult = case(EventSubType != "response" or EventId == 261, "NA",
                              EventId in (257, 275, 276) or ResultCode == 0, "Success", "Failure"),
           DnsResponseCodeName = EventResultDetails,
           DnsQueryTypeName = coalesce(tostring(qtype_names[QueryType]), QueryType),
           EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
           EventVendor = "Microsoft", EventProduct = "DNS Server", EventSchema = "Dns",
           EventSchemaVersion = "0.1.3", EventSeverity = tostring(Severity)
  | project-rename Dvc = Computer, SrcIpAddr = ClientIP, EventMessage = Message, DnsQuery = Name,
                   DnsResponseName = IPAddresses, DnsResponseCode = ResultCode
  | extend EventOriginalType = tostring(EventId), DvcHostname = tostring(split(Dvc, ".")[0]),
           DvcDomain = strcat_array(array_slice(split(Dvc, "."), 1, -1), "."),
           DvcFQDN = iff(Dvc contains ".", Dvc, "")
  | extend DvcDomainType = iff(isnotempty(DvcFQDN), "FQDN", ""),
           Domain = DnsQuery, IpAddr = SrcIpAddr, Src = SrcIpAddr, Query = DnsQuery,
           QueryTypeName = DnsQueryTypeName, ResponseName = DnsResponseName, ResponseCode = DnsResponseCode,
           ResponseCodeName = DnsResponseCodeName
  | project-away EventId, SubType, QueryType, SourceSystem, TaskCategory, Remote*, Severity, Result,
                 Confidence, Description, IndicatorThreatType, MaliciousIP
};
let _Im_Dns = (starttime:datetime = datetime(null), endtime:datetime = datetime(null), srcipaddr:string = "*",
               domain_has_any:dynamic = dynamic([]), responsecodename:string = "*",
               response_has_ipv4:string = "*", response_has_any_prefix:dynamic = dynamic([]),
               eventtype:string = "lookup") {
  __AsimDnsEvents(starttime, endtime, srcipaddr, domain_has_any, responsecodename, response_has_ipv4,
                  response_has_any_prefix, eventtype)
};
let imDns = (starttime:datetime = datetime(null), endtime:datetime = datetime(null), srcipaddr:string = "*",
             domain_has_any:dynamic = dynamic([]), responsecodename:string = "*",
             response_has_ipv4:string = "*", response_has_any_prefix:dynamic = dynamic([]),
             eventtype:string = "lookup", pack:bool = false) {
  __AsimDnsEvents(starttime, endtime, srcipaddr, domain_has_any, responsecodename, response_has_ipv4,
                  response_has_any_prefix, eventtype)
};
print 0
)kql";

}  // namespace

const ParsedQuery& BuiltinFunctions() {
  static const ParsedQuery parsed = ParseQuery(kAsimDns);
  return parsed;
}

}  // namespace iochound::binding
