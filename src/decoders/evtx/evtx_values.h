// Substitution value types of EVTX BinXML and their text, as Windows renders them in event XML.
// The type table is libyal's "Windows XML Event Log (EVTX) format", section "Value types"
// (MS-EVEN6 2.2.12 names the same types). Hunts compare these texts, so each rendering follows
// Windows: GUIDs `{xxxxxxxx-...}` in lower case (as Sysmon's ProcessGuid reaches Sentinel), hex
// integers `0x%x`, FILETIME/SYSTEMTIME as ISO 8601 UTC with seven fraction digits, SIDs `S-1-5-...`,
// binary as upper-case hex.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace iochound::evtx {

enum ValueType : uint8_t {
  kNullType = 0x00,
  kStringType = 0x01,  // UTF-16LE, no terminator
  kAnsiStringType = 0x02,
  kInt8Type = 0x03,
  kUInt8Type = 0x04,
  kInt16Type = 0x05,
  kUInt16Type = 0x06,
  kInt32Type = 0x07,
  kUInt32Type = 0x08,
  kInt64Type = 0x09,
  kUInt64Type = 0x0a,
  kReal32Type = 0x0b,
  kReal64Type = 0x0c,
  kBoolType = 0x0d,  // 32-bit
  kBinaryType = 0x0e,
  kGuidType = 0x0f,
  kSizeTType = 0x10,  // 32 or 64 bits, rendered in hex
  kFileTimeType = 0x11,
  kSysTimeType = 0x12,
  kSidType = 0x13,
  kHexInt32Type = 0x14,
  kHexInt64Type = 0x15,
  kEvtHandleType = 0x20,
  kBinXmlType = 0x21,  // a nested BinXML fragment, evaluated by the BinXML reader
  kEvtXmlType = 0x23,
  kArrayFlag = 0x80,  // array of the type in the low bits
};

// Appends the text of one scalar value of `type` stored in `data` (types without a text form, and
// values too short for their type, render as upper-case hex of their bytes).
void AppendValueText(std::string& out, uint8_t type, std::span<const uint8_t> data);

// The items of an array value (`type` has kArrayFlag): string arrays are NUL-separated (libyal:
// "the end-of-string character is used as a separator"), SIDs are self-sized, other types are
// fixed-size. `items` is cleared first; an array of an unsplittable type yields its whole data as
// one item.
void SplitArray(uint8_t type, std::span<const uint8_t> data, std::vector<std::span<const uint8_t>>& items);

// 100 ns ticks since the Unix epoch of a FILETIME (100 ns ticks since 1601); false when it is
// outside the years 1601-9999 that datetime values cover.
bool FileTimeToTicks(uint64_t filetime, int64_t& ticks);

}  // namespace iochound::evtx
