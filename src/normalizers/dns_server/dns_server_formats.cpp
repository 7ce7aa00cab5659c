#include "normalizers/dns_server/dns_server_formats.h"

#include <fmt/format.h>

#include <optional>
#include <tuple>

#include "decoders/dns_server/dns_server_lines.h"
#include "decoders/dns_server/syslog_prefix.h"
#include "decoders/line_reader.h"
#include "normalizers/network/dns_event.h"
#include "normalizers/network/pending_lookups.h"
#include "sources/byte_reader.h"
#include "types/datetime.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

constexpr int64_t kResponseWait = 60 * kTicksPerSecond;

struct Pending {
  DnsLookup lookup;
  RecordLocation where;
};

std::string LineJson(std::string_view line) {
  std::string json = "{\"line\":";
  AppendJsonString(json, line);
  return json + "}";
}

// Reads a server log line by line; `Route` maps one line, `Flush` writes what still waits.
class ServerLogReader : public TelemetryReader {
 public:
  ServerLogReader(const InputFile& input, DataErrors& errors)
      : name_(input.name), errors_(errors), lines_(std::make_unique<InputBuffer>(OpenInput(input))) {}

  bool Next(RowSink& sink) override {
    std::string_view line;
    if (!lines_.Next(line)) {
      Flush(sink);
      return false;
    }
    if (line.back() == '\r') line.remove_suffix(1);
    ++records_;
    Route(line, RecordLocation{name_, lines_.line_number(), lines_.offset()}, sink);
    return true;
  }
  uint64_t records() const override { return records_; }

 protected:
  virtual void Route(std::string_view line, const RecordLocation& where, RowSink& sink) = 0;
  virtual void Flush(RowSink&) {}

  std::string name_;
  DataErrors& errors_;

 private:
  LineReader lines_;
  uint64_t records_ = 0;
};

// Windows DNS Server debug log: a query the server received (Rcv, no R) waits for the response it
// sent back (Snd, R) to the same address with the same xid.
class WindowsDnsDebugReader : public ServerLogReader {
 public:
  using ServerLogReader::ServerLogReader;

 protected:
  void Route(std::string_view line, const RecordLocation& where, RowSink& sink) override {
    auto packet = ParseWindowsDnsPacket(line);
    if (!packet) {
      // The log's header ("Message logging key ...") and non-packet events.
      sink.Unmapped(where, "Windows DNS debug line that is not a PACKET: no table", 0, LineJson(line));
      return;
    }
    int64_t time = packet->time_ticks.value_or(0);
    auto emit = [&](const Pending& pending) { EmitDnsEvent(pending.lookup, sink, pending.where); };
    waiting_.Expire(time, emit);
    Key key{packet->remote_ip, packet->xid};
    if (!packet->sent && !packet->response) {
      Pending& pending = waiting_.Add(key, time, emit);
      pending.where = where;
      pending.lookup = DnsLookup{
          time, "Windows DNS Server", "", packet->remote_ip, packet->question_name, packet->question_type,
          {},   std::nullopt};
      return;
    }
    if (packet->sent && packet->response) {
      std::optional<Pending> pending = waiting_.Take(key);
      if (!pending) {
        pending.emplace();
        pending->where = where;
        pending->lookup = DnsLookup{
            time, "Windows DNS Server", "", packet->remote_ip, packet->question_name, packet->question_type,
            {},   std::nullopt};
      }
      pending->lookup.rcode = ResponseCodeNumber(packet->rcode_name);
      emit(*pending);
      return;
    }
    sink.Unmapped(where, "Windows DNS debug: the server's own query to another server: no table", time,
                  LineJson(line));
  }
  void Flush(RowSink& sink) override {
    waiting_.Flush([&](const Pending& pending) { EmitDnsEvent(pending.lookup, sink, pending.where); });
  }

 private:
  using Key = std::tuple<std::string, uint16_t>;
  PendingLookups<Key, Pending> waiting_{kResponseWait};
};

// BIND logs queries only: each is a row without a response.
class BindQueryReader : public ServerLogReader {
 public:
  using ServerLogReader::ServerLogReader;

 protected:
  void Route(std::string_view line, const RecordLocation& where, RowSink& sink) override {
    auto query = ParseBindQuery(line, year_);
    if (!query) {
      sink.Unmapped(where, "BIND log line that is not a query: no table", 0, LineJson(line));
      return;
    }
    DnsLookup lookup{query->time_ticks.value_or(0),
                     "BIND",
                     query->host.empty() ? query->server_ip : query->host,
                     query->client_ip,
                     query->name,
                     query->query_type,
                     {},
                     std::nullopt};
    EmitDnsEvent(lookup, sink, where);
  }

 private:
  int year_ = CurrentUtcYear();
};

// dnsmasq: a query, then the reply/cached/config lines for its name carry the answers.
class DnsmasqReader : public ServerLogReader {
 public:
  using ServerLogReader::ServerLogReader;

 protected:
  void Route(std::string_view line, const RecordLocation& where, RowSink& sink) override {
    auto parsed = ParseDnsmasqLine(line, year_);
    if (!parsed) {
      sink.Unmapped(where, "line not from dnsmasq: no table", 0, LineJson(line));
      return;
    }
    int64_t time = parsed->time_ticks.value_or(0);
    auto emit = [&](const Pending& pending) { EmitDnsEvent(pending.lookup, sink, pending.where); };
    waiting_.Expire(time, emit);
    switch (parsed->kind) {
      case DnsmasqLine::Kind::kQuery: {
        Pending& pending = waiting_.Add(parsed->name, time, emit);
        pending.where = where;
        pending.lookup = DnsLookup{time,         "dnsmasq",          parsed->host, parsed->client_ip,
                                   parsed->name, parsed->query_type, {},           std::nullopt};
        return;
      }
      case DnsmasqLine::Kind::kAnswer:
        if (Answer(*parsed)) return;
        sink.Unmapped(where, "dnsmasq answer without its query: no table", time, LineJson(line));
        return;
      case DnsmasqLine::Kind::kForwarded:
        return;  // the query went upstream; its reply line follows
      case DnsmasqLine::Kind::kOther:
        sink.Unmapped(where, "dnsmasq line that is not a query or answer: no table", time, LineJson(line));
        return;
    }
  }
  void Flush(RowSink& sink) override {
    waiting_.Flush([&](const Pending& pending) { EmitDnsEvent(pending.lookup, sink, pending.where); });
  }

 private:
  // Adds an answer to the waiting query of its name (taken and put back: answers come one a line).
  bool Answer(const DnsmasqLine& line) {
    std::optional<Pending> pending = waiting_.Take(line.name);
    if (!pending) return false;
    std::optional<int> rcode = ResponseCodeNumber(line.answer);
    if (rcode) {
      pending->lookup.rcode = *rcode;
    } else {
      pending->lookup.rcode = 0;  // an address, <CNAME> or NODATA
      if (!line.answer.starts_with("<") && !line.answer.starts_with("NODATA"))
        pending->lookup.answers.push_back(line.answer);
    }
    int64_t time = pending->lookup.time_ticks;
    waiting_.Add(line.name, time, [](const Pending&) {}) = std::move(*pending);
    return true;
  }

  PendingLookups<std::string, Pending> waiting_{kResponseWait};
  int year_ = CurrentUtcYear();
};

template <typename Reader>
std::unique_ptr<TelemetryReader> Open(const InputFile& input, DataErrors& errors) {
  return std::make_unique<Reader>(input, errors);
}

}  // namespace

TelemetryFormat WindowsDnsDebugFormat() {
  return {"windows-dns-debug",
          "Windows DNS Server debug log (dns.log PACKET lines); queries paired with responses",
          {"DnsEvents"},
          [](const FormatProbe& p) { return LooksLikeWindowsDnsDebugLog(p.head) ? 70 : 0; },
          Open<WindowsDnsDebugReader>};
}

TelemetryFormat BindQueryLogFormat() {
  return {"bind-query-log",
          "BIND query log (client ... query: NAME IN TYPE)",
          {"DnsEvents"},
          [](const FormatProbe& p) { return LooksLikeBindQueryLog(p.head) ? 70 : 0; },
          Open<BindQueryReader>};
}

TelemetryFormat DnsmasqLogFormat() {
  return {"dnsmasq",
          "dnsmasq query log (log-queries: query[A] NAME from CLIENT, reply lines)",
          {"DnsEvents"},
          [](const FormatProbe& p) { return LooksLikeDnsmasqLog(p.head) ? 70 : 0; },
          Open<DnsmasqReader>};
}

}  // namespace iochound
