#include "decoders/pcap/tcp_dns_stream.h"

#include <fmt/format.h>

namespace iochound {

std::string TcpDnsStream::Add(uint32_t sequence, bool syn, std::string_view payload,
                              std::vector<std::string>& messages) {
  if (syn) {
    started_ = true;
    next_ = sequence + 1;
    buffer_.clear();
    return {};
  }
  if (payload.empty()) return {};
  std::string error;
  if (!started_) {
    started_ = true;
    next_ = sequence;
  }
  // Serial-number arithmetic: sequence numbers wrap.
  auto ahead = static_cast<int32_t>(sequence - next_);
  if (ahead > 0) {
    error = fmt::format("{} bytes of the TCP stream were not captured; the partial DNS message is dropped",
                        ahead);
    buffer_.clear();
    next_ = sequence;
  } else if (ahead < 0) {
    size_t seen = static_cast<size_t>(-static_cast<int64_t>(ahead));
    if (seen >= payload.size()) return {};  // a retransmission
    payload.remove_prefix(seen);
  }
  buffer_.append(payload);
  next_ += static_cast<uint32_t>(payload.size());
  size_t used = 0;
  while (buffer_.size() - used >= 2) {
    size_t length = static_cast<uint8_t>(buffer_[used]) << 8 | static_cast<uint8_t>(buffer_[used + 1]);
    if (buffer_.size() - used - 2 < length) break;
    messages.emplace_back(buffer_.substr(used + 2, length));
    used += 2 + length;
  }
  buffer_.erase(0, used);
  return error;
}

}  // namespace iochound
