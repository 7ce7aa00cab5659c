#include "intel/ioc_matcher.h"

#include <algorithm>

#include "common/ascii.h"
#include "engine/function/string_ops.h"
#include "intel/ioc_normalizer.h"

namespace iochound {
namespace {

// Telemetry names are nearly always ASCII: lower-casing them avoids libidn2 on every row.
std::string NormalizeName(std::string_view name) {
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (FindNonAscii(name) == std::string_view::npos) return AsciiLower(name);
  std::string error;
  auto normalized = NormalizeDomain(name, error);
  return normalized ? *normalized : AsciiLower(name);
}

bool IsTermByte(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || string_ops::IsTermCodePoint(byte);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<DomainMatch> ParseDomainMatch(std::string_view name) {
  if (name == "subdomain") return DomainMatch::kSubdomain;
  if (name == "exact") return DomainMatch::kExact;
  if (name == "has") return DomainMatch::kHas;
  return std::nullopt;
}

IocMatcher::IocMatcher(const IocSet& iocs, DomainMatch mode) : mode_(mode) {
  for (const Ioc& ioc : iocs.iocs()) {
    switch (ioc.type) {
      case IocType::kDomain:
        domains_[ioc.value].push_back(&ioc);
        break;
      case IocType::kIp:
      case IocType::kIpPort:
        ips_[ioc.value].push_back(&ioc);
        break;
      case IocType::kUrl:
        urls_[ioc.value].push_back(&ioc);
        break;
      case IocType::kFilename:
        break;  // names of files are not hunted: too many benign namesakes
      default:
        hashes_[ioc.value].push_back(&ioc);
    }
  }
}

std::vector<std::string> IocMatcher::RawTexts() const {
  std::vector<std::string> texts;
  texts.reserve(domains_.size() + ips_.size() + hashes_.size() + urls_.size());
  for (const Index* index : {&domains_, &ips_, &hashes_}) {
    for (const auto& [value, iocs] : *index) texts.push_back(value);
  }
  for (const auto& [url, iocs] : urls_) {
    size_t scheme_end = url.find("://");
    texts.push_back(scheme_end == std::string::npos ? url : url.substr(scheme_end + 3));
  }
  return texts;
}

void IocMatcher::Lookup(const Index& index, std::string_view key, std::vector<const Ioc*>& out) {
  auto it = index.find(key);
  if (it == index.end()) return;
  for (const Ioc* ioc : it->second) {
    if (std::find(out.begin(), out.end(), ioc) == out.end()) out.push_back(ioc);
  }
}

void IocMatcher::MatchDomain(std::string_view raw, std::vector<const Ioc*>& out) const {
  if (domains_.empty() || raw.empty()) return;
  std::string name = NormalizeName(raw);
  if (mode_ == DomainMatch::kHas) return MatchHas(name, out);
  std::string_view suffix = name;
  Lookup(domains_, suffix, out);
  if (mode_ == DomainMatch::kExact) return;
  // One lookup per label: a.b.evil.com tries b.evil.com, evil.com, com.
  for (size_t dot = suffix.find('.'); dot != std::string_view::npos; dot = suffix.find('.')) {
    suffix.remove_prefix(dot + 1);
    Lookup(domains_, suffix, out);
  }
}

void IocMatcher::MatchHas(std::string_view name, std::vector<const Ioc*>& out) const {
  // Every run of whole terms of the name is a candidate: term-aligned on both sides, as `has` wants.
  std::vector<std::pair<size_t, size_t>> terms;
  for (size_t i = 0; i < name.size();) {
    if (!IsTermByte(name[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < name.size() && IsTermByte(name[i])) ++i;
    terms.emplace_back(start, i);
  }
  for (size_t first = 0; first < terms.size(); ++first) {
    for (size_t last = first; last < terms.size(); ++last) {
      std::string_view candidate = name.substr(terms[first].first, terms[last].second - terms[first].first);
      auto it = domains_.find(candidate);
      if (it == domains_.end()) continue;
      for (const Ioc* ioc : it->second) {
        if (std::find(out.begin(), out.end(), ioc) == out.end()) out.push_back(ioc);
      }
    }
  }
}

void IocMatcher::MatchIp(std::string_view address, std::vector<const Ioc*>& out) const {
  address = Trim(address);
  if (ips_.empty() || address.empty()) return;
  // IPv6 IOCs are lower-case; IPv4 text has no case.
  if (address.find(':') == std::string_view::npos) return Lookup(ips_, address, out);
  Lookup(ips_, AsciiLower(address), out);
}

void IocMatcher::MatchIpList(std::string_view addresses, std::vector<const Ioc*>& out) const {
  while (!addresses.empty()) {
    size_t end = addresses.find_first_of(",; ");
    MatchIp(addresses.substr(0, end), out);
    if (end == std::string_view::npos) break;
    addresses.remove_prefix(end + 1);
  }
}

void IocMatcher::MatchHash(std::string_view hash, std::vector<const Ioc*>& out) const {
  hash = Trim(hash);
  if (!hashes_.empty() && !hash.empty()) Lookup(hashes_, AsciiLower(hash), out);
}

void IocMatcher::MatchUrl(std::string_view url, std::vector<const Ioc*>& out) const {
  url = Trim(url);
  if (url.empty()) return;
  size_t scheme_end = url.find("://");
  size_t host_begin = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  size_t host_end = url.find_first_of("/?#", host_begin);
  std::string_view authority =
      url.substr(host_begin, host_end == std::string_view::npos ? url.npos : host_end - host_begin);
  std::string_view host =
      authority.substr(authority.rfind('@') == std::string_view::npos ? 0 : authority.rfind('@') + 1);
  if (!host.empty() && host.front() != '[') host = host.substr(0, host.find(':'));
  if (!urls_.empty()) {
    // URL IOCs have scheme and host lower-case and the rest as given.
    std::string rest(url.substr(host_begin + authority.size()));
    std::string lowered = AsciiLower(url.substr(0, host_begin + authority.size())) + rest;
    if (scheme_end != std::string_view::npos) {
      Lookup(urls_, lowered, out);
    } else {
      Lookup(urls_, "http://" + lowered, out);
      Lookup(urls_, "https://" + lowered, out);
    }
  }
  if (host.empty()) return;
  if (host.front() == '[' || host.find_first_not_of("0123456789.") == std::string_view::npos) {
    return MatchIp(host.front() == '[' ? host.substr(1, host.find(']') - 1) : host, out);
  }
  MatchDomain(host, out);
}

}  // namespace iochound
