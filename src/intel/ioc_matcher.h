// Finds which loaded IOCs a telemetry value matches, with hash lookups only: the cost of a value
// grows with its length (labels, terms), never with the number of IOCs, so a 100,000-IOC feed hunts
// as fast as a 2-IOC one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intel/ioc_set.h"

namespace iochound {

// How a domain IOC matches a DNS name (docs/feeds.md):
enum class DomainMatch {
  kSubdomain,  // the domain or any subdomain, label-aligned: evil.com matches a.evil.com, not xevil.com
  kExact,      // the domain only
  kHas,        // Kusto's `has`: the IOC's terms appear in the name at term boundaries, so evil.com also
               // matches evil.com.example.org and a-evil.com ('-' separates terms)
};
std::optional<DomainMatch> ParseDomainMatch(std::string_view name);

class IocMatcher {
 public:
  // Indexes `iocs`, which must outlive the matcher.
  IocMatcher(const IocSet& iocs, DomainMatch mode);

  // Each call appends the matching IOCs to `out` (no IOC twice per call).
  // A DNS name or host name, normalized as IOCs are (case, trailing dot, IDN).
  void MatchDomain(std::string_view name, std::vector<const Ioc*>& out) const;
  // An address: IP IOCs and ip:port IOCs of that address (the port is not checked: telemetry
  // columns holding an address rarely say which port it was used with).
  void MatchIp(std::string_view address, std::vector<const Ioc*>& out) const;
  // Several addresses separated by commas, semicolons or spaces (DnsEvents.IPAddresses).
  void MatchIpList(std::string_view addresses, std::vector<const Ioc*>& out) const;
  // A hash of any length (MD5, SHA-1, SHA-256, SHA-384), case-insensitive.
  void MatchHash(std::string_view hash, std::vector<const Ioc*>& out) const;
  // A URL with or without scheme: URL IOCs equal to it, and domain IOCs matching its host.
  void MatchUrl(std::string_view url, std::vector<const Ioc*>& out) const;

  // Texts one of which a value holds, ASCII case aside and bounded on both sides by bytes that are
  // not ASCII letters or digits, whenever it matches an IOC: so a scan may skip the records whose
  // raw bytes hold none (ScanHints). Every indexed IOC's value, URLs without their scheme (a value
  // may have none).
  std::vector<std::string> RawTexts() const;
  // Whether a value holding a byte >= 0x80 may match without holding one of RawTexts(): a name is
  // normalized (IDN) before it is looked up among domains.
  bool MatchesNonAscii() const { return !domains_.empty(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Index = std::unordered_map<std::string, std::vector<const Ioc*>, Hash, std::equal_to<>>;

  static void Lookup(const Index& index, std::string_view key, std::vector<const Ioc*>& out);
  void MatchHas(std::string_view name, std::vector<const Ioc*>& out) const;

  DomainMatch mode_;
  Index domains_, ips_, hashes_, urls_;
};

}  // namespace iochound
