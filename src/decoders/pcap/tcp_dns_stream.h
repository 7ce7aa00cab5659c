// DNS over TCP (RFC 1035 4.2.2, RFC 7766): each message prefixed with its two-byte length, possibly
// split across segments or several to a segment. Reassembles one direction of a connection from
// segments that arrive in order (retransmissions and overlaps are trimmed; a gap restarts the
// stream and is reported, since the bytes in it are lost).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

class TcpDnsStream {
 public:
  // Adds a segment. Complete messages are appended to `messages`. Returns "" or what went wrong.
  std::string Add(uint32_t sequence, bool syn, std::string_view payload, std::vector<std::string>& messages);
  // Bytes of an incomplete message still waiting for segments.
  size_t pending() const { return buffer_.size(); }

 private:
  bool started_ = false;
  uint32_t next_ = 0;
  std::string buffer_;
};

}  // namespace iochound
