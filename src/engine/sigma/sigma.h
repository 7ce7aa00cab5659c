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

struct SigmaRule {
  std::string path;  // the file the rule came from
  std::string id, title, description, level, status, author, date;
  std::vector<std::string> tags;  // as written: attack.execution, attack.t1059.001, car.2013-05-002 ...
  std::vector<std::string> mitre_techniques;  // from attack.tNNNN[.NNN] tags: "T1059.001"
  std::vector<std::string> mitre_tactics;     // from attack.<tactic> tags: "execution"
  std::vector<std::string> falsepositives, references, fields;
  std::string logsource;            // "product=windows category=process_creation", for messages
  std::vector<std::string> tables;  // the tables `kql` reads
  std::string kql;                  // a complete query: `Table | where ...`
};

// A Sigma filter (the specification's global filter rule type): events it matches are to be
// excluded from the results of the rules it names.
struct SigmaFilter {
  std::string path, id, title, description;
  std::vector<std::string> rules;   // the ids (or names) of the rules it applies to, as written
  std::vector<std::string> tables;  // the tables `predicate` is written against
  std::string predicate;            // a KQL boolean expression true for the events to exclude
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
// schema of its table, so a loaded rule is known to run. Files are visited in sorted order.
SigmaLoadResult LoadSigmaRules(const std::vector<std::string>& paths, const SigmaOptions& options = {});

// Loads the rules and filters of one YAML text (one or more documents); `origin` names it in
// results and failures. For Sigma rules embedded in other files (detection packs).
SigmaLoadResult LoadSigmaText(std::string_view yaml, std::string_view origin,
                              const SigmaOptions& options = {});

}  // namespace iochound
