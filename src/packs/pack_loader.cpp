#include "packs/pack_loader.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <filesystem>
#include <set>

#include "common/file_text.h"
#include "intel/ioc_normalizer.h"
#include "packs/exclusion_loader.h"
#include "packs/sigma_rules.h"
#include "packs/yaml_fields.h"
#include "types/datetime.h"

namespace iochound::packs {
namespace fs = std::filesystem;
namespace {

const std::vector<std::string> kSeverities = {"informational", "low", "medium", "high", "critical"};

// MITRE ATT&CK Enterprise tactics (https://attack.mitre.org/tactics/enterprise/), by short name.
const std::vector<std::string> kTactics = {
    "reconnaissance",       "resource-development", "initial-access",    "execution", "persistence",
    "privilege-escalation", "defense-evasion",      "credential-access", "discovery", "lateral-movement",
    "collection",           "command-and-control",  "exfiltration",      "impact"};

class PackParser {
 public:
  PackParser(std::string file, fs::path dir) : context_(std::move(file)), dir_(std::move(dir)) {}

  PackLoad Parse(const YAML::Node& root) {
    Pack pack;
    pack.path = context_.file();
    pack.dir = dir_.string();
    if (context_.ExpectMap(
            root, "a pack",
            {"id", "title", "description", "references", "iocs", "rules", "exclusions", "tests"})) {
      pack.id = context_.String(root, "id", true);
      pack.title = context_.String(root, "title", true);
      pack.description = context_.String(root, "description", false);
      pack.references = context_.StringList(root, "references", false);
      ParseIocs(root["iocs"], pack);
      ForEach(root, "rules", true, [&](const YAML::Node& node) { ParseRule(node, pack); });
      ForEach(root, "exclusions", false, [&](const YAML::Node& node) {
        auto exclusion = ParseExclusion(node, context_);
        if (!exclusion) return;
        if (!exclusion_ids_.insert(exclusion->id).second) {
          context_.Error(node, fmt::format("exclusion '{}' is defined twice", exclusion->id));
        }
        for (const auto& rule : exclusion->rules) {
          if (rule != "*" && !rule_ids_.count(rule)) {
            context_.Error(node["rules"],
                           fmt::format("exclusion '{}' names rule '{}', which the pack does not define",
                                       exclusion->id, rule));
          }
        }
        pack.exclusions.push_back(std::move(*exclusion));
      });
      ForEach(root, "tests", false, [&](const YAML::Node& node) { ParseTest(node, pack); });
    }
    PackLoad load;
    load.errors = std::move(context_.errors());
    if (load.errors.empty()) load.pack = std::move(pack);
    return load;
  }

 private:
  template <typename Fn>
  void ForEach(const YAML::Node& root, const char* key, bool required, Fn fn) {
    YAML::Node list = root[key];
    if (!list) {
      if (required) context_.Error(root, fmt::format("a pack needs '{}'", key));
      return;
    }
    if (!list.IsSequence() || (required && list.size() == 0)) {
      context_.Error(list, fmt::format("'{}' must be a{} list", key, required ? " non-empty" : ""));
      return;
    }
    for (const auto& item : list) fn(item);
  }

  std::string ResolvePath(const std::string& relative) const {
    return (dir_ / relative).lexically_normal().string();
  }

  void ParseIocs(const YAML::Node& list, Pack& pack) {
    if (!list) return;
    if (!list.IsSequence()) return context_.Error(list, "'iocs' must be a list");
    for (const auto& node : list) {
      if (!context_.ExpectMap(node, "an IOC",
                              {"type", "value", "threat_type", "family", "confidence", "first_seen",
                               "last_seen", "reference", "tags", "source"})) {
        continue;
      }
      std::string type_name = context_.String(node, "type", true);
      std::string value = context_.String(node, "value", true);
      auto type = ParseIocType(type_name);
      if (!type) {
        context_.Error(node["type"], fmt::format("unknown IOC type '{}'", type_name));
        continue;
      }
      NormalizeResult normalized = NormalizeIoc(value, type);
      if (!normalized.value) {
        context_.Error(node["value"], fmt::format("bad {} IOC '{}': {}", type_name, value, normalized.error));
        continue;
      }
      Ioc ioc;
      ioc.type = normalized.value->type;
      ioc.value = normalized.value->value;
      ioc.port = normalized.value->port;
      ioc.threat_type = context_.String(node, "threat_type", false);
      ioc.family_name = context_.String(node, "family", false);
      ioc.reference = context_.String(node, "reference", false);
      ioc.tags = context_.StringList(node, "tags", false);
      std::string source = context_.String(node, "source", false);
      ioc.sources.push_back(source.empty() ? context_.file() : source);
      if (std::string confidence = context_.String(node, "confidence", false); !confidence.empty()) {
        int parsed = -1;
        if (!RE2::FullMatch(confidence, R"((\d{1,3})%?)", &parsed) || parsed > 100) {
          context_.Error(node["confidence"], fmt::format("confidence must be 0-100, got '{}'", confidence));
        }
        ioc.confidence = parsed;
      }
      for (const char* key : {"first_seen", "last_seen"}) {
        std::string text = context_.String(node, key, false);
        if (text.empty()) continue;
        auto ticks = ParseDateTime(text);
        if (!ticks) {
          context_.Error(node[key], fmt::format("'{}' is not a date: '{}'", key, text));
          continue;
        }
        (std::string_view(key) == "first_seen" ? ioc.first_seen : ioc.last_seen) = *ticks;
      }
      pack.iocs.Add(std::move(ioc));
    }
  }

  void ParseRule(const YAML::Node& node, Pack& pack) {
    if (!context_.ExpectMap(
            node, "a rule",
            {"id", "title", "description", "severity", "mitre", "requires", "query", "query_file", "sigma",
             "entities", "time", "ioc_match", "references", "falsepositives"})) {
      return;
    }
    Rule rule;
    rule.mark = context_.MarkOf(node);
    rule.id = context_.String(node, "id", true);
    if (!rule.id.empty() && !rule_ids_.insert(rule.id).second) {
      context_.Error(node["id"], fmt::format("rule '{}' is defined twice", rule.id));
    }
    rule.title = context_.String(node, "title", true);
    rule.description = context_.String(node, "description", false);
    rule.severity = context_.String(node, "severity", true);
    if (!rule.severity.empty() &&
        std::find(kSeverities.begin(), kSeverities.end(), rule.severity) == kSeverities.end()) {
      context_.Error(node["severity"],
                     fmt::format("severity must be one of {}, got '{}'",
                                 "informational, low, medium, high, critical", rule.severity));
    }
    rule.references = context_.StringList(node, "references", false);
    rule.falsepositives = context_.StringList(node, "falsepositives", false);
    rule.time_column = context_.String(node, "time", false);
    ParseMitre(node["mitre"], rule);
    // A Sigma rule's tables come from its logsource when the pack does not list them.
    if (node["requires"] || !node["sigma"]) ParseRequirements(node["requires"], rule);
    ParseQuery(node, rule);
    ParseEntities(node["entities"], rule);
    ParseIocMatch(node, rule);
    pack.rules.push_back(std::move(rule));
  }

  void ParseMitre(const YAML::Node& node, Rule& rule) {
    if (!node) return;
    if (!context_.ExpectMap(node, "mitre", {"tactics", "techniques"})) return;
    rule.tactics = context_.StringList(node, "tactics", false);
    rule.techniques = context_.StringList(node, "techniques", false);
    for (const auto& tactic : rule.tactics) {
      if (!RE2::FullMatch(tactic, R"(TA\d{4})") &&
          std::find(kTactics.begin(), kTactics.end(), tactic) == kTactics.end()) {
        context_.Error(node["tactics"], fmt::format("'{}' is not an ATT&CK tactic id (TA0011) or short name "
                                                    "(command-and-control)",
                                                    tactic));
      }
    }
    for (const auto& technique : rule.techniques) {
      if (!RE2::FullMatch(technique, R"(T\d{4}(\.\d{3})?)")) {
        context_.Error(node["techniques"],
                       fmt::format("'{}' is not an ATT&CK technique id (T1071 or T1071.004)", technique));
      }
    }
  }

  void ParseRequirements(const YAML::Node& list, Rule& rule) {
    if (!list || !list.IsSequence() || list.size() == 0) {
      context_.Error(list ? list : YAML::Node(),
                     fmt::format("rule '{}' needs 'requires': a list of tables it reads", rule.id));
      return;
    }
    for (const auto& node : list) {
      if (!context_.ExpectMap(node, "a data requirement", {"table", "sources", "notes"})) continue;
      DataRequirement requirement;
      requirement.table = context_.String(node, "table", true);
      requirement.sources = context_.StringList(node, "sources", false);
      requirement.notes = context_.String(node, "notes", false);
      rule.requires_data.push_back(std::move(requirement));
    }
  }

  void ParseQuery(const YAML::Node& node, Rule& rule) {
    int given = !!node["query"] + !!node["query_file"] + !!node["sigma"];
    if (given != 1) {
      context_.Error(node,
                     fmt::format("rule '{}' needs exactly one of 'query', 'query_file' or 'sigma'", rule.id));
      return;
    }
    if (node["query"]) {
      rule.kql = context_.String(node, "query", true);
      SourceMark mark = context_.MarkOf(node["query"]);
      rule.query_origin = fmt::format("{}:{} (rule {})", mark.file, mark.line, rule.id);
    } else if (node["query_file"]) {
      std::string path = ResolvePath(context_.String(node, "query_file", true));
      if (!fs::is_regular_file(path)) {
        context_.Error(node["query_file"], fmt::format("query file '{}' does not exist", path));
        return;
      }
      std::optional<std::string> text = ReadFileText(path);
      if (!text) {
        context_.Error(node["query_file"], fmt::format("query file '{}' cannot be read", path));
        return;
      }
      rule.kql = std::move(*text);
      rule.query_origin = path;
    } else {
      rule.sigma_path = ResolvePath(context_.String(node, "sigma", true));
      if (!fs::is_regular_file(rule.sigma_path)) {
        context_.Error(node["sigma"], fmt::format("Sigma rule file '{}' does not exist", rule.sigma_path));
      } else if (std::string error = CompileSigmaRule(rule); !error.empty()) {
        context_.Error(node["sigma"], error);
      }
    }
  }

  void ParseEntities(const YAML::Node& node, Rule& rule) {
    if (!node) return;
    const auto& roles = EntityAttributes();
    std::vector<std::string> role_names;
    for (const auto& [role, attributes] : roles) role_names.push_back(role);
    if (!context_.ExpectMap(node, "entities", role_names)) return;
    for (const auto& entry : node) {
      std::string role = entry.first.Scalar();
      auto known = roles.find(role);
      if (known == roles.end()) continue;
      if (entry.second.IsScalar()) {
        rule.entities[role][known->second.front()] = entry.second.Scalar();
        continue;
      }
      if (!context_.ExpectMap(entry.second, fmt::format("entity '{}'", role), known->second)) continue;
      for (const auto& attribute : entry.second) {
        if (!attribute.second.IsScalar()) {
          context_.Error(attribute.second, "an entity attribute maps to one result column");
          continue;
        }
        rule.entities[role][attribute.first.Scalar()] = attribute.second.Scalar();
      }
    }
  }

  void ParseIocMatch(const YAML::Node& node, Rule& rule) {
    static const std::map<std::string, IocColumnKind> kinds = {{"domain", IocColumnKind::kDomain},
                                                               {"url", IocColumnKind::kUrl},
                                                               {"ip", IocColumnKind::kIp},
                                                               {"ip_list", IocColumnKind::kIpList},
                                                               {"hash", IocColumnKind::kHash}};
    for (const auto& [column, kind] : context_.StringMap(node, "ioc_match")) {
      auto it = kinds.find(kind);
      if (it == kinds.end()) {
        context_.Error(node["ioc_match"],
                       fmt::format("ioc_match kind must be domain, url, ip, ip_list or hash, "
                                   "got '{}' for column '{}'",
                                   kind, column));
        continue;
      }
      rule.ioc_columns.push_back({column, it->second});
    }
  }

  void ParseTest(const YAML::Node& node, Pack& pack) {
    if (!context_.ExpectMap(node, "a test", {"name", "description", "tables", "expect"})) return;
    PackTest test;
    test.mark = context_.MarkOf(node);
    test.name = context_.String(node, "name", true);
    test.description = context_.String(node, "description", false);
    for (const auto& [table, path] : context_.StringMap(node, "tables")) {
      std::string resolved = ResolvePath(path);
      if (!fs::exists(resolved)) {
        context_.Error(node["tables"],
                       fmt::format("fixture '{}' for table {} does not exist", resolved, table));
      }
      test.tables.emplace_back(table, resolved);
    }
    if (test.tables.empty())
      context_.Error(node, fmt::format("test '{}' binds no fixture 'tables'", test.name));
    YAML::Node expect = node["expect"];
    if (expect && !expect.IsSequence()) context_.Error(expect, "'expect' must be a list of alerts");
    if (expect && expect.IsSequence()) {
      for (const auto& item : expect) {
        if (!context_.ExpectMap(item, "an expected alert", {"rule", "evidence", "suppressed_by"})) continue;
        ExpectedAlert alert;
        alert.mark = context_.MarkOf(item);
        alert.rule = context_.String(item, "rule", true);
        if (!alert.rule.empty() && !rule_ids_.count(alert.rule)) {
          context_.Error(
              item["rule"],
              fmt::format("expected alert names rule '{}', which the pack does not define", alert.rule));
        }
        for (auto& [column, value] : context_.StringMap(item, "evidence")) alert.evidence[column] = value;
        alert.suppressed_by = context_.String(item, "suppressed_by", false);
        test.expect.push_back(std::move(alert));
      }
    }
    pack.tests.push_back(std::move(test));
  }

  YamlContext context_;
  fs::path dir_;
  std::set<std::string> rule_ids_;
  std::set<std::string> exclusion_ids_;
};

}  // namespace

const std::map<std::string, std::vector<std::string>>& EntityAttributes() {
  static const std::map<std::string, std::vector<std::string>> roles = {
      {"host", {"name"}},
      {"account", {"name", "domain", "sid", "upn"}},
      {"ip", {"address"}},
      {"domain", {"name"}},
      {"url", {"url"}},
      {"process", {"command_line", "name", "path", "id", "sha256"}},
      {"parent_process", {"command_line", "name", "path", "id"}},
      {"file", {"path", "name", "sha256", "sha1", "md5"}},
  };
  return roles;
}

PackLoad LoadPack(const std::string& path) {
  fs::path file = path;
  if (fs::is_directory(file)) file /= "pack.yaml";
  PackLoad load;
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    load.errors.push_back(fmt::format(
        "{}: cannot read the pack (a pack is a directory with pack.yaml, or a YAML file)", file.string()));
    return load;
  } catch (const YAML::Exception& error) {
    load.errors.push_back(
        SourceMark{file.string(), error.mark.line + 1, error.mark.column + 1}.Format(error.msg));
    return load;
  }
  PackParser parser(file.string(), file.parent_path());
  load = parser.Parse(root);
  // Suppressions named by tests must exist; checked after all exclusions are read.
  if (load.pack) {
    std::set<std::string> ids;
    for (const auto& exclusion : load.pack->exclusions) ids.insert(exclusion.id);
    for (const auto& test : load.pack->tests) {
      for (const auto& alert : test.expect) {
        if (!alert.suppressed_by.empty() && !ids.count(alert.suppressed_by)) {
          load.errors.push_back(alert.mark.Format(fmt::format(
              "expected alert is suppressed_by '{}', which the pack does not define", alert.suppressed_by)));
        }
      }
    }
    if (!load.errors.empty()) load.pack.reset();
  }
  return load;
}

}  // namespace iochound::packs
