#include "decoders/dns_server/dns_server_lines.h"

#include <re2/re2.h>

#include <charconv>

#include "decoders/dns_server/syslog_prefix.h"
#include "types/datetime.h"

namespace iochound {
namespace {

std::string_view View(re2::StringPiece piece) {
  return std::string_view(piece.data(), piece.size());
}

int Number(re2::StringPiece piece) {
  int value = 0;
  std::from_chars(piece.data(), piece.data() + piece.size(), value);
  return value;
}

// `6/5/2013 10:00:32 AM` (the US locale) or `2019/08/20 11:48:27` / `2019-08-20 11:48:27`.
std::optional<int64_t> WindowsLogTime(std::string_view date, std::string_view time) {
  static const RE2 kDate(R"((\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}))");
  static const RE2 kTime(R"((\d{1,2}):(\d{2}):(\d{2})(?: ([AP]M))?)");
  re2::StringPiece a, b, c, hour, minute, second, half;
  if (!RE2::FullMatch(re2::StringPiece(date.data(), date.size()), kDate, &a, &b, &c)) return std::nullopt;
  if (!RE2::FullMatch(re2::StringPiece(time.data(), time.size()), kTime, &hour, &minute, &second, &half))
    return std::nullopt;
  int year = a.size() == 4 ? Number(a) : Number(c);
  int month = a.size() == 4 ? Number(b) : Number(a);
  int day = a.size() == 4 ? Number(c) : Number(b);
  int h = Number(hour) % (half.empty() ? 24 : 12) + (View(half) == "PM" ? 12 : 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23) return std::nullopt;
  return FromCivil(CivilTime{year, month, day, h, Number(minute), Number(second), 0});
}

// (7)example(3)com(0) → example.com
std::string DecodeDebugName(std::string_view text) {
  std::string name;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '(') {
      name += text[i++];
      continue;
    }
    size_t close = text.find(')', i);
    if (close == std::string_view::npos) break;
    if (i > 0 && close + 1 < text.size()) name += '.';
    i = close + 1;
  }
  return name;
}

// BIND's own channel time: `18-Apr-2026 10:00:00.123`.
std::optional<int64_t> BindChannelTime(re2::StringPiece day, re2::StringPiece month, re2::StringPiece year,
                                       re2::StringPiece clock) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int m = 0; m < 12; ++m) {
    if (kMonths[m] != View(month)) continue;
    std::string iso = std::string(View(year)) + "-" + (m < 9 ? "0" : "") + std::to_string(m + 1) + "-" +
                      (day.size() == 1 ? "0" : "") + std::string(View(day)) + "T" + std::string(View(clock)) +
                      "Z";
    return ParseDateTime(iso);
  }
  return std::nullopt;
}

}  // namespace

std::optional<WindowsDnsPacket> ParseWindowsDnsPacket(std::string_view line) {
  static const RE2 kPacket(
      R"(^(\S+) (\d{1,2}:\d{2}:\d{2}(?: [AP]M)?) [0-9A-Fa-f]+ PACKET +[0-9A-Fa-f]+ (UDP|TCP) (Snd|Rcv) (\S+) +)"
      R"(([0-9A-Fa-f]{1,4}) ([R ]) ([QNU?]) \[[0-9A-Fa-f]+ +[A-Z ]*?([A-Z]+)\] (\S+) +(\S+))");
  re2::StringPiece date, time, protocol, direction, remote, xid, response, opcode, rcode, type, name;
  if (!RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kPacket, &date, &time, &protocol,
                         &direction, &remote, &xid, &response, &opcode, &rcode, &type, &name))
    return std::nullopt;
  WindowsDnsPacket packet;
  packet.time_ticks = WindowsLogTime(View(date), View(time));
  packet.protocol = View(protocol);
  packet.sent = View(direction) == "Snd";
  packet.remote_ip = View(remote);
  unsigned id = 0;
  std::from_chars(xid.data(), xid.data() + xid.size(), id, 16);
  packet.xid = static_cast<uint16_t>(id);
  packet.response = View(response) == "R";
  packet.opcode = opcode.empty() ? '?' : opcode[0];
  packet.rcode_name = View(rcode);
  packet.question_type = View(type);
  packet.question_name = DecodeDebugName(View(name));
  return packet;
}

bool LooksLikeWindowsDnsDebugLog(std::string_view head) {
  return head.find("Message logging key (for packets") != std::string_view::npos ||
         (head.find(" PACKET ") != std::string_view::npos &&
          (head.find(" UDP Rcv ") != std::string_view::npos ||
           head.find(" UDP Snd ") != std::string_view::npos ||
           head.find(" TCP Rcv ") != std::string_view::npos));
}

std::optional<BindQuery> ParseBindQuery(std::string_view line, int year) {
  static const RE2 kQuery(
      R"(client (?:@0x[0-9a-fA-F]+ )?([0-9A-Fa-f.:]+)#(\d+)(?: \([^)]*\))?: (?:view [^:]+: )?query: (\S+) (\S+) (\S+) \S*(?: \(([0-9A-Fa-f.:]+)\))?)");
  static const RE2 kChannelTime(R"(^(\d{1,2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) )");
  re2::StringPiece client, port, name, query_class, type, server;
  re2::StringPiece input(line.data(), line.size());
  if (!RE2::PartialMatch(input, kQuery, &client, &port, &name, &query_class, &type, &server))
    return std::nullopt;
  BindQuery query;
  query.client_ip = View(client);
  query.client_port = static_cast<uint16_t>(Number(port));
  query.name = View(name);
  query.query_class = View(query_class);
  query.query_type = View(type);
  query.server_ip = View(server);
  re2::StringPiece day, month, channel_year, clock;
  if (auto prefix = ParseSyslogPrefix(line, year)) {
    query.time_ticks = prefix->time_ticks;
    query.host = prefix->host;
  } else if (RE2::PartialMatch(input, kChannelTime, &day, &month, &channel_year, &clock)) {
    query.time_ticks = BindChannelTime(day, month, channel_year, clock);
  }
  return query;
}

bool LooksLikeBindQueryLog(std::string_view head) {
  static const RE2 kQuery(
      R"(client (?:@0x[0-9a-fA-F]+ )?[0-9A-Fa-f.:]+#\d+(?: \([^)]*\))?: (?:view [^:]+: )?query: )");
  return RE2::PartialMatch(re2::StringPiece(head.data(), head.size()), kQuery);
}

std::optional<DnsmasqLine> ParseDnsmasqLine(std::string_view line, int year) {
  auto prefix = ParseSyslogPrefix(line, year);
  if (!prefix || prefix->program != "dnsmasq") return std::nullopt;
  DnsmasqLine parsed;
  parsed.time_ticks = prefix->time_ticks;
  parsed.host = prefix->host;
  // log-queries=extra prefixes a serial number and the client: `1234 10.0.0.5/51000 query[A] ...`.
  static const RE2 kExtra(R"(^\d+ [0-9A-Fa-f.:]+/\d+ )");
  static const RE2 kQuery(R"(^query\[(\S+)\] (\S+) from (\S+))");
  static const RE2 kAnswer(R"(^(?:reply|cached|config|cached-stale|/\S+) (\S+) is (.+)$)");
  static const RE2 kForwarded(R"(^forwarded (\S+) to (\S+))");
  re2::StringPiece message(prefix->message.data(), prefix->message.size());
  RE2::Consume(&message, kExtra);
  re2::StringPiece a, b, c;
  if (RE2::PartialMatch(message, kQuery, &a, &b, &c)) {
    parsed.kind = DnsmasqLine::Kind::kQuery;
    parsed.query_type = View(a);
    parsed.name = View(b);
    parsed.client_ip = View(c);
  } else if (RE2::PartialMatch(message, kAnswer, &a, &b)) {
    parsed.kind = DnsmasqLine::Kind::kAnswer;
    parsed.name = View(a);
    parsed.answer = View(b);
  } else if (RE2::PartialMatch(message, kForwarded, &a, &b)) {
    parsed.kind = DnsmasqLine::Kind::kForwarded;
    parsed.name = View(a);
  }
  return parsed;
}

bool LooksLikeDnsmasqLog(std::string_view head) {
  static const RE2 kQuery(R"(dnsmasq\[\d+\]: (?:\d+ \S+ )?query\[)");
  return RE2::PartialMatch(re2::StringPiece(head.data(), head.size()), kQuery);
}

}  // namespace iochound
