#include "decoders/evtx/evtx_bytes.h"

#include "common/utf8.h"

namespace iochound::evtx {

void AppendUtf16(std::string& out, const uint8_t* p, size_t chars) {
  for (size_t i = 0; i < chars; ++i) {
    uint32_t unit = LoadLe<uint16_t>(p + 2 * i);
    if (unit < 0x80) {  // the common case in event data: ASCII
      out.push_back(static_cast<char>(unit));
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 1 < chars) {
      uint32_t low = LoadLe<uint16_t>(p + 2 * (i + 1));
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        ++i;
        continue;
      }
    }
    AppendUtf8(out, unit);  // an unpaired surrogate becomes U+FFFD here
  }
}

}  // namespace iochound::evtx
