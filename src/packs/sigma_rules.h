// Sigma rules as pack rules: `hunt --sigma DIR...` runs them as the rules of a pack named `sigma`
// (same alerts, exclusions and summary), and a pack rule may name a Sigma file instead of KQL.
#pragma once

#include <string>
#include <vector>

#include "engine/sigma/sigma.h"
#include "packs/pack.h"

namespace iochound::packs {

// A pack `sigma` holding every rule `loaded` compiled: id (the rule's, else its file), title,
// description, severity from its level (medium when it has none), MITRE tags, its tables, its KQL.
Pack SigmaPack(const SigmaLoadResult& loaded);

// Fills `rule`'s tables and KQL from the Sigma file it names; "" or why it could not be loaded.
std::string CompileSigmaRule(Rule& rule);

// A Sigma filter as an audited exclusion: id (the filter's, else its title), title, rationale
// (its description), origin (FILE:LINE of its `filter:`).
Exclusion SigmaFilterExclusion(const SigmaFilter& filter);

// How a Sigma filter relates to a rule: it applies only to a Sigma rule it names (by id or name;
// every rule for `rules: any`) whose logsource its own covers.
enum class FilterReach { kApplies, kNotNamed, kNotSigma, kOtherLogsource };
FilterReach SigmaFilterReach(const SigmaFilter& filter, const Rule& rule);

}  // namespace iochound::packs
