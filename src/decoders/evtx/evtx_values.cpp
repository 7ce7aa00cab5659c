#include "decoders/evtx/evtx_values.h"

#include <charconv>
#include <cstdio>

#include "common/utf8.h"
#include "decoders/evtx/evtx_bytes.h"
#include "types/datetime.h"

namespace iochound::evtx {
namespace {

// FILETIME of 1970-01-01 and of 10000-01-01 (exclusive end of Kusto's datetime range).
constexpr uint64_t kUnixEpochFileTime = 116444736000000000ULL;
constexpr uint64_t kYear10000FileTime = 2650467744000000000ULL;

void AppendHex(std::string& out, std::span<const uint8_t> data) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (uint8_t b : data) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
}

template <typename T>
void AppendNumber(std::string& out, T v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, end);
}

void AppendHexNumber(std::string& out, uint64_t v) {
  char buf[24];
  int n = std::snprintf(buf, sizeof(buf), "0x%llx", static_cast<unsigned long long>(v));
  out.append(buf, n);
}

// GUID: a 32-bit, two 16-bit little-endian fields, then 8 bytes in order.
void AppendGuid(std::string& out, const uint8_t* p) {
  char buf[40];
  int n = std::snprintf(buf, sizeof(buf), "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}",
                        LoadLe<uint32_t>(p), LoadLe<uint16_t>(p + 4), LoadLe<uint16_t>(p + 6), p[8], p[9],
                        p[10], p[11], p[12], p[13], p[14], p[15]);
  out.append(buf, n);
}

// SID (libfwnt "Security Descriptor"): revision, sub-authority count, 48-bit big-endian identifier
// authority, then 32-bit little-endian sub-authorities. Returns the bytes it used, 0 if too short.
size_t SidSize(std::span<const uint8_t> data) {
  if (data.size() < 8) return 0;
  size_t size = 8 + 4 * size_t{data[1]};
  return size <= data.size() ? size : 0;
}

void AppendSid(std::string& out, std::span<const uint8_t> data) {
  size_t size = SidSize(data);
  if (size == 0) return AppendHex(out, data);
  uint64_t authority = 0;
  for (int i = 2; i < 8; ++i) authority = (authority << 8) | data[i];
  out += "S-";
  AppendNumber(out, data[0]);
  out.push_back('-');
  if (authority >> 32) {  // Windows prints authorities that need more than 32 bits in hex
    char buf[24];
    int n = std::snprintf(buf, sizeof(buf), "0x%012llX", static_cast<unsigned long long>(authority));
    out.append(buf, n);
  } else {
    AppendNumber(out, authority);
  }
  for (size_t i = 8; i < size; i += 4) {
    out.push_back('-');
    AppendNumber(out, LoadLe<uint32_t>(data.data() + i));
  }
}

void AppendFileTime(std::string& out, uint64_t filetime) {
  int64_t ticks;
  if (FileTimeToTicks(filetime, ticks)) {
    out += FormatDateTime(ticks, FractionDigits::kSeven);
  } else {
    AppendNumber(out, filetime);  // no date to show: keep the raw value rather than invent one
  }
}

// SYSTEMTIME: year, month, day of week, day, hour, minute, second, milliseconds (16-bit each).
void AppendSystemTime(std::string& out, const uint8_t* p) {
  int year = LoadLe<uint16_t>(p), month = LoadLe<uint16_t>(p + 2), day = LoadLe<uint16_t>(p + 6);
  int hour = LoadLe<uint16_t>(p + 8), minute = LoadLe<uint16_t>(p + 10), second = LoadLe<uint16_t>(p + 12);
  int millis = LoadLe<uint16_t>(p + 14);
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 59 || millis > 999) {
    return AppendHex(out, std::span<const uint8_t>(p, 16));
  }
  CivilTime civil{year, month, day, hour, minute, second, int64_t{millis} * kTicksPerMillisecond};
  out += FormatDateTime(FromCivil(civil), FractionDigits::kSeven);
}

void AppendAnsi(std::string& out, std::span<const uint8_t> data) {
  // The code page is not recorded; Latin-1 keeps every byte visible and the output valid UTF-8.
  size_t n = data.size();
  while (n > 0 && data[n - 1] == 0) --n;
  for (size_t i = 0; i < n; ++i) AppendUtf8(out, data[i]);
}

// Bytes of one item of a fixed-size type; 0 for variable-size types.
size_t FixedSize(uint8_t type) {
  switch (type) {
    case kInt8Type:
    case kUInt8Type:
      return 1;
    case kInt16Type:
    case kUInt16Type:
      return 2;
    case kInt32Type:
    case kUInt32Type:
    case kReal32Type:
    case kBoolType:
    case kHexInt32Type:
      return 4;
    case kInt64Type:
    case kUInt64Type:
    case kReal64Type:
    case kFileTimeType:
    case kHexInt64Type:
      return 8;
    case kGuidType:
    case kSysTimeType:
      return 16;
    default:
      return 0;
  }
}

}  // namespace

bool FileTimeToTicks(uint64_t filetime, int64_t& ticks) {
  if (filetime >= kYear10000FileTime) return false;
  ticks = static_cast<int64_t>(filetime) - static_cast<int64_t>(kUnixEpochFileTime);
  return true;
}

void AppendValueText(std::string& out, uint8_t type, std::span<const uint8_t> data) {
  const uint8_t* p = data.data();
  size_t fixed = FixedSize(type);
  if (fixed != 0 && data.size() < fixed) return AppendHex(out, data);
  switch (type) {
    case kNullType:
      return;
    case kStringType: {
      size_t chars = data.size() / 2;
      // Substitution strings usually carry their terminator; Windows does not show it.
      while (chars > 0 && LoadLe<uint16_t>(p + 2 * (chars - 1)) == 0) --chars;
      return AppendUtf16(out, p, chars);
    }
    case kAnsiStringType:
      return AppendAnsi(out, data);
    case kInt8Type:
      return AppendNumber(out, static_cast<int8_t>(p[0]));
    case kUInt8Type:
      return AppendNumber(out, p[0]);
    case kInt16Type:
      return AppendNumber(out, LoadLe<int16_t>(p));
    case kUInt16Type:
      return AppendNumber(out, LoadLe<uint16_t>(p));
    case kInt32Type:
      return AppendNumber(out, LoadLe<int32_t>(p));
    case kUInt32Type:
      return AppendNumber(out, LoadLe<uint32_t>(p));
    case kInt64Type:
      return AppendNumber(out, LoadLe<int64_t>(p));
    case kUInt64Type:
      return AppendNumber(out, LoadLe<uint64_t>(p));
    case kReal32Type:
      return AppendNumber(out, LoadLe<float>(p));
    case kReal64Type:
      return AppendNumber(out, LoadLe<double>(p));
    case kBoolType:
      out += LoadLe<uint32_t>(p) != 0 ? "true" : "false";
      return;
    case kGuidType:
      return AppendGuid(out, p);
    case kSizeTType:
      // libyal: "This value type should be pair up with a HexInt32Type or HexInt64Type".
      if (data.size() == 4) return AppendHexNumber(out, LoadLe<uint32_t>(p));
      if (data.size() == 8) return AppendHexNumber(out, LoadLe<uint64_t>(p));
      return AppendHex(out, data);
    case kFileTimeType:
      return AppendFileTime(out, LoadLe<uint64_t>(p));
    case kSysTimeType:
      return AppendSystemTime(out, p);
    case kSidType:
      return AppendSid(out, data);
    case kHexInt32Type:
      return AppendHexNumber(out, LoadLe<uint32_t>(p));
    case kHexInt64Type:
      return AppendHexNumber(out, LoadLe<uint64_t>(p));
    default:  // binary, handles, EvtXml and unknown types
      return AppendHex(out, data);
  }
}

void SplitArray(uint8_t type, std::span<const uint8_t> data, std::vector<std::span<const uint8_t>>& items) {
  items.clear();
  uint8_t item_type = type & ~kArrayFlag;
  if (item_type == kStringType || item_type == kAnsiStringType) {
    size_t unit = item_type == kStringType ? 2 : 1;
    size_t begin = 0;
    for (size_t i = 0; i + unit <= data.size(); i += unit) {
      bool terminator = unit == 2 ? LoadLe<uint16_t>(data.data() + i) == 0 : data[i] == 0;
      if (terminator) {
        items.push_back(data.subspan(begin, i - begin));
        begin = i + unit;
      }
    }
    if (begin < data.size()) items.push_back(data.subspan(begin));
    return;
  }
  if (item_type == kSidType) {
    while (!data.empty()) {
      size_t size = SidSize(data);
      if (size == 0) size = data.size();
      items.push_back(data.first(size));
      data = data.subspan(size);
    }
    return;
  }
  size_t fixed = item_type == kSizeTType ? 8 : FixedSize(item_type);
  if (fixed == 0) {
    items.push_back(data);
    return;
  }
  for (size_t i = 0; i + fixed <= data.size(); i += fixed) items.push_back(data.subspan(i, fixed));
}

}  // namespace iochound::evtx
