// Hexadecimal digits, shared by the readers of hex-escaped text (Zeek's `\xHH`) and hex-encoded
// bytes (the DNS Server analytic log's PacketData).
#pragma once

namespace iochound {

// The value of hex digit `c` (either case); -1 when `c` is not one.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace iochound
