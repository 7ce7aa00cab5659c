#include "normalizers/zeek/zeek_mapping.h"

#include <fmt/format.h>

#include <charconv>

#include "normalizers/network/dns_event.h"
#include "normalizers/network/network_event.h"
#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

std::optional<int64_t> ParseInteger(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  int64_t value;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return value;
}

std::string Text(std::optional<std::string_view> text) {
  return text ? std::string(*text) : std::string();
}

// Which log a record comes from when the file does not say (a JSON log without `_path`).
std::string_view InferPath(const ZeekRecord& record) {
  if (!record.path.empty()) return record.path;
  if (record.Get("conn_state") || record.Get("history")) return "conn";
  if (record.Get("trans_id") || record.Get("qtype_name") || record.Get("query")) return "dns";
  return "";
}

void MapDns(const ZeekRecord& record, int64_t time, RowSink& sink) {
  DnsLookup lookup;
  lookup.time_ticks = time;
  lookup.source_system = "Zeek";
  lookup.computer = Text(record.Get("id.resp_h"));
  lookup.client_ip = Text(record.Get("id.orig_h"));
  // Zeek writes a query for the root zone as an empty string; "." says what it is and matches the
  // name a capture of the same query gives. An unset query (no question) stays empty.
  auto query = record.Get("query");
  lookup.name = query && query->empty() ? std::string(".") : Text(query);
  if (auto name = record.Get("qtype_name")) {
    lookup.query_type = *name;
  } else if (auto type = ParseInteger(record.Get("qtype"))) {
    lookup.query_type = QueryTypeName(static_cast<unsigned>(*type));
  }
  for (std::string_view answer : record.List("answers")) lookup.answers.emplace_back(answer);
  if (auto rcode = ParseInteger(record.Get("rcode"))) lookup.rcode = static_cast<int>(*rcode);
  EmitDnsEvent(lookup, sink, record.where);
}

void AppendField(std::string& json, const ZeekRecord& record, std::string_view name, bool numeric) {
  auto value = record.Get(name);
  if (!value) return;
  json += json.size() > 1 ? "," : "";
  AppendJsonString(json, name);
  json += ':';
  if (numeric && ParseInteger(value)) {
    json += *value;
  } else {
    AppendJsonString(json, *value);
  }
}

void MapConn(const ZeekRecord& record, int64_t time, RowSink& sink) {
  NetworkConnection connection;
  connection.time_ticks = time;
  connection.source_system = "Zeek";
  connection.device_name =
      Text(record.Get("_system_name") ? record.Get("_system_name") : record.Get("@system"));
  connection.action_type = ConnStateAction(record.Get("conn_state").value_or(""));
  connection.local_ip = Text(record.Get("id.orig_h"));
  connection.local_port = ParseInteger(record.Get("id.orig_p"));
  connection.remote_ip = Text(record.Get("id.resp_h"));
  connection.remote_port = ParseInteger(record.Get("id.resp_p"));
  connection.protocol = DefenderProtocol(record.Get("proto").value_or(""));
  std::string json = "{";
  AppendField(json, record, "uid", false);
  AppendField(json, record, "service", false);
  AppendField(json, record, "conn_state", false);
  AppendField(json, record, "history", false);
  AppendField(json, record, "duration", false);
  for (std::string_view count : {"orig_bytes", "resp_bytes", "orig_pkts", "resp_pkts"})
    AppendField(json, record, count, true);
  connection.additional_fields = json + "}";
  EmitNetworkEvent(connection, sink, record.where);
}

}  // namespace

std::optional<int64_t> ParseZeekTime(std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  int64_t seconds;
  auto [end, error] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
  bool epoch = !whole.empty() && error == std::errc() && end == whole.data() + whole.size() &&
               fraction.find_first_not_of("0123456789") == std::string_view::npos;
  if (!epoch) return ParseDateTime(text);
  // Digits, not a double: a double would round microseconds away from what the log says.
  int64_t ticks = 0;
  for (size_t i = 0; i < 7; ++i) ticks = ticks * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  return seconds * kTicksPerSecond + ticks;
}

std::string_view ConnStateAction(std::string_view state) {
  // Established connections, whatever ended them.
  if (state == "SF" || state == "S1" || state == "S2" || state == "S3" || state == "RSTO" || state == "RSTR")
    return "ConnectionSuccess";
  // A request no reply was seen to.
  if (state == "S0") return "ConnectionAttempt";
  // Rejected, or reset/closed before the handshake completed.
  if (state == "REJ" || state == "RSTOS0" || state == "RSTRH" || state == "SH") return "ConnectionFailed";
  // Traffic of a connection whose start was not seen (SHR, OTH).
  return "ConnectionFound";
}

void RouteZeekRecord(const ZeekRecord& record, RowSink& sink) {
  std::string_view path = InferPath(record);
  int64_t time = 0;
  bool has_time = false;
  if (auto ts = record.Get("ts")) {
    if (auto parsed = ParseZeekTime(*ts)) {
      time = *parsed;
      has_time = true;
    }
  }
  if ((path == "dns" || path == "conn") && !has_time) {
    sink.Unmapped(record.where, fmt::format("Zeek {} record without a valid ts", path), 0, record.ToJson());
    return;
  }
  if (path == "dns") return MapDns(record, time, sink);
  if (path == "conn") return MapConn(record, time, sink);
  std::string reason =
      path.empty() ? "Zeek record of an unknown log: no table" : fmt::format("Zeek {} log: no table", path);
  sink.Unmapped(record.where, reason, time, record.ToJson());
}

}  // namespace iochound
