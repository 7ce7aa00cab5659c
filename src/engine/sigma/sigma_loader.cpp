// Reading Sigma files: rules and filters compiled to KQL, everything else reported with a reason.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pthread.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <system_error>

#include "common/cores.h"
#include "common/diagnostics.h"
#include "common/file_text.h"
#include "engine/engine.h"
#include "engine/sigma/sigma.h"
#include "engine/sigma/sigma_condition.h"
#include "engine/sigma/sigma_detection.h"
#include "engine/sigma/sigma_logsource.h"
#include "normalizers/empty_table.h"
#include "normalizers/table_schemas.h"

namespace iochound {

namespace {

namespace fs = std::filesystem;
using sigma::SigmaError;

std::string Text(const YAML::Node& node) {
  return node && node.IsScalar() ? node.Scalar() : std::string();
}

std::vector<std::string> TextList(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) out.push_back(node.Scalar());
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (item.IsScalar()) out.push_back(item.Scalar());
    }
  }
  return out;
}

// Values of `|expand` placeholders, read once per file from the placeholder directory.
class Placeholders {
 public:
  explicit Placeholders(std::string dir) : dir_(std::move(dir)) {}

  std::vector<sigma::Pattern> Values(const std::string& name) {
    if (auto it = cache_.find(name); it != cache_.end()) return it->second;
    if (dir_.empty()) {
      throw SigmaError(fmt::format("placeholder %{}% has no values (no placeholder directory given)", name));
    }
    fs::path file = fs::path(dir_) / (name + ".txt");
    std::ifstream in(file);
    if (!in) throw SigmaError(fmt::format("placeholder %{}%: cannot read {}", name, file.string()));
    std::vector<sigma::Pattern> values;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line.front() == '#') continue;
      values.push_back(sigma::Pattern::Parse(line));
    }
    if (values.empty())
      throw SigmaError(fmt::format("placeholder %{}%: {} has no values", name, file.string()));
    return cache_[name] = values;
  }

 private:
  std::string dir_;
  std::map<std::string, std::vector<sigma::Pattern>> cache_;
};

// Built-in tables with no rows, to check that each compiled rule binds and plans.
class ValidationCatalog {
 public:
  // Throws SigmaError with the engine's message when `kql` does not prepare.
  void Check(const std::string& table, const std::string& kql) {
    if (!catalog_.Find(table)) {
      const Schema* schema = FindBuiltinSchema(table);
      if (!schema) throw SigmaError(fmt::format("table {} has no built-in schema", table));
      catalog_.Register(table, std::make_shared<EmptyTable>(*schema));
    }
    try {
      Prepare(kql, catalog_);
    } catch (const QueryError& e) {
      throw SigmaError(fmt::format("the compiled KQL does not prepare: {}", e.what()));
    }
  }

 private:
  Catalog catalog_;
};

struct CompiledDetection {
  std::string table;
  std::string predicate;
};

sigma::Logsource ReadLogsource(const YAML::Node& node) {
  if (!node || !node.IsMap()) throw SigmaError("no logsource");
  return {Text(node["product"]), Text(node["category"]), Text(node["service"])};
}

// The detection's identifiers and condition(s) over every branch of the logsource. `skip` names
// keys of `detection` that are not search identifiers (a filter's `rules`).
CompiledDetection CompileDetection(const YAML::Node& detection, const sigma::Logsource& logsource,
                                   const SigmaOptions& options, Placeholders& placeholders,
                                   std::string_view skip = {}) {
  if (!detection || !detection.IsMap()) throw SigmaError("no detection");
  YAML::Node condition = detection["condition"];
  std::vector<std::string> conditions = TextList(condition);
  if (conditions.empty()) throw SigmaError("detection has no condition");
  sigma::LogsourceTarget target = sigma::MapLogsource(logsource, options.target);
  std::vector<std::string> branches;
  for (const sigma::LogsourceBranch& branch : target.branches) {
    sigma::DetectionContext context{branch.fields, target.keyword_text,
                                    [&](const std::string& name) { return placeholders.Values(name); }};
    std::vector<std::pair<std::string, std::string>> identifiers;
    for (const auto& item : detection) {
      std::string name = item.first.Scalar();
      if (name == "condition" || name == "timeframe" || name == skip) continue;
      try {
        identifiers.emplace_back(name, sigma::CompileSearch(item.second, context));
      } catch (const SigmaError& e) {
        throw SigmaError(fmt::format("{}: {}", name, e.what()));
      }
    }
    std::vector<std::string> compiled;
    for (const std::string& c : conditions) compiled.push_back(sigma::CompileCondition(c, identifiers));
    std::string expr =
        compiled.size() == 1 ? compiled.front() : "(" + fmt::format("{}", fmt::join(compiled, " or ")) + ")";
    branches.push_back(branch.predicate.empty() ? expr : fmt::format("({} and {})", branch.predicate, expr));
  }
  // Parenthesized, so callers can combine it with other conditions as it is.
  std::string predicate =
      branches.size() == 1 ? branches.front() : fmt::format("({})", fmt::join(branches, "\n   or "));
  return {target.table, predicate};
}

void ReadMitre(SigmaRule& rule) {
  for (const std::string& tag : rule.tags) {
    if (!tag.starts_with("attack.")) continue;
    std::string name = tag.substr(7);
    if (name.size() > 1 && (name[0] == 't' || name[0] == 'T') &&
        std::isdigit(static_cast<unsigned char>(name[1]))) {
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
      rule.mitre_techniques.push_back(name);
    } else if (std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::isdigit(c); })) {
      rule.mitre_tactics.push_back(name);
    }
  }
}

// A thread with the stack of a main thread: preparing a rule recurses once per term of its longest
// `or` chain, SigmaHQ has chains of hundreds of terms, and a thread's default stack (or a sanitizer
// build's larger frames) does not always hold them. Join() rethrows what the work threw.
class DeepStackThread {
 public:
  explicit DeepStackThread(std::function<void()> work) : work_(std::move(work)) {
    constexpr size_t kStackBytes = size_t{64} << 20;  // reserved, not committed: pages fault in as used
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, kStackBytes);
    int error = pthread_create(&thread_, &attributes, &DeepStackThread::Run, this);
    pthread_attr_destroy(&attributes);
    if (error != 0) throw std::system_error(error, std::generic_category(), "cannot start a thread");
  }
  DeepStackThread(const DeepStackThread&) = delete;
  DeepStackThread& operator=(const DeepStackThread&) = delete;
  ~DeepStackThread() {
    if (!joined_) pthread_join(thread_, nullptr);
  }
  void Join() {
    pthread_join(thread_, nullptr);
    joined_ = true;
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  static void* Run(void* self) {
    auto* thread = static_cast<DeepStackThread*>(self);
    try {
      thread->work_();
    } catch (...) {
      thread->failure_ = std::current_exception();
    }
    return nullptr;
  }

  std::function<void()> work_;
  pthread_t thread_{};
  bool joined_ = false;
  std::exception_ptr failure_;
};

// A rule file to load, or a path that gave none (`problem` says why).
struct RuleSource {
  std::string path;
  std::string problem;
};

// The files `path` names (a file, or a directory's *.yml and *.yaml, recursively, in sorted order).
void AddRuleSources(const std::string& path, std::vector<RuleSource>& sources) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    sources.push_back({path, "no such file or directory"});
  } else if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".yml" || ext == ".yaml")) files.push_back(it->path().string());
    }
    if (ec) sources.push_back({path, fmt::format("cannot list the directory: {}", ec.message())});
    std::sort(files.begin(), files.end());
    for (std::string& file : files) sources.push_back({std::move(file), ""});
  } else {
    sources.push_back({path, ""});
  }
}

class Loader {
 public:
  explicit Loader(const SigmaOptions& options) : options_(options), placeholders_(options.placeholder_dir) {}

  void LoadText(std::string_view yaml, const std::string& origin) {
    std::vector<YAML::Node> documents;
    try {
      documents = YAML::LoadAll(std::string(yaml));
    } catch (const YAML::Exception& e) {
      result_.failures.push_back({origin, fmt::format("YAML error at line {}, column {}: {}", e.mark.line + 1,
                                                      e.mark.column + 1, e.msg)});
      return;
    }
    size_t real_documents = 0;
    for (const YAML::Node& doc : documents) real_documents += doc && !doc.IsNull();
    size_t index = 0;
    for (const YAML::Node& doc : documents) {
      if (!doc || doc.IsNull()) continue;
      ++index;
      std::string where = real_documents > 1 ? fmt::format("{} (document {})", origin, index) : origin;
      try {
        LoadDocument(doc, where, origin);
      } catch (const SigmaError& e) {
        result_.failures.push_back({where, e.what()});
      } catch (const YAML::Exception& e) {
        result_.failures.push_back({where, fmt::format("unexpected YAML structure: {}", e.msg)});
      }
    }
  }

  void Load(const RuleSource& source) {
    if (source.problem.empty()) {
      LoadFile(source.path);
    } else {
      result_.failures.push_back({source.path, source.problem});
    }
  }

  SigmaLoadResult Take() { return std::move(result_); }

 private:
  void LoadFile(const std::string& path) {
    std::optional<std::string> text = ReadFileText(path);
    if (!text) {
      result_.failures.push_back({path, "cannot read the file"});
      return;
    }
    LoadText(*text, path);
  }

  void LoadDocument(const YAML::Node& doc, const std::string& where, const std::string& origin) {
    if (!doc.IsMap()) throw SigmaError("not a Sigma rule: the document is not a map");
    if (doc["correlation"]) {
      throw SigmaError(
          fmt::format("correlation rules (type '{}') are not supported", Text(doc["correlation"]["type"])));
    }
    if (doc["action"]) {
      throw SigmaError(
          fmt::format("rule collections (action: {}, Sigma v1) are not supported", Text(doc["action"])));
    }
    if (doc["filter"]) {
      LoadFilter(doc, where, origin);
      return;
    }
    SigmaRule rule;
    rule.path = where;
    rule.title = Text(doc["title"]);
    if (rule.title.empty()) throw SigmaError("no title");
    rule.id = Text(doc["id"]);
    rule.name = Text(doc["name"]);
    rule.status = Text(doc["status"]);
    rule.level = Text(doc["level"]);
    rule.description = Text(doc["description"]);
    rule.author = Text(doc["author"]);
    rule.date = Text(doc["date"]);
    rule.tags = TextList(doc["tags"]);
    rule.falsepositives = TextList(doc["falsepositives"]);
    rule.references = TextList(doc["references"]);
    rule.fields = TextList(doc["fields"]);
    ReadMitre(rule);
    rule.logsource = ReadLogsource(doc["logsource"]);
    CompiledDetection compiled = CompileDetection(doc["detection"], rule.logsource, options_, placeholders_);
    rule.tables = {compiled.table};
    rule.kql = fmt::format("{}\n| where {}", compiled.table, compiled.predicate);
    validation_.Check(compiled.table, rule.kql);
    result_.rules.push_back(std::move(rule));
  }

  // The filter's condition compiles over its logsource like a rule's detection; the rules it
  // names are matched by id or name when hunts apply it (pySigma's sigma/filters.py: `rules` is a
  // rule reference, a list of them, or `any`/`all`).
  void LoadFilter(const YAML::Node& doc, const std::string& where, const std::string& file) {
    SigmaFilter filter;
    filter.path = where;
    filter.file = file;
    filter.id = Text(doc["id"]);
    filter.title = Text(doc["title"]);
    filter.description = Text(doc["description"]);
    if (filter.title.empty()) throw SigmaError("no title");
    YAML::Node body = doc["filter"];
    if (!body.IsMap()) throw SigmaError("filter is not a map");
    for (const auto& entry : doc) {
      if (entry.first.Scalar() == "filter") filter.line = entry.first.Mark().line + 1;
    }
    YAML::Node rules = body["rules"];
    if (!rules) throw SigmaError("filter has no 'rules' (rule ids or names, or 'any')");
    std::string scope = Text(rules);
    if (scope != "any" && scope != "all") {
      filter.rules = TextList(rules);
      if (filter.rules.empty())
        throw SigmaError("filter 'rules' is neither 'any' nor a list of rule ids or names");
    }
    if (!body["condition"] || !body["condition"].IsScalar()) {
      throw SigmaError("a filter has exactly one condition, a string");
    }
    filter.logsource = ReadLogsource(doc["logsource"]);
    CompiledDetection compiled = CompileDetection(body, filter.logsource, options_, placeholders_, "rules");
    filter.tables = {compiled.table};
    filter.condition = compiled.predicate;
    validation_.Check(compiled.table, fmt::format("{}\n| where {}", compiled.table, compiled.predicate));
    result_.filters.push_back(std::move(filter));
  }

  SigmaOptions options_;
  Placeholders placeholders_;
  ValidationCatalog validation_;
  SigmaLoadResult result_;
};

}  // namespace

SigmaLoadResult LoadSigmaRules(const std::vector<std::string>& paths, const SigmaOptions& options) {
  std::vector<RuleSource> sources;
  for (const std::string& path : paths) AddRuleSources(path, sources);
  // Parsing YAML and preparing each rule's query is most of a large rule set's start-up (1,183
  // rules: ~0.4 s of CPU), so the files are shared among the cores, a contiguous run each, and the
  // runs' results joined in file order: the result is the one a single loader would give.
  constexpr size_t kFilesPerThread = 64;
  size_t threads = std::clamp<size_t>(sources.size() / kFilesPerThread, 1, static_cast<size_t>(CoreCount()));
  std::vector<SigmaLoadResult> parts(threads);
  auto load_run = [&](size_t t) {
    Loader loader(options);
    for (size_t i = sources.size() * t / threads; i < sources.size() * (t + 1) / threads; ++i)
      loader.Load(sources[i]);
    parts[t] = loader.Take();
  };
  std::vector<std::unique_ptr<DeepStackThread>> runs;
  for (size_t t = 1; t < threads; ++t)
    runs.push_back(std::make_unique<DeepStackThread>([&, t] { load_run(t); }));
  load_run(0);
  for (auto& run : runs) run->Join();
  SigmaLoadResult all;
  for (SigmaLoadResult& part : parts) {
    std::move(part.rules.begin(), part.rules.end(), std::back_inserter(all.rules));
    std::move(part.filters.begin(), part.filters.end(), std::back_inserter(all.filters));
    std::move(part.failures.begin(), part.failures.end(), std::back_inserter(all.failures));
  }
  return all;
}

SigmaLoadResult LoadSigmaText(std::string_view yaml, std::string_view origin, const SigmaOptions& options) {
  Loader loader(options);
  loader.LoadText(yaml, std::string(origin));
  return loader.Take();
}

}  // namespace iochound
