// An indicator of compromise as threat-intel feeds describe it: a normalized value and its type, and
// the metadata an analyst needs when it matches (family, threat type, confidence, dates, sources).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

enum class IocType : uint8_t {
  kDomain,  // a DNS name, lower-case, punycode, no trailing dot (MISP hostname too)
  kIp,      // an IPv4 or IPv6 address in canonical text form
  kIpPort,  // an address plus `port`
  kUrl,     // scheme and host lower-case, path as given
  kMd5,     // hashes: lower-case hex
  kSha1,
  kSha256,
  kSha384,    // SHA-384 or SHA3-384: both are 96 hex digits
  kFilename,  // a file name, as given
};
inline constexpr int kIocTypeCount = 9;

// `domain`, `ip`, `ip:port`, `url`, `md5`, `sha1`, `sha256`, `sha384`, `filename`.
std::string_view IocTypeName(IocType type);
// Parses the names above and the feeds' spellings of them (ThreatFox `md5_hash`, `sha3_384_hash`;
// MISP `hostname`, `ip-dst`, `ip-src`, `ip-dst|port`; STIX `domain-name`, `ipv4-addr`, ...),
// case-insensitively. nullopt for types iochound does not hunt (MISP `text`, `regkey`, ...).
std::optional<IocType> ParseIocType(std::string_view name);
inline bool IsHash(IocType type) {
  return type == IocType::kMd5 || type == IocType::kSha1 || type == IocType::kSha256 ||
         type == IocType::kSha384;
}

struct Ioc {
  IocType type = IocType::kDomain;
  std::string value;        // normalized; for kIpPort the address alone
  uint16_t port = 0;        // kIpPort only
  std::string threat_type;  // e.g. ThreatFox `botnet_cc`, STIX indicator_types
  std::string family;       // malware family id, e.g. `win.nanocore`
  std::string family_name;  // its display name, e.g. `Nanocore RAT`
  std::vector<std::string> aliases;
  int confidence = -1;                // 0-100, -1 when the feed gives none
  std::optional<int64_t> first_seen;  // datetime ticks (types/datetime.h)
  std::optional<int64_t> last_seen;
  std::string reference;
  std::vector<std::string> tags;
  std::string reporter;
  std::vector<std::string> sources;  // every feed file that listed it

  // The value as telemetry spells it: `1.2.3.4:443`, `[2001:db8::1]:443` for kIpPort.
  std::string Display() const;
  // True when `name` is the family, its display name or an alias (case-insensitive).
  bool HasFamily(std::string_view name) const;
};

}  // namespace iochound
