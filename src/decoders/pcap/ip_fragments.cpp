#include "decoders/pcap/ip_fragments.h"

#include <fmt/format.h>

namespace iochound {

namespace {
constexpr int64_t kMaxDatagram = 65535;
}  // namespace

bool IpFragments::Add(const TransportPacket& packet, uint64_t frame, uint64_t offset, int64_t time,
                      std::string& datagram) {
  std::string key = fmt::format("{} {} {} {}", packet.source_ip, packet.destination_ip, packet.ip_protocol,
                                packet.fragment_id);
  auto [it, inserted] = waiting_.try_emplace(key);
  Datagram& waiting = it->second;
  if (inserted) {
    waiting.first_seen = time;
    waiting.first_offset = offset;
    order_.emplace_back(time, key);
  }
  waiting.frames.push_back(frame);
  const int64_t end =
      static_cast<int64_t>(packet.fragment_offset) + static_cast<int64_t>(packet.payload.size());
  if (end > kMaxDatagram) {
    waiting.problem =
        fmt::format("fragment of frame {} ends at byte {}, past the largest IP datagram", frame, end);
  } else if (!packet.more_fragments) {
    if (waiting.total >= 0 && waiting.total != end)
      waiting.problem =
          fmt::format("two last fragments: the datagram ends at byte {} and at byte {}", waiting.total, end);
    waiting.total = end;
  }
  std::string& piece = waiting.pieces[packet.fragment_offset];
  if (packet.payload.size() > piece.size()) piece = std::string(packet.payload);
  if (waiting.total < 0 || !waiting.problem.empty() || !Assemble(waiting, datagram)) return false;
  waiting_.erase(it);
  return true;
}

bool IpFragments::Assemble(Datagram& waiting, std::string& out) {
  out.assign(static_cast<size_t>(waiting.total), '\0');
  int64_t covered = 0;
  for (const auto& [offset, piece] : waiting.pieces) {
    if (offset > covered) return false;  // a gap: a fragment is still missing
    const int64_t end = std::min<int64_t>(offset + static_cast<int64_t>(piece.size()), waiting.total);
    for (int64_t at = offset; at < end; ++at) {
      char byte = piece[static_cast<size_t>(at - offset)];
      if (at < covered && out[static_cast<size_t>(at)] != byte) {
        waiting.problem = fmt::format("overlapping fragments disagree at byte {}", at);
        return false;
      }
      out[static_cast<size_t>(at)] = byte;
    }
    covered = std::max(covered, end);
  }
  return covered >= waiting.total;
}

void IpFragments::GiveUp(int64_t first_seen, const std::string& key, std::vector<Incomplete>& out,
                         std::string reason) {
  auto it = waiting_.find(key);
  // Completed earlier, perhaps followed by a datagram that reuses the identification.
  if (it == waiting_.end() || it->second.first_seen != first_seen) return;
  if (!it->second.problem.empty()) reason = it->second.problem;
  out.push_back({std::move(it->second.frames), it->second.first_offset, first_seen, std::move(reason)});
  waiting_.erase(it);
}

std::vector<IpFragments::Incomplete> IpFragments::Expire(int64_t now) {
  std::vector<Incomplete> out;
  while (!order_.empty() && (order_.front().first < now - wait_ || waiting_.size() > kMaxWaiting)) {
    std::string reason = order_.front().first < now - wait_
                             ? "fragments missing when the reassembly time ran out"
                             : fmt::format("more than {} datagrams waiting for fragments", kMaxWaiting);
    GiveUp(order_.front().first, order_.front().second, out, std::move(reason));
    order_.pop_front();
  }
  return out;
}

std::vector<IpFragments::Incomplete> IpFragments::Flush() {
  std::vector<Incomplete> out;
  for (const auto& [time, key] : order_)
    GiveUp(time, key, out, "fragments missing at the end of the capture");
  order_.clear();
  return out;
}

}  // namespace iochound
