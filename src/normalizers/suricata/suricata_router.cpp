#include "normalizers/suricata/suricata_router.h"

#include <fmt/format.h>

#include "normalizers/network/network_event.h"
#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

// How long (in log time) a query waits for its response before it is written unanswered.
constexpr int64_t kResponseWait = 60 * kTicksPerSecond;

bool IsQuery(std::string_view type) {
  return type == "query" || type == "request";  // v1/v2 "query", v3 "request"
}

bool IsResponse(std::string_view type) {
  return type == "answer" || type == "response";  // v1/v2 "answer", v3 "response"
}

// A v1 answer: one event per answer record, with no answers[] or grouped{} (those are v2/v3).
bool IsPerRecordAnswer(simdjson::dom::element root) {
  simdjson::dom::element dns;
  if (root["dns"].get(dns) || !IsResponse(EveString(dns, "type"))) return false;
  simdjson::dom::element unused;
  return dns["answers"].get(unused) && dns["grouped"].get(unused) && !EveInteger(dns, "version");
}

// The queried name and type: top-level rrname/rrtype (v1, v2) or the first of queries[] (v3).
std::pair<std::string_view, std::string_view> QuestionOf(simdjson::dom::element dns) {
  std::string_view name = EveString(dns, "rrname");
  std::string_view type = EveString(dns, "rrtype");
  if (name.empty()) {
    name = EveString(dns, "queries/0/rrname");
    type = EveString(dns, "queries/0/rrtype");
  }
  return {name, type};
}

void AddAnswers(simdjson::dom::element dns, DnsLookup& lookup) {
  simdjson::dom::array answers;
  if (!dns["answers"].get(answers)) {
    for (simdjson::dom::element answer : answers) {
      std::string_view rdata = EveString(answer, "rdata");
      if (!rdata.empty()) lookup.answers.emplace_back(rdata);
    }
    return;
  }
  simdjson::dom::object grouped;
  if (dns["grouped"].get(grouped)) return;
  for (auto [type, values] : grouped) {
    simdjson::dom::array list;
    if (values.get(list)) continue;
    for (simdjson::dom::element value : list) {
      std::string_view text;
      if (!value.get(text)) lookup.answers.emplace_back(text);
    }
  }
}

void MapFlow(const EveEvent& event, int64_t time, RowSink& sink) {
  simdjson::dom::element root = event.root;
  NetworkConnection connection;
  std::string_view start = EveString(root, "flow/start");
  connection.time_ticks = ParseDateTime(start).value_or(time);
  connection.source_system = "Suricata";
  connection.device_name = EveString(root, "host");
  connection.action_type =
      EveInteger(root, "flow/pkts_toclient").value_or(0) > 0 ? "ConnectionSuccess" : "ConnectionAttempt";
  connection.local_ip = EveString(root, "src_ip");
  connection.local_port = EveInteger(root, "src_port");
  connection.remote_ip = EveString(root, "dest_ip");
  connection.remote_port = EveInteger(root, "dest_port");
  connection.protocol = DefenderProtocol(EveString(root, "proto"));
  std::string json = "{";
  if (auto flow_id = EveInteger(root, "flow_id")) json += fmt::format("\"flow_id\":{},", *flow_id);
  if (std::string_view app = EveString(root, "app_proto"); !app.empty()) {
    json += "\"app_proto\":";
    AppendJsonString(json, app);
    json += ',';
  }
  simdjson::dom::element flow;
  json += "\"flow\":";
  json += root["flow"].get(flow) ? std::string("null") : simdjson::minify(flow);
  connection.additional_fields = json + "}";
  EmitNetworkEvent(connection, sink, event.where);
}

}  // namespace

void SuricataRouter::Route(const EveEvent& event, RowSink& sink) {
  simdjson::dom::element root = event.root;
  if (group_ && !IsPerRecordAnswer(root)) EmitGroup(sink);
  std::string_view type = EveString(root, "event_type");
  std::optional<int64_t> time = ParseDateTime(EveString(root, "timestamp"));
  if ((type == "dns" || type == "flow") && !time) {
    sink.Unmapped(event.where, fmt::format("Suricata {} event without a valid timestamp", type), 0,
                  event.line);
    return;
  }
  if (time) {
    queries_.Expire(*time,
                    [&](const Pending& pending) { EmitDnsEvent(pending.lookup, sink, pending.where); });
  }
  if (type == "dns") return RouteDns(event, *time, sink);
  if (type == "flow") return MapFlow(event, *time, sink);
  std::string reason = type.empty() ? std::string("Suricata event without event_type: no table")
                                    : fmt::format("Suricata {} event: no table", type);
  sink.Unmapped(event.where, reason, time.value_or(0), event.line);
}

SuricataRouter::SuricataRouter() : queries_(kResponseWait) {}

SuricataRouter::Pending SuricataRouter::Start(const EveEvent& event, bool query, int64_t time,
                                              std::string_view name, std::string_view type) {
  std::string_view source = EveString(event.root, "src_ip");
  std::string_view destination = EveString(event.root, "dest_ip");
  Pending pending;
  pending.where = event.where;
  pending.lookup.time_ticks = time;
  pending.lookup.source_system = "Suricata";
  pending.lookup.client_ip = query ? source : destination;
  pending.lookup.computer = query ? destination : source;
  pending.lookup.name = name;
  pending.lookup.query_type = type;
  return pending;
}

SuricataRouter::Pending SuricataRouter::TakeOrStart(const Key& key, const EveEvent& event, int64_t time,
                                                    std::string_view name, std::string_view type) {
  if (std::optional<Pending> pending = queries_.Take(key)) return std::move(*pending);
  return Start(event, false, time, name, type);
}

void SuricataRouter::RouteDns(const EveEvent& event, int64_t time, RowSink& sink) {
  simdjson::dom::element dns;
  if (event.root["dns"].get(dns)) {
    sink.Unmapped(event.where, "Suricata dns event without a dns object", time, event.line);
    return;
  }
  std::string_view type = EveString(dns, "type");
  int64_t flow_id = EveInteger(event.root, "flow_id").value_or(0);
  int64_t id = EveInteger(dns, "id").value_or(-1);
  auto [name, rrtype] = QuestionOf(dns);
  if (IsQuery(type)) {
    Key key{flow_id, id, std::string(EveString(event.root, "src_ip"))};
    // A query asked again before the response is a row without one; the response answers the first
    // query, as the pcap reader and Zeek pair them.
    Pending query = Start(event, true, time, name, rrtype);
    if (Pending* slot = queries_.AddFirst(key, time))
      *slot = std::move(query);
    else
      EmitDnsEvent(query.lookup, sink, query.where);
    return;
  }
  if (!IsResponse(type)) {
    sink.Unmapped(event.where, fmt::format("Suricata dns event of type '{}': no table", type), time,
                  event.line);
    return;
  }
  Key key{flow_id, id, std::string(EveString(event.root, "dest_ip"))};
  std::optional<int> rcode = ResponseCodeNumber(EveString(dns, "rcode"));
  if (!IsPerRecordAnswer(event.root)) {
    Pending pending = TakeOrStart(key, event, time, name, rrtype);
    pending.lookup.rcode = rcode;
    AddAnswers(dns, pending.lookup);
    EmitDnsEvent(pending.lookup, sink, pending.where);
    return;
  }
  if (!group_ || group_->first != key) {
    EmitGroup(sink);
    group_.emplace(key, TakeOrStart(key, event, time, name, rrtype));
    group_->second.lookup.rcode = rcode;
  }
  std::string_view rdata = EveString(dns, "rdata");
  if (!rdata.empty()) group_->second.lookup.answers.emplace_back(rdata);
}

void SuricataRouter::EmitGroup(RowSink& sink) {
  if (!group_) return;
  EmitDnsEvent(group_->second.lookup, sink, group_->second.where);
  group_.reset();
}

void SuricataRouter::Flush(RowSink& sink) {
  EmitGroup(sink);
  queries_.Flush([&](const Pending& pending) { EmitDnsEvent(pending.lookup, sink, pending.where); });
}

}  // namespace iochound
