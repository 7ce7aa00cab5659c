// A detection pack as loaded from YAML (docs/packs.md): rules with their metadata, data
// requirements, query and entity mapping; named exclusions; tests with fixtures and expected alerts.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/sigma/sigma.h"
#include "intel/ioc_set.h"
#include "packs/condition.h"

namespace iochound::packs {

// A table a rule reads and what feeds it (the seed's "Sentinel Table | Notes").
struct DataRequirement {
  std::string table;
  std::vector<std::string> sources;
  std::string notes;
};

// Entity roles to result columns: role -> attribute -> column. Roles and their attributes are
// fixed (EntityAttributes()); `host: DeviceName` is shorthand for `host: {name: DeviceName}`.
using EntityMapping = std::map<std::string, std::map<std::string, std::string>>;

// The roles an entity mapping may name, each with its attributes (the first is the shorthand's).
const std::map<std::string, std::vector<std::string>>& EntityAttributes();

// A rule's result column checked against the pack's IOCs (and --iocs feeds), and how.
enum class IocColumnKind { kDomain, kUrl, kIp, kIpList, kHash };
struct IocColumn {
  std::string column;
  IocColumnKind kind;
};

struct Rule {
  std::string id;
  std::string title;
  std::string description;
  std::string severity;                 // informational, low, medium, high, critical
  std::vector<std::string> tactics;     // TA0011 or a tactic name
  std::vector<std::string> techniques;  // T1071 or T1071.004
  std::vector<DataRequirement> requires_data;
  std::vector<std::string> references;
  std::vector<std::string> falsepositives;
  // Exactly one of: KQL text (inline or read from query_file), or a Sigma rule file.
  std::string kql;
  std::string query_origin;  // where the KQL came from, for error messages: FILE or PACK.yaml:LINE
  std::string sigma_path;
  // A Sigma rule's (from `sigma` or --sigma): what Sigma filters select rules by. Empty for KQL.
  std::string sigma_name;
  std::optional<SigmaLogsource> sigma_logsource;
  EntityMapping entities;
  std::string time_column;  // empty: TimeGenerated, else Timestamp, when the results have one
  std::vector<IocColumn> ioc_columns;
  SourceMark mark;
};

// A named, audited suppression: rows of the rules it applies to that satisfy `match` are kept,
// flagged with the exclusion, and counted, but are not alerts.
struct Exclusion {
  std::string id;
  std::string title;
  std::string rationale;
  std::vector<std::string> rules;   // rule ids, `*` for every rule
  std::vector<std::string> tables;  // or the rules that read one of these tables
  Condition match;
  // A Sigma filter instead of `match` and `rules`: it applies to the Sigma rules it names whose
  // logsource its own covers, and suppresses their rows for which its condition is not true.
  std::optional<SigmaFilter> sigma_filter;
  SourceMark mark;
};

// One alert a pack test expects: its rule, evidence columns with their text, and whether (and by
// which exclusion) it is suppressed.
struct ExpectedAlert {
  std::string rule;
  std::map<std::string, std::string> evidence;
  std::string suppressed_by;  // empty: a real alert
  SourceMark mark;
};

struct PackTest {
  std::string name;
  std::string description;
  std::vector<std::pair<std::string, std::string>> tables;  // table name -> fixture path (resolved)
  std::vector<ExpectedAlert> expect;
  SourceMark mark;
};

struct Pack {
  std::string id;
  std::string title;
  std::string description;
  std::string path;  // the pack's YAML file
  std::string dir;   // its directory: relative paths in the pack are resolved against it
  std::vector<std::string> references;
  IocSet iocs;
  std::vector<Rule> rules;
  std::vector<Exclusion> exclusions;
  std::vector<PackTest> tests;
};

}  // namespace iochound::packs
