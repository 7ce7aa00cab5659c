#include "packs/exclusion_loader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "packs/sigma_rules.h"

namespace iochound::packs {
namespace {

const std::vector<std::string> kBranchKeys = {"all", "any", "not"};

std::optional<Condition> ParseCondition(const YAML::Node& node, YamlContext& context);

std::optional<Condition> ParseBranch(const YAML::Node& node, const std::string& key, YamlContext& context) {
  Condition condition;
  condition.mark = context.MarkOf(node);
  YAML::Node body = node[key];
  if (key == "not") {
    condition.kind = Condition::Kind::kNot;
    auto child = ParseCondition(body, context);
    if (!child) return std::nullopt;
    condition.children.push_back(std::move(*child));
    return condition;
  }
  condition.kind = key == "all" ? Condition::Kind::kAll : Condition::Kind::kAny;
  if (!body.IsSequence() || body.size() == 0) {
    // An empty `all` would match every row: never what an exclusion means.
    context.Error(body, fmt::format("'{}' needs a non-empty list of conditions", key));
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& item : body) {
    auto child = ParseCondition(item, context);
    if (child) {
      condition.children.push_back(std::move(*child));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return condition;
}

std::optional<Condition> ParseCondition(const YAML::Node& node, YamlContext& context) {
  if (!node.IsMap() || node.size() == 0) {
    context.Error(node, "a condition is a map: all/any/not, or a column/entity with one matcher");
    return std::nullopt;
  }
  if (node.size() == 1) {
    std::string key = node.begin()->first.Scalar();
    if (key == "all" || key == "any" || key == "not") return ParseBranch(node, key, context);
  }
  std::vector<std::string> allowed = MatchOpNames();
  allowed.push_back("column");
  allowed.push_back("entity");
  if (!context.ExpectMap(node, "a condition", allowed)) return std::nullopt;
  Condition leaf;
  leaf.kind = Condition::Kind::kLeaf;
  leaf.mark = context.MarkOf(node);
  leaf.column = context.String(node, "column", false);
  leaf.entity = context.String(node, "entity", false);
  if (leaf.column.empty() == leaf.entity.empty()) {
    context.Error(node, "a condition tests exactly one of 'column' or 'entity'");
    return std::nullopt;
  }
  if (!leaf.entity.empty()) {
    size_t dot = leaf.entity.find('.');
    std::string role = leaf.entity.substr(0, dot);
    const auto& roles = EntityAttributes();
    auto it = roles.find(role);
    std::string attribute = dot == std::string::npos ? "" : leaf.entity.substr(dot + 1);
    if (it == roles.end() || std::find(it->second.begin(), it->second.end(), attribute) == it->second.end()) {
      context.Error(
          node["entity"],
          fmt::format("unknown entity attribute '{}' (ROLE.ATTRIBUTE, see docs/packs.md)", leaf.entity));
      return std::nullopt;
    }
  }
  int ops = 0;
  for (const auto& entry : node) {
    auto op = ParseMatchOp(entry.first.Scalar());
    if (!op) continue;
    ++ops;
    leaf.op = *op;
    leaf.values = context.StringList(node, entry.first.Scalar(), true);
  }
  if (ops != 1) {
    context.Error(node, fmt::format("a condition has exactly one matcher ({}), found {}",
                                    fmt::join(MatchOpNames(), ", "), ops));
    return std::nullopt;
  }
  std::string error = Compile(leaf);
  if (!error.empty()) {
    context.errors().push_back(error);
    return std::nullopt;
  }
  return leaf;
}

// A local exclusions file may be a file of Sigma filters (its first document has `filter:`), the
// format Sigma itself has for per-environment tuning that survives rule updates.
std::vector<Exclusion> LoadSigmaFilterFile(const std::string& path, std::vector<std::string>& errors) {
  std::vector<Exclusion> exclusions;
  SigmaLoadResult loaded = LoadSigmaRules({path});
  for (const auto& failure : loaded.failures) {
    errors.push_back(fmt::format("{}: Sigma filter not loaded: {}", failure.path, failure.reason));
  }
  for (const auto& rule : loaded.rules) {
    errors.push_back(
        fmt::format("{}: holds the Sigma rule '{}'; an exclusions file holds filters only "
                    "(give rules with --sigma)",
                    rule.path, rule.title));
  }
  for (const auto& filter : loaded.filters) exclusions.push_back(SigmaFilterExclusion(filter));
  return exclusions;
}

}  // namespace

std::optional<Exclusion> ParseExclusion(const YAML::Node& node, YamlContext& context) {
  size_t errors_before = context.errors().size();
  if (!context.ExpectMap(node, "an exclusion", {"id", "title", "rationale", "rules", "tables", "match"})) {
    return std::nullopt;
  }
  Exclusion exclusion;
  exclusion.mark = context.MarkOf(node);
  exclusion.id = context.String(node, "id", true);
  exclusion.title = context.String(node, "title", false);
  exclusion.rationale = context.String(node, "rationale", true);
  exclusion.rules = context.StringList(node, "rules", false);
  exclusion.tables = context.StringList(node, "tables", false);
  if (exclusion.rules.empty() && exclusion.tables.empty()) {
    context.Error(node,
                  fmt::format("exclusion '{}' names no 'rules' (ids or '*') and no 'tables'", exclusion.id));
  }
  if (!node["match"]) {
    context.Error(node, fmt::format("exclusion '{}' has no 'match'", exclusion.id));
  } else if (auto match = ParseCondition(node["match"], context)) {
    exclusion.match = std::move(*match);
  }
  if (context.errors().size() != errors_before) return std::nullopt;
  return exclusion;
}

std::vector<Exclusion> LoadExclusionsFile(const std::string& path, std::vector<std::string>& errors) {
  YamlContext context(path);
  std::vector<Exclusion> exclusions;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    errors.push_back(fmt::format("{}: cannot read the exclusions file", path));
    return exclusions;
  } catch (const YAML::Exception& error) {
    errors.push_back(SourceMark{path, error.mark.line + 1, error.mark.column + 1}.Format(error.msg));
    return exclusions;
  }
  if (root.IsMap() && root["filter"]) return LoadSigmaFilterFile(path, errors);
  if (context.ExpectMap(root, "an exclusions file", {"exclusions"})) {
    YAML::Node list = root["exclusions"];
    if (!list || !list.IsSequence()) {
      context.Error(root, "'exclusions' must be a list");
    } else {
      std::set<std::string> ids;
      for (const auto& item : list) {
        auto exclusion = ParseExclusion(item, context);
        if (!exclusion) continue;
        if (!ids.insert(exclusion->id).second) {
          context.Error(item, fmt::format("exclusion '{}' is defined twice", exclusion->id));
          continue;
        }
        exclusions.push_back(std::move(*exclusion));
      }
    }
  }
  errors.insert(errors.end(), context.errors().begin(), context.errors().end());
  return exclusions;
}

}  // namespace iochound::packs
