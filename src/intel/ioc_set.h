// The IOCs loaded from every feed, one entry per (type, value, port): an IOC listed by several feeds
// (or twice by one) is merged so that no source and no metadata is lost.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "intel/ioc.h"

namespace iochound {

class IocSet {
 public:
  // Adds `ioc` (already normalized), or merges it into the entry with the same key: sources, tags
  // and aliases are united, the highest confidence, the earliest first_seen and the latest last_seen
  // kept, and empty text fields filled. Returns true when the IOC was new.
  bool Add(Ioc ioc);

  // The entry for a normalized value, or nullptr.
  const Ioc* Find(IocType type, std::string_view value, uint16_t port = 0) const;

  // In first-added order.
  const std::vector<Ioc>& iocs() const { return iocs_; }
  size_t size() const { return iocs_.size(); }

 private:
  static std::string Key(IocType type, std::string_view value, uint16_t port);

  std::vector<Ioc> iocs_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace iochound
