#include "packs/sigma_rules.h"

#include <fmt/format.h>

namespace iochound::packs {
namespace {

const char* const kSeverities[] = {"informational", "low", "medium", "high", "critical"};

std::string Severity(const std::string& level) {
  for (const char* severity : kSeverities) {
    if (level == severity) return level;
  }
  return "medium";
}

}  // namespace

Pack SigmaPack(const SigmaLoadResult& loaded) {
  Pack pack;
  pack.id = "sigma";
  pack.title = "Sigma rules";
  for (const auto& sigma : loaded.rules) {
    Rule rule;
    rule.id = sigma.id.empty() ? sigma.path : sigma.id;
    rule.title = sigma.title.empty() ? rule.id : sigma.title;
    rule.description = sigma.description;
    rule.severity = Severity(sigma.level);
    rule.tactics = sigma.mitre_tactics;
    rule.techniques = sigma.mitre_techniques;
    rule.references = sigma.references;
    rule.falsepositives = sigma.falsepositives;
    for (const auto& table : sigma.tables) rule.requires_data.push_back({table, {}, ""});
    rule.kql = sigma.kql;
    rule.sigma_name = sigma.name;
    rule.sigma_logsource = sigma.logsource;
    rule.query_origin = sigma.path;
    rule.mark = {sigma.path, 0, 0};
    pack.rules.push_back(std::move(rule));
  }
  return pack;
}

std::string CompileSigmaRule(Rule& rule) {
  SigmaLoadResult loaded = LoadSigmaRules({rule.sigma_path});
  if (!loaded.failures.empty()) {
    return fmt::format("Sigma rule {} not loaded: {}", loaded.failures.front().path,
                       loaded.failures.front().reason);
  }
  if (loaded.rules.size() != 1) {
    return fmt::format("'{}' holds {} Sigma rules; a pack rule names a file with one", rule.sigma_path,
                       loaded.rules.size());
  }
  rule.kql = loaded.rules.front().kql;
  rule.sigma_name = loaded.rules.front().name;
  rule.sigma_logsource = loaded.rules.front().logsource;
  rule.query_origin = rule.sigma_path;
  if (rule.requires_data.empty()) {
    for (const auto& table : loaded.rules.front().tables) rule.requires_data.push_back({table, {}, ""});
  }
  return "";
}

Exclusion SigmaFilterExclusion(const SigmaFilter& filter) {
  Exclusion exclusion;
  exclusion.id = filter.id.empty() ? filter.title : filter.id;
  exclusion.title = filter.title;
  exclusion.rationale =
      filter.description.empty() ? fmt::format("Sigma filter '{}'", filter.title) : filter.description;
  exclusion.rules = filter.rules.empty() ? std::vector<std::string>{"*"} : filter.rules;
  exclusion.sigma_filter = filter;
  exclusion.mark = {filter.file, filter.line, 0};
  return exclusion;
}

FilterReach SigmaFilterReach(const SigmaFilter& filter, const Rule& rule) {
  bool named = filter.rules.empty();
  for (const auto& reference : filter.rules) {
    named = named || reference == rule.id || (!rule.sigma_name.empty() && reference == rule.sigma_name);
  }
  if (!named) return FilterReach::kNotNamed;
  if (!rule.sigma_logsource) return FilterReach::kNotSigma;
  if (!filter.logsource.Covers(*rule.sigma_logsource)) return FilterReach::kOtherLogsource;
  return FilterReach::kApplies;
}

}  // namespace iochound::packs
