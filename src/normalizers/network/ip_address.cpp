#include "normalizers/network/ip_address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <optional>

namespace iochound {
namespace {

std::optional<std::array<uint8_t, 4>> ParseV4(std::string_view text) {
  if (text.size() >= INET_ADDRSTRLEN) return std::nullopt;
  std::string copy(text);
  std::array<uint8_t, 4> bytes;
  if (inet_pton(AF_INET, copy.c_str(), bytes.data()) != 1) return std::nullopt;
  return bytes;
}

std::optional<std::array<uint8_t, 16>> ParseV6(std::string_view text) {
  if (text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  std::string copy(text);
  std::array<uint8_t, 16> bytes;
  if (inet_pton(AF_INET6, copy.c_str(), bytes.data()) != 1) return std::nullopt;
  return bytes;
}

std::string_view V4Type(const std::array<uint8_t, 4>& a) {
  if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xF0) == 16) || (a[0] == 192 && a[1] == 168)) return "Private";
  if (a[0] == 127) return "Loopback";
  if (a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255) return "Broadcast";
  if (a[0] == 0 || (a[0] == 169 && a[1] == 254) || a[0] >= 224) return "Reserved";
  return "Public";
}

}  // namespace

bool IsIpAddress(std::string_view text) {
  return ParseV4(text).has_value() || ParseV6(text).has_value();
}

std::string CanonicalIpAddress(std::string_view text) {
  auto v6 = ParseV6(text);
  if (!v6) return std::string(text);
  char buffer[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, v6->data(), buffer, sizeof buffer) == nullptr) return std::string(text);
  return buffer;
}

std::string_view IpAddressType(std::string_view text) {
  if (auto v4 = ParseV4(text)) return V4Type(*v4);
  auto v6 = ParseV6(text);
  if (!v6) return "";
  const std::array<uint8_t, 16>& a = *v6;
  bool zero_prefix = true;
  for (int i = 0; i < 10; ++i) zero_prefix = zero_prefix && a[i] == 0;
  if (zero_prefix && a[10] == 0xFF && a[11] == 0xFF) return "FourToSixMapping";
  if (zero_prefix && a[10] == 0 && a[11] == 0 && a[12] == 0 && a[13] == 0 && a[14] == 0 && a[15] == 1)
    return "Loopback";
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) return "Teredo";
  if ((a[0] & 0xFE) == 0xFC) return "Private";
  if (a[0] == 0xFF || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) || zero_prefix) return "Reserved";
  return "Public";
}

}  // namespace iochound
