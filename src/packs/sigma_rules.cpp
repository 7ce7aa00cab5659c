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
  rule.query_origin = rule.sigma_path;
  if (rule.requires_data.empty()) {
    for (const auto& table : loaded.rules.front().tables) rule.requires_data.push_back({table, {}, ""});
  }
  return "";
}

}  // namespace iochound::packs
