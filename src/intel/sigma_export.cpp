#include <fmt/format.h>

#include <cstdint>

#include "intel/hunt_export.h"

namespace iochound {
namespace {

// YAML single-quoted scalar: only the quote itself needs escaping (doubled).
std::string YamlQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// A UUID (version 4 layout) from two FNV-1a hashes of the domains: stable for the same list, so
// re-exporting a feed updates a rule instead of adding one.
std::string StableUuid(const std::vector<std::string>& domains) {
  uint64_t high = 14695981039346656037ull;
  uint64_t low = 0x6c62272e07bb0142ull;
  for (const auto& domain : domains) {
    for (unsigned char c : domain + "\n") {
      high = (high ^ c) * 1099511628211ull;
      low = (low ^ c) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    }
  }
  high = (high & ~uint64_t{0xF000}) | 0x4000;                    // version 4
  low = (low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);  // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF,
                     low >> 48, low & 0xFFFFFFFFFFFFull);
}

}  // namespace

std::string SigmaDnsRule(const std::vector<std::string>& domains, std::string_view title,
                         std::string_view description, std::string_view date) {
  std::string out;
  out += fmt::format("title: {}\n", YamlQuote(title));
  out += fmt::format("id: {}\n", StableUuid(domains));
  out += "status: experimental\n";
  out += fmt::format("description: {}\n", YamlQuote(description));
  out += "author: iochound\n";
  out += fmt::format("date: {}\n", date);
  out += "tags:\n  - attack.command-and-control\n  - attack.t1071.004\n";
  out += "logsource:\n  category: dns_query\n";
  out += "detection:\n";
  if (domains.empty()) {
    // Sigma has no empty list; a name no DNS query can have keeps the rule valid and silent.
    out += "  selection:\n    QueryName: 'no-ioc.invalid'\n  condition: selection\n";
  } else {
    out += "  selection_domain:\n    QueryName:\n";
    for (const auto& domain : domains) out += fmt::format("      - {}\n", YamlQuote(domain));
    out += "  selection_subdomain:\n    QueryName|endswith:\n";
    for (const auto& domain : domains) out += fmt::format("      - {}\n", YamlQuote("." + domain));
    out += "  condition: 1 of selection_*\n";
  }
  out += "falsepositives:\n  - Domains that changed hands after the feed listed them\n";
  out += "level: high\n";
  return out;
}

}  // namespace iochound
