#include "intel/ioc_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace iochound {
namespace {

std::string ConfidenceBand(int confidence) {
  if (confidence < 0) return "unknown";
  if (confidence == 100) return "100";
  int low = confidence / 25 * 25;
  return fmt::format("{}-{}", low, low + 24);
}

void AppendSection(std::string& out, std::string_view title, const std::map<std::string, size_t>& counts) {
  std::vector<std::pair<std::string, size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  out += fmt::format("{}:\n", title);
  for (const auto& [name, count] : rows) out += fmt::format("  {:>8}  {}\n", count, name);
}

}  // namespace

IocStats CountIocs(const std::vector<const Ioc*>& iocs) {
  IocStats stats;
  for (const Ioc* ioc : iocs) {
    ++stats.total;
    ++stats.by_type[std::string(IocTypeName(ioc->type))];
    const std::string& family = ioc->family_name.empty() ? ioc->family : ioc->family_name;
    ++stats.by_family[family.empty() ? "(none)" : family];
    ++stats.by_threat_type[ioc->threat_type.empty() ? "(none)" : ioc->threat_type];
    ++stats.by_confidence[ConfidenceBand(ioc->confidence)];
  }
  return stats;
}

std::string FormatIocStats(const IocStats& stats) {
  std::string out = fmt::format("{} IOCs\n", stats.total);
  AppendSection(out, "by type", stats.by_type);
  AppendSection(out, "by family", stats.by_family);
  AppendSection(out, "by threat type", stats.by_threat_type);
  AppendSection(out, "by confidence", stats.by_confidence);
  return out;
}

}  // namespace iochound
