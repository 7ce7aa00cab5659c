#include "intel/ioc.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace iochound {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

constexpr std::array<std::string_view, kIocTypeCount> kNames = {
    "domain", "ip", "ip:port", "url", "md5", "sha1", "sha256", "sha384", "filename"};

// Feed spellings beyond the canonical names.
constexpr std::array<std::pair<std::string_view, IocType>, 22> kAliases = {{
    {"hostname", IocType::kDomain},
    {"domain-name", IocType::kDomain},
    {"fqdn", IocType::kDomain},
    {"ip-dst", IocType::kIp},
    {"ip-src", IocType::kIp},
    {"ipv4-addr", IocType::kIp},
    {"ipv6-addr", IocType::kIp},
    {"ipv4", IocType::kIp},
    {"ipv6", IocType::kIp},
    {"ip-dst|port", IocType::kIpPort},
    {"ip-src|port", IocType::kIpPort},
    {"ip_port", IocType::kIpPort},
    {"uri", IocType::kUrl},
    {"md5_hash", IocType::kMd5},
    {"sha1_hash", IocType::kSha1},
    {"sha-1", IocType::kSha1},
    {"sha256_hash", IocType::kSha256},
    {"sha-256", IocType::kSha256},
    {"sha384_hash", IocType::kSha384},
    {"sha3_384_hash", IocType::kSha384},
    {"sha3-384", IocType::kSha384},
    {"sha3_384", IocType::kSha384},
}};

}  // namespace

std::string_view IocTypeName(IocType type) {
  return kNames[static_cast<size_t>(type)];
}

std::optional<IocType> ParseIocType(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (EqualsIgnoreCase(name, kNames[i])) return static_cast<IocType>(i);
  }
  for (const auto& [alias, type] : kAliases) {
    if (EqualsIgnoreCase(name, alias)) return type;
  }
  return std::nullopt;
}

std::string Ioc::Display() const {
  if (type != IocType::kIpPort) return value;
  if (value.find(':') != std::string::npos) return fmt::format("[{}]:{}", value, port);
  return fmt::format("{}:{}", value, port);
}

bool Ioc::HasFamily(std::string_view name) const {
  if (EqualsIgnoreCase(name, family) || EqualsIgnoreCase(name, family_name)) return true;
  return std::any_of(aliases.begin(), aliases.end(),
                     [&](const std::string& alias) { return EqualsIgnoreCase(name, alias); });
}

}  // namespace iochound
