#include "intel/ioc_set.h"

#include <algorithm>
#include <utility>

namespace iochound {
namespace {

void Unite(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const auto& item : from) {
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
  }
}

void Fill(std::string& into, const std::string& from) {
  if (into.empty()) into = from;
}

}  // namespace

std::string IocSet::Key(IocType type, std::string_view value, uint16_t port) {
  std::string key;
  key.reserve(value.size() + 8);
  key += static_cast<char>('0' + static_cast<int>(type));
  key += std::to_string(port);
  key += '|';
  key += value;
  return key;
}

bool IocSet::Add(Ioc ioc) {
  auto [it, inserted] = index_.try_emplace(Key(ioc.type, ioc.value, ioc.port), iocs_.size());
  if (inserted) {
    iocs_.push_back(std::move(ioc));
    return true;
  }
  Ioc& kept = iocs_[it->second];
  Unite(kept.sources, ioc.sources);
  Unite(kept.tags, ioc.tags);
  Unite(kept.aliases, ioc.aliases);
  kept.confidence = std::max(kept.confidence, ioc.confidence);
  if (ioc.first_seen && (!kept.first_seen || *ioc.first_seen < *kept.first_seen)) {
    kept.first_seen = ioc.first_seen;
  }
  if (ioc.last_seen && (!kept.last_seen || *ioc.last_seen > *kept.last_seen)) kept.last_seen = ioc.last_seen;
  Fill(kept.threat_type, ioc.threat_type);
  Fill(kept.family, ioc.family);
  Fill(kept.family_name, ioc.family_name);
  Fill(kept.reference, ioc.reference);
  Fill(kept.reporter, ioc.reporter);
  return false;
}

const Ioc* IocSet::Find(IocType type, std::string_view value, uint16_t port) const {
  auto it = index_.find(Key(type, value, port));
  return it == index_.end() ? nullptr : &iocs_[it->second];
}

}  // namespace iochound
