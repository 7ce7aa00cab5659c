// End-to-end test of Sentinel's built-in ASIM DNS parser, `_Im_Dns(...)` / `imDns(...)`, over the
// DnsEvents records of tests/fixtures/engine/dns_events.jsonl: the real binary, a real file, CSV out.
// Expected rows come from the fixture's records read by hand (EventId 256 is a request, 257/258 responses,
// 264 a dynamic update; ResultCode 3 is NXDOMAIN, 5 REFUSED).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_process.h"

namespace iochound::e2e {
namespace {

const std::string kDnsEvents = std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/engine/dns_events.jsonl";

std::string Query(const std::string& kql) {
  const ProcessResult r =
      RunIochound({"query", "-q", kql, "--table", "DnsEvents=" + kDnsEvents, "--format", "csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(AsimDnsCli, DefaultsNormalizeLookupsOnly) {
  EXPECT_EQ(Query("_Im_Dns | project DnsQuery, EventType, EventSubType, EventResult, EventResultDetails, "
                  "DnsQueryTypeName, SrcIpAddr, DvcHostname, DvcDomain, EventCount, EventProduct"),
            "DnsQuery,EventType,EventSubType,EventResult,EventResultDetails,DnsQueryTypeName,SrcIpAddr,"
            "DvcHostname,DvcDomain,EventCount,EventProduct\n"
            "www.contoso.com,Query,response,Success,NOERROR,A,10.0.0.5,dns1,contoso.com,1,DNS Server\n"
            "evil.example.net,Query,response,Failure,NXDOMAIN,AAAA,10.0.0.6,dns1,contoso.com,1,DNS Server\n"
            "mail.contoso.com,Query,request,NA,NOERROR,MX,10.0.0.5,dns1,contoso.com,1,DNS Server\n"
            "cdn.fabrikam.org,Query,response,Success,NOERROR,A,10.0.0.8,dns1,contoso.com,1,DNS Server\n");
}

TEST(AsimDnsCli, FilteringParameters) {
  EXPECT_EQ(Query("_Im_Dns(responsecodename='NXDOMAIN') | project DnsQuery"), "DnsQuery\nevil.example.net\n");
  EXPECT_EQ(Query("_Im_Dns(eventtype='*') | summarize n = count() by EventType | order by EventType asc"),
            "EventType,n\nQuery,4\nUpdate,1\n");
  EXPECT_EQ(Query("imDns(srcipaddr='10.0.0.5', domain_has_any=dynamic(['mail'])) | project DnsQuery"),
            "DnsQuery\nmail.contoso.com\n");
  EXPECT_EQ(Query("_Im_Dns(response_has_any_prefix=dynamic(['192.168.'])) | project DnsQuery"),
            "DnsQuery\ncdn.fabrikam.org\n");
  EXPECT_EQ(Query("_Im_Dns(response_has_ipv4='20.1.2.3') | project DnsQuery"), "DnsQuery\nwww.contoso.com\n");
  EXPECT_EQ(Query("_Im_Dns(starttime=datetime(2026-01-01T10:30:00Z), endtime=datetime(2026-01-01T13:30:00Z))"
                  " | project DnsQuery"),
            "DnsQuery\nevil.example.net\nmail.contoso.com\n");
}

TEST(AsimDnsCli, AQueryMayRedefineTheParser) {
  EXPECT_EQ(Query("let _Im_Dns = () { print DnsQuery = 'mine' }; _Im_Dns"), "DnsQuery\nmine\n");
}

}  // namespace
}  // namespace iochound::e2e
