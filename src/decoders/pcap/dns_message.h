// Parses a DNS message (RFC 1035 section 4) from a packet: header, first question and the answer
// section, with name compression (RFC 1035 4.1.4) guarded against loops and out-of-bounds pointers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

struct DnsAnswer {
  std::string name;
  uint16_t type = 0;
  uint32_t ttl = 0;
  // The record's data as text: the address (A, AAAA), the target name (CNAME, NS, PTR), "preference
  // exchange" (MX), "priority weight port target" (SRV), the strings joined (TXT); empty for other
  // types.
  std::string data;
};

struct DnsMessage {
  uint16_t id = 0;
  bool response = false;
  uint8_t opcode = 0;
  uint8_t rcode = 0;
  uint16_t question_count = 0;
  std::string question_name;  // "" when the message has no question
  uint16_t question_type = 0;
  std::vector<DnsAnswer> answers;
};

// Parses `bytes`. Returns "" on success, else what is wrong and where ("answer 2: compression
// pointer loop at offset 45"); `message` then holds what was read before the fault.
std::string ParseDnsMessage(std::string_view bytes, DnsMessage& message);

}  // namespace iochound
