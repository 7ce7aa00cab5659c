#include "intel/ioc_normalizer.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <idn2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace iochound {
namespace {

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), Lower);
  return out;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && LowerAscii(text.substr(0, prefix.size())) == prefix;
}

std::string_view Trim(std::string_view text) {
  const char* blanks = " \t\r\n\v\f";
  size_t begin = text.find_first_not_of(blanks);
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}

bool IsHex(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::optional<IocType> HashTypeByLength(size_t length) {
  switch (length) {
    case 32:
      return IocType::kMd5;
    case 40:
      return IocType::kSha1;
    case 64:
      return IocType::kSha256;
    case 96:
      return IocType::kSha384;
    default:
      return std::nullopt;
  }
}

// The canonical text of an IPv4 or IPv6 address, nullopt when `text` is neither.
std::optional<std::string> CanonicalIp(std::string_view text) {
  std::string address(text);
  unsigned char bytes[16];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, address.c_str(), bytes) == 1) return address;
  if (inet_pton(AF_INET6, address.c_str(), bytes) == 1 && inet_ntop(AF_INET6, bytes, out, sizeof out)) {
    return std::string(out);
  }
  return std::nullopt;
}

std::optional<uint16_t> ParsePort(std::string_view text) {
  unsigned port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) return std::nullopt;
  return static_cast<uint16_t>(port);
}

// `1.2.3.4:443`, `[2001:db8::1]:443`, or MISP's `1.2.3.4|443`.
std::optional<NormalizedValue> SplitIpPort(std::string_view text) {
  size_t cut = text.rfind('|');
  if (cut == std::string_view::npos) cut = text.rfind(':');
  if (cut == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, cut);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto ip = CanonicalIp(host);
  auto port = ParsePort(text.substr(cut + 1));
  if (!ip || !port) return std::nullopt;
  return NormalizedValue{IocType::kIpPort, *ip, *port};
}

// Lower-cases the scheme and host of a URL (IDN hosts to punycode); a scheme-less URL, as MISP
// analysts often enter them, has its first path segment taken as the host.
std::optional<std::string> NormalizeUrl(std::string_view text, std::string& error) {
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) {
    error = "a URL cannot contain blanks";
    return std::nullopt;
  }
  std::string out;
  size_t scheme_end = text.find("://");
  size_t authority = 0;
  if (scheme_end != std::string_view::npos) {
    std::string_view scheme = text.substr(0, scheme_end);
    bool valid = !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme[0])) &&
                 std::all_of(scheme.begin(), scheme.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
                 });
    if (!valid) {
      error = fmt::format("invalid URL scheme '{}'", scheme);
      return std::nullopt;
    }
    out = LowerAscii(scheme) + "://";
    authority = scheme_end + 3;
  }
  size_t authority_end = text.find_first_of("/?#", authority);
  if (authority_end == std::string_view::npos) authority_end = text.size();
  std::string_view host_port = text.substr(authority, authority_end - authority);
  size_t at = host_port.rfind('@');
  if (at != std::string_view::npos) {
    out += host_port.substr(0, at + 1);
    host_port = host_port.substr(at + 1);
  }
  if (host_port.empty()) {
    error = "URL without a host";
    return std::nullopt;
  }
  // The port is the digits after the last colon outside IPv6 brackets.
  size_t colon = host_port.rfind(':');
  if (colon != std::string_view::npos && host_port.find(']', colon) != std::string_view::npos) {
    colon = std::string_view::npos;
  }
  std::string_view host = host_port.substr(0, colon);
  std::string_view port = colon == std::string_view::npos ? std::string_view() : host_port.substr(colon);
  bool ascii =
      std::all_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    out += LowerAscii(host);
  } else {
    std::string ignored;
    auto domain = NormalizeDomain(host, ignored);
    out += domain ? *domain : LowerAscii(host);
  }
  out += port;
  out += text.substr(authority_end);
  return out;
}

NormalizeResult Fail(std::string error) {
  return NormalizeResult{std::nullopt, std::move(error)};
}
NormalizeResult Ok(IocType type, std::string value, uint16_t port = 0) {
  return NormalizeResult{NormalizedValue{type, std::move(value), port}, {}};
}

NormalizeResult Infer(std::string_view text) {
  if (text.find("://") != std::string_view::npos) return NormalizeIoc(text, IocType::kUrl);
  if (auto ip = CanonicalIp(text)) return Ok(IocType::kIp, *ip);
  if (auto ip_port = SplitIpPort(text)) return NormalizeResult{std::move(ip_port), {}};
  if (IsHex(text) && HashTypeByLength(text.size())) return NormalizeIoc(text, HashTypeByLength(text.size()));
  std::string error;
  if (auto domain = NormalizeDomain(text, error)) return Ok(IocType::kDomain, *domain);
  return Fail(fmt::format("not a URL, IP, ip:port, hash or domain name ({})", error));
}

}  // namespace

std::string Refang(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kFangs = {{
      {"[.]", "."},
      {"(.)", "."},
      {"{.}", "."},
      {"[dot]", "."},
      {"(dot)", "."},
      {"[://]", "://"},
      {"[:]", ":"},
      {"[@]", "@"},
      {"[/]", "/"},
  }};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '[' || text[i] == '(' || text[i] == '{') {
      for (const auto& [fang, plain] : kFangs) {
        if (StartsWithIgnoreCase(text.substr(i), fang)) {
          out += plain;
          i += fang.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kSchemes = {
      {{"hxxps://", "https://"}, {"hxxp://", "http://"}, {"fxp://", "ftp://"}}};
  for (const auto& [fanged, plain] : kSchemes) {
    if (StartsWithIgnoreCase(out, fanged)) {
      out.replace(0, fanged.size(), plain);
      break;
    }
  }
  return out;
}

std::optional<std::string> NormalizeDomain(std::string_view text, std::string& error) {
  std::string name(text);
  if (!name.empty() && name.back() == '.') name.pop_back();
  bool ascii =
      std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    name = LowerAscii(name);
  } else {
    char* encoded = nullptr;
    int rc = idn2_to_ascii_8z(name.c_str(), &encoded, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    if (rc != IDN2_OK) {
      error = fmt::format("invalid internationalized domain name: {}", idn2_strerror(rc));
      return std::nullopt;
    }
    name = encoded;
    idn2_free(encoded);
  }
  if (name.empty() || name.size() > 253) {
    error = name.empty() ? "empty domain name" : "domain name longer than 253 characters";
    return std::nullopt;
  }
  size_t labels = 0;
  size_t begin = 0;
  while (begin <= name.size()) {
    size_t end = std::min(name.find('.', begin), name.size());
    std::string_view label(name.data() + begin, end - begin);
    if (label.empty() || label.size() > 63) {
      error = label.empty() ? "empty label in domain name" : "domain label longer than 63 characters";
      return std::nullopt;
    }
    // Underscores are not valid in host names but common in DNS names (SRV, DGA-registered zones).
    bool valid = std::all_of(label.begin(), label.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
    if (!valid) {
      error = fmt::format("invalid character in domain label '{}'", label);
      return std::nullopt;
    }
    ++labels;
    begin = end + 1;
  }
  if (labels < 2) {
    error = "a domain name needs at least two labels";
    return std::nullopt;
  }
  std::string_view tld(name.data() + name.rfind('.') + 1);
  if (std::all_of(tld.begin(), tld.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    error = "a domain name cannot end in a numeric label";
    return std::nullopt;
  }
  return name;
}

NormalizeResult NormalizeIoc(std::string_view raw, std::optional<IocType> declared) {
  std::string refanged = Refang(Trim(raw));
  std::string_view text = Trim(refanged);
  if (text.empty()) return Fail("empty value");
  if (!declared) return Infer(text);
  std::string error;
  switch (*declared) {
    case IocType::kDomain:
      if (CanonicalIp(text)) return Fail("an IP address is not a domain name");
      if (auto domain = NormalizeDomain(text, error)) return Ok(IocType::kDomain, *domain);
      return Fail(error);
    case IocType::kIp:
      if (auto ip = CanonicalIp(text)) return Ok(IocType::kIp, *ip);
      return Fail("not an IPv4 or IPv6 address");
    case IocType::kIpPort:
      if (auto ip_port = SplitIpPort(text)) return NormalizeResult{std::move(ip_port), {}};
      return Fail("not an ip:port (address, colon, port 1-65535)");
    case IocType::kUrl:
      if (auto url = NormalizeUrl(text, error)) return Ok(IocType::kUrl, *url);
      return Fail(error);
    case IocType::kMd5:
    case IocType::kSha1:
    case IocType::kSha256:
    case IocType::kSha384: {
      if (!IsHex(text)) return Fail(fmt::format("a {} hash is hexadecimal", IocTypeName(*declared)));
      auto by_length = HashTypeByLength(text.size());
      if (by_length != declared) {
        return Fail(fmt::format("a {} hash has {} hex digits, not {}", IocTypeName(*declared),
                                *declared == IocType::kMd5      ? 32
                                : *declared == IocType::kSha1   ? 40
                                : *declared == IocType::kSha256 ? 64
                                                                : 96,
                                text.size()));
      }
      return Ok(*declared, LowerAscii(text));
    }
    case IocType::kFilename:
      if (text.find_first_of("\r\n\t") != std::string_view::npos)
        return Fail("a file name cannot hold control characters");
      return Ok(IocType::kFilename, std::string(text));
  }
  return Fail("unknown IOC type");
}

}  // namespace iochound
