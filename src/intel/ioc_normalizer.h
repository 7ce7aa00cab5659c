// Turns IOC values as feeds spell them into the one form telemetry is matched against: refanged,
// domains lower-case and punycode without a trailing dot, addresses canonical, ports split off,
// hashes lower-case with their type told by length, URLs with scheme and host lower-case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "intel/ioc.h"

namespace iochound {

struct NormalizedValue {
  IocType type = IocType::kDomain;
  std::string value;
  uint16_t port = 0;
};

// A value, or why the text is not a valid IOC of the declared (or any) type.
struct NormalizeResult {
  std::optional<NormalizedValue> value;
  std::string error;
};

// Undoes the usual defanging: `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `[:]`, `[://]`, `[@]`, and
// `hxxp`/`hxxps`/`fxp` schemes (any case).
std::string Refang(std::string_view text);

// Normalizes `text` (refanged, trimmed) as `declared`, or infers its type when nullopt: URL
// (`scheme://`), ip:port, IP, hash (32/40/64/96 hex digits), then domain. Filenames are never
// inferred, as `invoice.exe` is also a well-formed domain name.
NormalizeResult NormalizeIoc(std::string_view text, std::optional<IocType> declared);

// A DNS name lower-cased, trailing dot dropped, internationalized labels in punycode (IDNA 2008 via
// libidn2, with UTS #46 mapping); nullopt with `error` set when it is not a valid name.
std::optional<std::string> NormalizeDomain(std::string_view text, std::string& error);

}  // namespace iochound
