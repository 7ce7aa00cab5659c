// Queries waiting for their responses, for the sources that log the two separately (Suricata EVE,
// packet captures): taken when the response comes, written unanswered when none has come within
// `wait` of source time, or at the end of the input.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>

namespace iochound {

template <typename Key, typename Pending>
class PendingLookups {
 public:
  explicit PendingLookups(int64_t wait) : wait_(wait) {}

  // Adds the query of `key` seen at `time`. A query of the same key still waiting (the client asked
  // again) is handed to `unanswered` first.
  template <typename Emit>
  Pending& Add(const Key& key, int64_t time, Emit&& unanswered) {
    if (auto it = waiting_.find(key); it != waiting_.end()) {
      unanswered(it->second.second);
      waiting_.erase(it);
    }
    order_.emplace_back(time, key);
    auto& slot = waiting_[key];
    slot = {time, Pending()};
    return slot.second;
  }

  // Adds the query of `key` seen at `time` and returns its slot, unless a query of the same key
  // still waits: then this one is the client asking again (a retransmission) and nullptr is
  // returned, so that the response answers the first query, as Zeek pairs them.
  Pending* AddFirst(const Key& key, int64_t time) {
    if (Contains(key)) return nullptr;
    return &Add(key, time, [](const Pending&) {});
  }

  bool Contains(const Key& key) const { return waiting_.count(key) > 0; }

  // The query of `key`, removed; nullopt when none waits.
  std::optional<Pending> Take(const Key& key) {
    auto it = waiting_.find(key);
    if (it == waiting_.end()) return std::nullopt;
    Pending pending = std::move(it->second.second);
    waiting_.erase(it);
    return pending;
  }

  // Hands the queries older than `now - wait` to `unanswered`.
  template <typename Emit>
  void Expire(int64_t now, Emit&& unanswered) {
    while (!order_.empty() && order_.front().first < now - wait_) PopFront(unanswered);
  }

  // Hands every waiting query to `unanswered`, oldest first.
  template <typename Emit>
  void Flush(Emit&& unanswered) {
    while (!order_.empty()) PopFront(unanswered);
  }

 private:
  template <typename Emit>
  void PopFront(Emit& unanswered) {
    auto it = waiting_.find(order_.front().second);
    // The key may have been answered, or asked again later (then its time differs).
    if (it != waiting_.end() && it->second.first == order_.front().first) {
      unanswered(it->second.second);
      waiting_.erase(it);
    }
    order_.pop_front();
  }

  int64_t wait_;
  std::map<Key, std::pair<int64_t, Pending>> waiting_;  // key → (time asked, query)
  std::deque<std::pair<int64_t, Key>> order_;           // oldest first
};

}  // namespace iochound
