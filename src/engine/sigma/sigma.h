// The Sigma front end: Sigma rules (specification v2, https://github.com/SigmaHQ/sigma-specification)
// compiled to KQL text that runs through the same engine as any KQL hunt (engine.h's Prepare), so
// a Sigma rule and a KQL query become the same kind of logical plan. docs/sigma.md lists what is
// supported, the logsource and field mapping, and the deviations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// The tables rules compile for (docs/sigma.md has both mappings).
enum class SigmaTarget {
  kWindowsEvent,  // Windows event logs (EVTX, exports) as the WindowsEvent table
  kDefender,      // Defender XDR tables (DeviceProcessEvents, DeviceNetworkEvents ...) and DnsEvents
};

struct SigmaOptions {
  SigmaTarget target = SigmaTarget::kWindowsEvent;
  // Where `|expand` placeholders come from: `%name%` reads `<placeholder_dir>/name.txt`, one value
  // per line (Sigma wildcards allowed; blank lines and lines starting with # ignored). Empty: a
  // rule using a placeholder is not loaded, as the specification requires of tools without values.
  std::string placeholder_dir;
};

// A logsource as written in a rule or filter.
struct SigmaLogsource {
  std::string product, category, service;
  std::string Describe() const;  // "product=windows category=process_creation"
  // True when every field this logsource sets equals the other's: a filter applies only to rules
  // whose logsource its own covers (https://sigmahq.io/docs/meta/filters.html, "Filters Logsource
  // Matching": the filter's may be less specific than the rule's).
  bool Covers(const SigmaLogsource& rule) const;
};

struct SigmaRule {
  std::string path;  // the file the rule came from
  std::string id, name, title, description, level, status, author, date;
  std::vector<std::string> tags;  // as written: attack.execution, attack.t1059.001, car.2013-05-002 ...
  std::vector<std::string> mitre_techniques;  // from attack.tNNNN[.NNN] tags: "T1059.001"
  std::vector<std::string> mitre_tactics;     // from attack.<tactic> tags: "execution"
  std::vector<std::string> falsepositives, references, fields;
  SigmaLogsource logsource;
  std::vector<std::string> tables;  // the tables `kql` reads
  std::string kql;                  // a complete query: `Table | where ...`
};

// A Sigma filter (the specification's global filter, https://sigmahq.io/docs/meta/filters.html):
// its condition is and-ed with the condition of each rule it applies to, as pySigma does, so the
// events of those rules for which it is not true are filtered out (`condition: not selection`
// removes the selection).
struct SigmaFilter {
  std::string path, id, title, description;
  std::string file;  // the file (`path` adds " (document N)" in a multi-document file)
  int line = 0;      // 1-based line of its `filter:` key
  SigmaLogsource logsource;
  // The ids or names of the rules it applies to, as written; empty for `rules: any` (or `all`):
  // every rule whose logsource its own covers.
  std::vector<std::string> rules;
  std::vector<std::string> tables;  // the tables `condition` is written against
  std::string condition;            // a KQL boolean expression true for the events to keep
};

struct SigmaLoadFailure {
  std::string path;    // the file, with " (document N)" when a multi-document file
  std::string reason;  // why it was not loaded: "correlation rules are not supported", ...
};

struct SigmaLoadResult {
  std::vector<SigmaRule> rules;
  std::vector<SigmaFilter> filters;
  std::vector<SigmaLoadFailure> failures;  // every document not loaded, never skipped silently
};

// Loads every Sigma rule and filter from `paths`: files, or directories searched recursively for
// *.yml and *.yaml. Each rule is compiled to KQL and checked by preparing it against the built-in
// schema of its table, so a loaded rule is known to run. Results are in sorted file order; large
// directories are loaded on several threads.
SigmaLoadResult LoadSigmaRules(const std::vector<std::string>& paths, const SigmaOptions& options = {});

// Loads the rules and filters of one YAML text (one or more documents); `origin` names it in
// results and failures. For Sigma rules embedded in other files (detection packs).
SigmaLoadResult LoadSigmaText(std::string_view yaml, std::string_view origin,
                              const SigmaOptions& options = {});

}  // namespace iochound
