// Lines of the DNS servers' own logs:
// - Windows DNS Server debug log (dns.log) PACKET lines, fields as its "Message logging key" header
//   lists them: `6/5/2013 10:00:32 AM 0E70 PACKET  00000000033397A0 UDP Rcv 10.161.60.71    5b47   Q
//   [0001   D   NOERROR] A      (12)somecomputer(6)domain(3)com(0)`;
// - BIND query log (the `queries` category): `client @0x7f.. 10.0.0.5#51000 (name): [view v: ]query:
//   name IN A +E(0)K (10.0.0.1)`, after a syslog prefix or BIND's own `18-Apr-2026 10:00:00.123`;
// - dnsmasq with log-queries: `query[A] name from 10.0.0.5`, `reply name is 203.0.113.7`, `cached ...`,
//   `forwarded name to 8.8.8.8` after a syslog prefix.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace iochound {

struct WindowsDnsPacket {
  std::optional<int64_t> time_ticks;  // the server's local time, taken as UTC (the log has no zone)
  std::string protocol;               // "UDP" or "TCP"
  bool sent = false;                  // Snd (the server sent it) or Rcv
  std::string remote_ip;
  uint16_t xid = 0;
  bool response = false;
  char opcode = 'Q';       // Q query, N notify, U update, ? unknown
  std::string rcode_name;  // NOERROR, NXDOMAIN ...
  std::string question_type;
  std::string question_name;  // (7)example(3)com(0) decoded to example.com
};

// A PACKET line; nullopt for the log's other lines (its header, events without a packet).
std::optional<WindowsDnsPacket> ParseWindowsDnsPacket(std::string_view line);
// True when `head` looks like a Windows DNS debug log (its header or a PACKET line).
bool LooksLikeWindowsDnsDebugLog(std::string_view head);

struct BindQuery {
  std::optional<int64_t> time_ticks;
  std::string host;  // the syslog host, when the line has a syslog prefix
  std::string client_ip;
  uint16_t client_port = 0;
  std::string name;
  std::string query_class;
  std::string query_type;
  std::string server_ip;  // the address the query arrived on
};

// A query line of BIND's query log; nullopt for other lines. `year` dates year-less syslog lines.
std::optional<BindQuery> ParseBindQuery(std::string_view line, int year);
bool LooksLikeBindQueryLog(std::string_view head);

struct DnsmasqLine {
  enum class Kind { kQuery, kAnswer, kForwarded, kOther };
  Kind kind = Kind::kOther;
  std::optional<int64_t> time_ticks;
  std::string host;
  std::string query_type;  // kQuery
  std::string name;        // kQuery, kAnswer, kForwarded
  std::string client_ip;   // kQuery: who asked
  std::string answer;      // kAnswer: an address, NXDOMAIN, NODATA, <CNAME> ...
};

// A dnsmasq line (after its syslog prefix); nullopt when the line is not from dnsmasq.
std::optional<DnsmasqLine> ParseDnsmasqLine(std::string_view line, int year);
bool LooksLikeDnsmasqLog(std::string_view head);

}  // namespace iochound
