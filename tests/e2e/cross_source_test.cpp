// End-to-end: the same DNS activity read from a packet capture, the Zeek dns.log of that capture and
// the host's Sysmon gives consistent DnsEvents rows. One query runs over the sources together
// (`query --input` with each), telling the rows apart by SourceSystem. The data is OTRF's
// (shared/data/real/otrf-security-datasets, SOURCES.md); every difference found is asserted and
// explained here and in docs/tables.md, "Same activity, three sources".
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace iochound::e2e {
namespace {

const std::string kOtrf = std::string(IOCHOUND_SHARED_DIR) + "/data/real/otrf-security-datasets/";
const std::string kLsassPcap = kOtrf + "pcap/metasploit_logonpasswords_lsass_memory_dump.pcapng";
const std::string kLsassZeek = kOtrf + "zeek-lsass-tsv/LSASS_campaign_01_dns.log";
const std::string kLsassSysmon = kOtrf + "sysmon-json-zipped/metasploit_logonpasswords_lsass_memory_dump.zip";

#define SKIP_WITHOUT(path) \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data absent: " << (path)

// The rows of a CSV result without quoted fields, each split at its commas; the header first.
std::vector<std::vector<std::string>> CsvRows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    if (line.ends_with(',')) fields.emplace_back();
    rows.push_back(std::move(fields));
  }
  return rows;
}

ProcessResult Query(const std::string& kql, const std::vector<std::string>& inputs,
                    const std::string& format) {
  std::vector<std::string> args = {"query", "-q", kql, "--format", format, "--no-summary"};
  for (const std::string& input : inputs) {
    args.push_back("--input");
    args.push_back(input);
  }
  return RunIochound(args);
}

// apt29 day 2, host NEWYORK: the capture and the Zeek log made from it. Joined on the query's time
// (to the microsecond), client and name, every Zeek row has its twin in the capture with the same
// type, RCODE and addresses. The one capture row Zeek lacks is a dynamic update (opcode 5, zone
// dmevals.local, type SOA), which Zeek's dns.log does not log. Names are compared in lower case:
// Zeek lower-cases them, the capture keeps the client's case (`DMEVALS.LOCAL`, `_sites.dc._msdcs.UTICA`).
TEST(CrossSourceTest, Apt29CaptureAndItsZeekLogGiveTheSameLookups) {
  std::string pcap = kOtrf + "pcap/apt29_day2_NEWYORK.cap";
  std::string zeek = kOtrf + "zeek-apt29-json/day2_NEWYORK_dns.log";
  SKIP_WITHOUT(pcap);
  SKIP_WITHOUT(zeek);
  ProcessResult counts = Query(
      "DnsEvents | summarize Rows = count(), Names = dcount(tolower(Name)), "
      "Answered = countif(isnotnull(ResultCode)) by SourceSystem | order by SourceSystem asc",
      {pcap, zeek}, "jsonl");
  ASSERT_EQ(counts.exit_code, 0) << counts.err;
  // 154 queries and 119 responses in the capture (SOURCES.md); 35 of the queries are the client
  // asking again with the same id and port, rows without a response in both sources.
  EXPECT_EQ(counts.out,
            "{\"SourceSystem\":\"Zeek\",\"Rows\":153,\"Names\":66,\"Answered\":118}\n"
            "{\"SourceSystem\":\"pcap\",\"Rows\":154,\"Names\":66,\"Answered\":119}\n");

  ProcessResult joined = Query(R"(
let Lookups = DnsEvents
    | project Source = SourceSystem, TimeGenerated, ClientIP, Name = tolower(Name), QueryType,
              Rcode = tostring(ResultCode), IPAddresses;
Lookups | where Source == "pcap"
| join kind=fullouter (Lookups | where Source == "Zeek") on TimeGenerated, ClientIP, Name
| extend Outcome = case(isempty(Source1), strcat("pcap only: ", Name, " ", QueryType),
                        isempty(Source), strcat("Zeek only: ", Name1),
                        QueryType == QueryType1 and Rcode == Rcode1 and IPAddresses == IPAddresses1,
                        "same lookup", "differs")
| summarize Rows = count() by Outcome
| order by Outcome asc)",
                               {pcap, zeek}, "jsonl");
  ASSERT_EQ(joined.exit_code, 0) << joined.err;
  EXPECT_EQ(joined.out,
            "{\"Outcome\":\"pcap only: dmevals.local SOA\",\"Rows\":1}\n"
            "{\"Outcome\":\"same lookup\",\"Rows\":153}\n");
  // The update is no lookup: imDns, which keeps lookups by default, gives each source's 153.
  for (const std::string& source : {pcap, zeek}) {
    ProcessResult lookups = Query("imDns | summarize count() by EventType", {source}, "jsonl");
    ASSERT_EQ(lookups.exit_code, 0) << lookups.err;
    EXPECT_EQ(lookups.out, "{\"EventType\":\"Query\",\"count_\":153}\n") << source;
  }
}

// LSASS campaign 01: the capture, its Zeek log and the host's Sysmon (shipped zipped: the zip is
// read as is). Per name (lower case), the rows each source has.
TEST(CrossSourceTest, LsassCaptureZeekAndSysmonAgreeOnTheNames) {
  const std::string& pcap = kLsassPcap;
  const std::string& zeek = kLsassZeek;
  const std::string& sysmon = kLsassSysmon;
  SKIP_WITHOUT(pcap);
  SKIP_WITHOUT(zeek);
  SKIP_WITHOUT(sysmon);
  ProcessResult r = Query(
      "DnsEvents | extend Name = tolower(Name)\n"
      "| summarize pcap = countif(SourceSystem == 'pcap'), Zeek = countif(SourceSystem == 'Zeek'),\n"
      "            Sysmon = countif(SourceSystem == 'Sysmon') by Name\n"
      "| order by Name asc",
      {pcap, zeek, sysmon}, "csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::vector<std::string>> rows = CsvRows(r.out);
  ASSERT_FALSE(rows.empty());
  ASSERT_EQ(rows[0], (std::vector<std::string>{"Name", "pcap", "Zeek", "Sysmon"}));
  std::map<std::string, std::vector<int>> by_name;  // name → rows in pcap, Zeek, Sysmon
  std::vector<int> totals(3, 0);
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 4u) << r.out;
    std::vector<int>& counts = by_name[rows[i][0]];
    for (int source = 0; source < 3; ++source) {
      counts.push_back(std::stoi(rows[i][source + 1]));
      totals[source] += counts.back();
    }
  }
  // SOURCES.md: 303 DNS queries in the capture, 96 Zeek records, 51 Sysmon EID 22 with 13 names.
  EXPECT_EQ(totals, (std::vector<int>{303, 96, 51}));
  std::set<std::string> wire;
  for (const auto& [name, counts] : by_name)
    if (counts[0] > 0) wire.insert(name);

  // Zeek: every name it logged is in the capture. Its 68 rows without a name are responses (SERVFAIL,
  // NXDOMAIN) that Zeek logged with `query` unset and `rejected` true, timed at the response.
  for (const auto& [name, counts] : by_name) {
    if (counts[1] == 0 || name.empty()) continue;
    EXPECT_TRUE(wire.contains(name)) << "Zeek logged " << name << ", the capture has no query for it";
  }
  EXPECT_EQ(by_name[""], (std::vector<int>{0, 68, 0}));
  // Its 27 IPv6 rows (mDNS and LLMNR from the host's link-local address) are the capture's, to the
  // microsecond; the capture also has the IPv4 copy of each of those multicast queries, which the
  // Zeek log lacks (hence 8 rows against 4 for `kdbuyqn`).
  ProcessResult multicast = Query(
      "let L = DnsEvents | where ClientIP has ':' | project S = SourceSystem, TimeGenerated, ClientIP, "
      "Name = tolower(Name), QueryType;\n"
      "L | where S == 'pcap' | join kind=fullouter (L | where S == 'Zeek') on TimeGenerated, ClientIP, Name, "
      "QueryType | summarize Rows = count() by S, S1",
      {pcap, zeek}, "jsonl");
  ASSERT_EQ(multicast.exit_code, 0) << multicast.err;
  EXPECT_EQ(multicast.out, "{\"S\":\"pcap\",\"S1\":\"Zeek\",\"Rows\":27}\n");
  // Zeek's 69 IPv4 rows are the 69 responses of the capture: 65 answer a query (rows of the capture
  // with a RCODE) and 4 repeat an answer already given (kept in RawEvents, counted in the summary).
  ProcessResult responses = RunIochound(
      {"query", "-q",
       "DnsEvents | where not(ClientIP has ':') | summarize Answered = countif(isnotnull(ResultCode)) by "
       "SourceSystem | order by SourceSystem asc",
       "--input", pcap, "--input", zeek});
  ASSERT_EQ(responses.exit_code, 0) << responses.err;
  EXPECT_EQ(responses.out,
            "{\"SourceSystem\":\"Zeek\",\"Answered\":69}\n{\"SourceSystem\":\"pcap\",\"Answered\":65}\n");
  EXPECT_NE(responses.err.find("pcap DNS response to an already answered query: no table: 4"),
            std::string::npos)
      << responses.err;

  // Sysmon: every name the host looked up went on the wire, as itself or, for a single label, with
  // the search suffixes (`.pandalab.com`, `.home.arpa`) and over mDNS (`.local`) and LLMNR, except
  // the two the host answered without asking: its own name and the domain controller's (cached).
  std::set<std::string> answered_locally;
  for (const auto& [name, counts] : by_name) {
    if (counts[2] == 0) continue;
    bool sent =
        wire.contains(name) || wire.contains(name + ".pandalab.com") || wire.contains(name + ".home.arpa");
    if (!sent) answered_locally.insert(name);
  }
  EXPECT_EQ(answered_locally, (std::set<std::string>{"dc01.pandalab.com", "mkt01"}));
}

// The same LSASS sources: the host's clock and the capture's differ, by the same amount for every
// name the two share (first lookup on the host, first query on the wire), so the Sysmon rows are
// the activity of the capture, 5 days 14:14:25 earlier by the host's clock. The random single
// labels Chromium probes with at start-up (`kdbuyqn`, `zsvtcebybn`, `tqimoyfjlwqmts`) are among
// them: names that exist only in this one session.
TEST(CrossSourceTest, LsassSysmonIsTheCaptureShiftedByTheHostClock) {
  const std::string& pcap = kLsassPcap;
  const std::string& sysmon = kLsassSysmon;
  SKIP_WITHOUT(pcap);
  SKIP_WITHOUT(sysmon);
  ProcessResult r = Query(
      "DnsEvents | extend Label = tolower(tostring(split(Name, '.')[0]))\n"
      "| summarize First = min(TimeGenerated) by Label, SourceSystem\n"
      "| summarize Wire = minif(First, SourceSystem == 'pcap'), Host = minif(First, SourceSystem == "
      "'Sysmon') "
      "by Label\n"
      "| where isnotnull(Wire) and isnotnull(Host)\n"
      "| extend Offset = Wire - Host\n"
      "| summarize Names = count(), Near = countif(abs(Offset - 5d - 14h - 14m - 25s) < 25s),\n"
      "            Probes = countif(Label in ('kdbuyqn', 'zsvtcebybn', 'tqimoyfjlwqmts'))",
      {pcap, sysmon}, "jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"Names\":11,\"Near\":11,\"Probes\":3}\n");
}

}  // namespace
}  // namespace iochound::e2e
