#include "normalizers/windows/sysmon_dns.h"

#include <vector>

#include "normalizers/network/dns_event.h"
#include "normalizers/windows/event_values.h"

namespace iochound {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Windows' rendering of an event in its message, "Dns query:\r\nRuleName: -\r\n...", which the
// Message column keeps so that the querying process stays visible (DnsEvents has no process
// columns).
std::string SysmonMessage(const WindowsEvent& event) {
  std::string message = "Dns query:";
  for (const evtx::EvtxDataField& field : event.data) {
    message += "\r\n" + field.name + ": " + field.value;
  }
  return message;
}

}  // namespace

std::string SysmonQueryAddresses(std::string_view query_results) {
  std::vector<std::string> answers;
  while (!query_results.empty()) {
    size_t semicolon = query_results.find(';');
    std::string_view item = Trim(query_results.substr(0, semicolon));
    query_results =
        semicolon == std::string_view::npos ? std::string_view() : query_results.substr(semicolon + 1);
    if (IsBlank(item) || item.starts_with("type:")) continue;
    if (item.starts_with("::ffff:") && item.find('.') != std::string_view::npos) item.remove_prefix(7);
    answers.emplace_back(item);
  }
  return JoinAddresses(answers);
}

std::optional<int64_t> DnsRcodeOfQueryStatus(std::string_view status) {
  std::optional<int64_t> code = ParseEventInteger(status);
  if (!code) return std::nullopt;
  if (*code == 0 || *code == 9501 || *code == 9701) return 0;
  if (*code > 9000 && *code <= 9023) return *code - 9000;
  return std::nullopt;
}

void AddSysmonDnsRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time) {
  TableRow row(sink, "DnsEvents", where);
  if (!row.wanted()) return;
  row.SetDatetime("TimeGenerated", time);
  // Which sensor saw the lookup, as the network sources say theirs ("Zeek", "pcap" ...).
  row.Set("SourceSystem", "Sysmon");
  row.Set("Computer", event.computer);
  row.SetLong("EventId", event.event_id);
  row.Set("SubType", "LookupQuery");
  std::string_view name = EventDataValue(event, "QueryName");
  if (name.ends_with('.')) name.remove_suffix(1);
  row.Set("Name", name);
  row.SetOwned("IPAddresses", SysmonQueryAddresses(EventDataValue(event, "QueryResults")));
  std::string_view status = EventDataValue(event, "QueryStatus");
  row.Set("Result", status == "0" ? "Success" : "Failure");
  if (std::optional<int64_t> rcode = DnsRcodeOfQueryStatus(status)) row.SetLong("ResultCode", *rcode);
  row.SetOwned("Message", SysmonMessage(event));
  row.Set("Type", "DnsEvents");
  row.Commit();
}

}  // namespace iochound
