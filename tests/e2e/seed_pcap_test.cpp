// End-to-end: the seed hunt (rules/nanocore/dns_hunt.kql, unchanged) over a packet capture that this
// test writes byte by byte: planted Nanocore lookups among ordinary ones, read with `query --input`.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run_process.h"

namespace iochound::e2e {
namespace {

const std::string kSeedRule = std::string(IOCHOUND_SOURCE_DIR) + "/rules/nanocore/dns_hunt.kql";

constexpr uint8_t kClient[4] = {10, 0, 0, 23};
constexpr uint8_t kServer[4] = {10, 0, 0, 1};
constexpr uint16_t kTypeA = 1;
constexpr uint16_t kTypeAaaa = 28;
constexpr uint16_t kTypeCname = 5;

void Put16(std::string& out, uint16_t value) {
  out += static_cast<char>(value >> 8);
  out += static_cast<char>(value & 0xff);
}

// Little-endian, as the pcap headers written here declare (magic a1b2c3d4 stored d4 c3 b2 a1).
void PutLe32(std::string& out, uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((value >> shift) & 0xff);
}

std::string EncodeName(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (start < name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    out += static_cast<char>(dot - start);
    out += name.substr(start, dot - start);
    start = dot + 1;
  }
  return out + '\0';
}

struct Answer {
  uint16_t type;
  std::string data;  // the rdata's bytes
};

// A DNS message: one question, and when `response`, `answers` (names compressed to the question's).
std::string DnsMessage(uint16_t id, bool response, uint8_t rcode, const std::string& name, uint16_t type,
                       const std::vector<Answer>& answers) {
  std::string out;
  Put16(out, id);
  Put16(out, response ? static_cast<uint16_t>(0x8180 | rcode) : 0x0100);
  Put16(out, 1);
  Put16(out, response ? static_cast<uint16_t>(answers.size()) : 0);
  Put16(out, 0);
  Put16(out, 0);
  out += EncodeName(name);
  Put16(out, type);
  Put16(out, 1);
  if (!response) return out;
  for (const Answer& answer : answers) {
    Put16(out, 0xc00c);  // the question's name, at offset 12
    Put16(out, answer.type);
    Put16(out, 1);
    out += std::string("\0\0\x0e\x10", 4);  // TTL 3600
    Put16(out, static_cast<uint16_t>(answer.data.size()));
    out += answer.data;
  }
  return out;
}

// An Ethernet/IPv4/UDP frame carrying `payload` from `source`:`source_port` to `dest`:`dest_port`.
std::string UdpFrame(const uint8_t* source, uint16_t source_port, const uint8_t* dest, uint16_t dest_port,
                     const std::string& payload) {
  std::string frame("\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00", 14);
  std::string ip("\x45\x00", 2);
  Put16(ip, static_cast<uint16_t>(20 + 8 + payload.size()));
  ip += std::string("\0\x01\0\0\x40\x11\0\0", 8);  // id 1, no fragment, TTL 64, UDP, checksum unset
  ip.append(reinterpret_cast<const char*>(source), 4);
  ip.append(reinterpret_cast<const char*>(dest), 4);
  std::string udp;
  Put16(udp, source_port);
  Put16(udp, dest_port);
  Put16(udp, static_cast<uint16_t>(8 + payload.size()));
  Put16(udp, 0);  // no checksum (allowed over IPv4)
  return frame + ip + udp + payload;
}

class CaptureWriter {
 public:
  CaptureWriter() {
    PutLe32(bytes_, 0xa1b2c3d4);
    bytes_ += std::string("\x02\0\x04\0", 4);  // version 2.4
    PutLe32(bytes_, 0);                        // this zone
    PutLe32(bytes_, 0);                        // sigfigs
    PutLe32(bytes_, 65535);                    // snaplen
    PutLe32(bytes_, 1);                        // Ethernet
  }
  void Frame(uint32_t seconds, uint32_t micros, const std::string& frame) {
    PutLe32(bytes_, seconds);
    PutLe32(bytes_, micros);
    PutLe32(bytes_, static_cast<uint32_t>(frame.size()));
    PutLe32(bytes_, static_cast<uint32_t>(frame.size()));
    bytes_ += frame;
  }
  // A query at `seconds` from the client and, 20 ms later, the server's response.
  void Lookup(uint32_t seconds, uint16_t id, uint16_t port, const std::string& name, uint16_t type,
              uint8_t rcode, const std::vector<Answer>& answers) {
    Frame(seconds, 0, UdpFrame(kClient, port, kServer, 53, DnsMessage(id, false, 0, name, type, {})));
    Frame(seconds, 20000,
          UdpFrame(kServer, 53, kClient, port, DnsMessage(id, true, rcode, name, type, answers)));
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

Answer A(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return Answer{kTypeA, std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c),
                                    static_cast<char>(d)}};
}

TEST(SeedPcapTest, SeedQueryReturnsExactlyThePlantedNanocoreLookups) {
  // 2026-04-18T10:00:00Z and the seconds after it.
  constexpr uint32_t kStart = 1776506400;
  CaptureWriter capture;
  capture.Lookup(kStart, 0x1001, 50001, "www.example.com", kTypeA, 0, {A(93, 184, 216, 34)});
  capture.Lookup(kStart + 1, 0x1002, 50002, "project1.in.net", kTypeA, 0,
                 {A(203, 0, 113, 7), A(203, 0, 113, 8)});
  // Names that share words with the IOCs but are other domains: `has_any` must not take them.
  capture.Lookup(kStart + 2, 0x1003, 50003, "notproject1.in.net", kTypeA, 3, {});
  capture.Lookup(kStart + 3, 0x1004, 50004, "in.net", kTypeA, 0, {A(198, 51, 100, 1)});
  std::string v6("\x20\x01\x0d\xb8", 4);
  v6 += std::string(11, '\0') + "\x07";
  capture.Lookup(kStart + 4, 0x1005, 50005, "defence.in.net", kTypeAaaa, 0, {Answer{kTypeAaaa, v6}});
  capture.Lookup(kStart + 5, 0x1006, 50006, "login.microsoftonline.com", kTypeA, 0,
                 {Answer{kTypeCname, EncodeName("login.mso.msidentity.com")}, A(20, 190, 160, 1)});
  // A planted lookup answered NXDOMAIN (the C2 is down): still a hit, without addresses.
  capture.Lookup(kStart + 6, 0x1007, 50007, "project1.in.net", kTypeA, 3, {});
  // The C2 behind a CNAME chain: the CNAME is not an address, the final A record is.
  capture.Lookup(kStart + 7, 0x1008, 50008, "defence.in.net", kTypeA, 0,
                 {Answer{kTypeCname, EncodeName("cdn.example.net")}, A(203, 0, 113, 9)});

  std::string dir = testing::TempDir() + "/seed_pcap";
  std::filesystem::create_directories(dir);
  std::string path = dir + "/planted.pcap";
  std::ofstream(path, std::ios::binary) << capture.bytes();

  ProcessResult r = RunIochound({"query", "-f", kSeedRule, "--input", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "{\"TimeGenerated\":\"2026-04-18T10:00:07Z\",\"Computer\":\"10.0.0.1\",\"Name\":\"defence.in.net\","
      "\"IPAddresses\":\"203.0.113.9\",\"QueryType\":\"A\"}\n"
      "{\"TimeGenerated\":\"2026-04-18T10:00:06Z\",\"Computer\":\"10.0.0.1\",\"Name\":\"project1.in.net\","
      "\"IPAddresses\":\"\",\"QueryType\":\"A\"}\n"
      "{\"TimeGenerated\":\"2026-04-18T10:00:04Z\",\"Computer\":\"10.0.0.1\",\"Name\":\"defence.in.net\","
      "\"IPAddresses\":\"2001:db8::7\",\"QueryType\":\"AAAA\"}\n"
      "{\"TimeGenerated\":\"2026-04-18T10:00:01Z\",\"Computer\":\"10.0.0.1\",\"Name\":\"project1.in.net\","
      "\"IPAddresses\":\"203.0.113.7, 203.0.113.8\",\"QueryType\":\"A\"}\n");
  // Every lookup became a row: the hunt saw the noise and left it out.
  EXPECT_NE(r.err.find("planted.pcap: pcap, 16 records; rows: DeviceNetworkEvents 8, DnsEvents 8"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace iochound::e2e
