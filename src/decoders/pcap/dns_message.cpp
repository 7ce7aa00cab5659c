#include "decoders/pcap/dns_message.h"

#include <arpa/inet.h>
#include <fmt/format.h>

namespace iochound {
namespace {

constexpr size_t kHeaderSize = 12;
constexpr size_t kMaxNameLength = 255;  // RFC 1035 2.3.4
// Each pointer must lead somewhere new; a name cannot hold more labels than this anyway.
constexpr int kMaxPointers = 128;

class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  size_t offset() const { return offset_; }
  bool Has(size_t n) const { return offset_ + n <= bytes_.size(); }
  uint8_t U8(size_t at) const { return static_cast<uint8_t>(bytes_[at]); }
  uint16_t U16(size_t at) const { return static_cast<uint16_t>(U8(at) << 8 | U8(at + 1)); }
  uint32_t U32(size_t at) const { return static_cast<uint32_t>(U16(at)) << 16 | U16(at + 2); }
  std::string_view bytes() const { return bytes_; }
  void Skip(size_t n) { offset_ += n; }

  // Reads a possibly compressed name at the cursor, moving past it. "" on success, else the error.
  std::string Name(std::string& out) { return NameAt(offset_, out, &offset_); }

  // Reads a name at `at`; when `end` is set, stores the offset after the name's in-place part.
  std::string NameAt(size_t at, std::string& out, size_t* end) const {
    out.clear();
    size_t position = at;
    bool jumped = false;
    int pointers = 0;
    for (;;) {
      if (position >= bytes_.size()) return fmt::format("name runs past the end at offset {}", position);
      uint8_t length = U8(position);
      if ((length & 0xC0) == 0xC0) {
        if (position + 1 >= bytes_.size())
          return fmt::format("truncated compression pointer at offset {}", position);
        size_t target = static_cast<size_t>((length & 0x3F) << 8 | U8(position + 1));
        if (!jumped && end) *end = position + 2;
        jumped = true;
        if (++pointers > kMaxPointers || target >= position)
          return fmt::format("compression pointer loop at offset {}", position);
        position = target;
        continue;
      }
      if ((length & 0xC0) != 0)
        return fmt::format("reserved label type 0x{:02x} at offset {}", length, position);
      if (length == 0) {
        if (!jumped && end) *end = position + 1;
        if (out.empty()) out.push_back('.');  // the root
        if (out.size() > 1 && out.back() == '.') out.pop_back();
        return {};
      }
      if (position + 1 + length > bytes_.size())
        return fmt::format("label runs past the end at offset {}", position);
      out.append(bytes_.substr(position + 1, length));
      out += '.';
      if (out.size() > kMaxNameLength + 1)
        return fmt::format("name longer than 255 bytes at offset {}", position);
      position += 1 + length;
    }
  }

 private:
  std::string_view bytes_;
  size_t offset_ = 0;
};

std::string Address(const uint8_t* data, int family) {
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(family, data, text, sizeof text) == nullptr) return {};
  return text;
}

// Decodes the rdata of `answer` from `length` bytes at `at`.
std::string DecodeData(const Cursor& cursor, size_t at, uint16_t length, DnsAnswer& answer) {
  const auto* data = reinterpret_cast<const uint8_t*>(cursor.bytes().data() + at);
  std::string name;
  switch (answer.type) {
    case 1:  // A
      if (length != 4) return fmt::format("A record of {} bytes at offset {}", length, at);
      answer.data = Address(data, AF_INET);
      return {};
    case 28:  // AAAA
      if (length != 16) return fmt::format("AAAA record of {} bytes at offset {}", length, at);
      answer.data = Address(data, AF_INET6);
      return {};
    case 2:   // NS
    case 5:   // CNAME
    case 12:  // PTR
      if (std::string error = cursor.NameAt(at, answer.data, nullptr); !error.empty()) return error;
      return {};
    case 15:  // MX
      if (length < 3) return fmt::format("MX record of {} bytes at offset {}", length, at);
      if (std::string error = cursor.NameAt(at + 2, name, nullptr); !error.empty()) return error;
      answer.data = fmt::format("{} {}", cursor.U16(at), name);
      return {};
    case 33:  // SRV
      if (length < 7) return fmt::format("SRV record of {} bytes at offset {}", length, at);
      if (std::string error = cursor.NameAt(at + 6, name, nullptr); !error.empty()) return error;
      answer.data = fmt::format("{} {} {} {}", cursor.U16(at), cursor.U16(at + 2), cursor.U16(at + 4), name);
      return {};
    case 16: {  // TXT: one or more <character-string>s
      for (size_t i = 0; i < length;) {
        size_t size = data[i];
        if (i + 1 + size > length) return fmt::format("TXT string runs past its record at offset {}", at + i);
        answer.data.append(reinterpret_cast<const char*>(data + i + 1), size);
        i += 1 + size;
      }
      return {};
    }
    default:
      return {};
  }
}

}  // namespace

std::string ParseDnsMessage(std::string_view bytes, DnsMessage& message) {
  Cursor cursor(bytes);
  if (!cursor.Has(kHeaderSize)) return fmt::format("DNS header truncated ({} bytes)", bytes.size());
  message.id = cursor.U16(0);
  uint16_t flags = cursor.U16(2);
  message.response = (flags & 0x8000) != 0;
  message.opcode = static_cast<uint8_t>((flags >> 11) & 0xF);
  message.rcode = static_cast<uint8_t>(flags & 0xF);
  message.question_count = cursor.U16(4);
  uint16_t answer_count = cursor.U16(6);
  cursor.Skip(kHeaderSize);
  for (uint16_t i = 0; i < message.question_count; ++i) {
    std::string name;
    if (std::string error = cursor.Name(name); !error.empty())
      return fmt::format("question {}: {}", i + 1, error);
    if (!cursor.Has(4))
      return fmt::format("question {}: type and class truncated at offset {}", i + 1, cursor.offset());
    if (i == 0) {
      message.question_name = std::move(name);
      message.question_type = cursor.U16(cursor.offset());
    }
    cursor.Skip(4);
  }
  for (uint16_t i = 0; i < answer_count; ++i) {
    DnsAnswer answer;
    if (std::string error = cursor.Name(answer.name); !error.empty())
      return fmt::format("answer {}: {}", i + 1, error);
    if (!cursor.Has(10))
      return fmt::format("answer {}: record header truncated at offset {}", i + 1, cursor.offset());
    size_t at = cursor.offset();
    answer.type = cursor.U16(at);
    answer.ttl = cursor.U32(at + 4);
    uint16_t length = cursor.U16(at + 8);
    cursor.Skip(10);
    if (!cursor.Has(length))
      return fmt::format("answer {}: data of {} bytes runs past the end at offset {}", i + 1, length,
                         cursor.offset());
    if (std::string error = DecodeData(cursor, cursor.offset(), length, answer); !error.empty())
      return fmt::format("answer {}: {}", i + 1, error);
    cursor.Skip(length);
    message.answers.push_back(std::move(answer));
  }
  return {};
}

}  // namespace iochound
