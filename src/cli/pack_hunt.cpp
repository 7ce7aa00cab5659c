#include "cli/pack_hunt.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>

#include "cli/hunt_inputs.h"
#include "normalizers/routing/telemetry_set.h"
#include "packs/exclusion_loader.h"
#include "packs/pack_loader.h"
#include "packs/pack_runner.h"
#include "packs/sigma_rules.h"
#include "sinks/alert_store.h"
#include "sinks/alert_writer.h"

namespace iochound {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitDataErrors = 1;
constexpr int kExitUsage = 2;

int64_t NowTicks() {
  // Ticks are 100 ns since the Unix epoch (types/datetime.h).
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100;
}

// Each rule a Sigma filter names must be a loaded Sigma rule of a logsource the filter covers.
template <typename Warn>
void WarnSigmaFilterReach(const packs::Exclusion& exclusion, const std::vector<packs::Pack>& packs,
                          const Warn& warn) {
  const SigmaFilter& filter = *exclusion.sigma_filter;
  std::vector<std::string> references = filter.rules;
  if (references.empty()) references.push_back("any");
  for (const auto& reference : references) {
    std::string why =
        fmt::format("Sigma filter '{}' names rule '{}', which is not loaded", exclusion.id, reference);
    bool applies = false;
    for (const auto& pack : packs) {
      for (const auto& rule : pack.rules) {
        if (reference != "any" && reference != rule.id && reference != rule.sigma_name) continue;
        switch (packs::SigmaFilterReach(filter, rule)) {
          case packs::FilterReach::kApplies:
            applies = true;
            break;
          case packs::FilterReach::kNotSigma:
            why = fmt::format("Sigma filter '{}' names rule '{}', which is not a Sigma rule; not applied",
                              exclusion.id, rule.id);
            break;
          case packs::FilterReach::kOtherLogsource:
            if (reference == "any") break;
            why = fmt::format(
                "Sigma filter '{}' names rule '{}', whose logsource ({}) its logsource ({}) "
                "does not cover; not applied",
                exclusion.id, rule.id, rule.sigma_logsource->Describe(), filter.logsource.Describe());
            break;
          case packs::FilterReach::kNotNamed:
            break;
        }
      }
    }
    if (reference == "any" && !applies) {
      why = fmt::format("Sigma filter '{}' (rules: any) applies to no loaded rule of logsource {}",
                        exclusion.id, filter.logsource.Describe());
    }
    if (!applies) warn(exclusion, why);
  }
}

// Local exclusions keyed by a rule no loaded pack defines are worth a warning: a typo there would
// otherwise silently suppress nothing. So is a Sigma filter naming a rule it cannot apply to.
void WarnUnknownRules(const std::vector<packs::Exclusion>& local, const std::vector<packs::Pack>& packs) {
  auto warn = [](const packs::Exclusion& exclusion, const std::string& message) {
    fmt::print(stderr, "iochound hunt: warning: {}\n", exclusion.mark.Format(message));
  };
  std::set<std::string> ids;
  for (const auto& pack : packs) {
    for (const auto& rule : pack.rules) ids.insert(rule.id);
  }
  for (const auto& exclusion : local) {
    if (exclusion.sigma_filter) {
      WarnSigmaFilterReach(exclusion, packs, warn);
      continue;
    }
    for (const auto& rule : exclusion.rules) {
      if (rule != "*" && !ids.count(rule)) {
        warn(exclusion,
             fmt::format("exclusion '{}' names rule '{}', which no loaded pack defines", exclusion.id, rule));
      }
    }
  }
}

void PrintSummary(const packs::PackHunt& hunt, size_t rule_count, double seconds) {
  const packs::HuntStats& stats = hunt.stats();
  uint64_t hits = 0, alerts = 0, suppressed = 0;
  for (const auto& [id, rule] : stats.rules) {
    hits += rule.hits;
    alerts += rule.alerts;
    suppressed += rule.suppressed;
  }
  fmt::print(stderr, "iochound hunt: {} rules run, {} skipped, {:.3f} s: {} hits, {} alerts, {} suppressed\n",
             stats.rules.size(), rule_count - stats.rules.size(), seconds, hits, alerts, suppressed);
  for (const auto& [id, rule] : stats.rules) {
    fmt::print(stderr, "  rule {}: {} hits, {} alerts, {} suppressed\n", id, rule.hits, rule.alerts,
               rule.suppressed);
  }
  std::vector<std::pair<const packs::Exclusion*, uint64_t>> exclusions(stats.exclusions.begin(),
                                                                       stats.exclusions.end());
  std::sort(exclusions.begin(), exclusions.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first->mark.file, a.first->mark.line) <
           std::tie(b.first->mark.file, b.first->mark.line);
  });
  for (const auto& [exclusion, count] : exclusions) {
    fmt::print(stderr, "  exclusion {} ({}:{}): {} suppressed\n", exclusion->id, exclusion->mark.file,
               exclusion->mark.line, count);
  }
  for (const auto& skipped : stats.skipped) fmt::print(stderr, "  skipped {}\n", skipped);
}

}  // namespace

void PackHuntOptions::AddTo(CLI::App& hunt) {
  hunt.add_option("--pack", packs,
                  "detection pack: a directory with pack.yaml, or a pack YAML file (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false);
  hunt.add_option("--sigma", sigma, "directory or file of Sigma rules to run (repeatable)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  hunt.add_option("--exclusions", exclusions, "local exclusions file, keyed by rule id or table (repeatable)")
      ->type_name("FILE")
      ->allow_extra_args(false);
  hunt.add_flag("--show-suppressed", show_suppressed,
                "also output hits an exclusion suppressed, with suppressed_by");
  hunt.add_option("--alerts-db", alerts_db, "keep alerts in this SQLite file, one row per distinct alert")
      ->type_name("FILE");
}

int RunPackHunt(const PackHuntOptions& options, const IocFeedOptions& feeds,
                const std::vector<std::string>& tables, const std::vector<std::string>& inputs,
                const HuntScanOptions& scan, const std::string& format, const std::string& output) {
  std::vector<std::string> problems;
  std::vector<packs::Pack> loaded;
  std::vector<packs::Exclusion> sigma_filters;  // from --sigma: they apply after the local files'
  for (const auto& path : options.packs) {
    packs::PackLoad load = packs::LoadPack(path);
    problems.insert(problems.end(), load.errors.begin(), load.errors.end());
    if (load.pack) loaded.push_back(std::move(*load.pack));
  }
  if (!options.sigma.empty()) {
    // Rules that do not load are reported and counted, never skipped silently; the rest run.
    SigmaLoadResult sigma = LoadSigmaRules(options.sigma);
    for (const auto& failure : sigma.failures) {
      fmt::print(stderr, "iochound hunt: Sigma rule not loaded: {}: {}\n", failure.path, failure.reason);
    }
    fmt::print(stderr, "iochound hunt: Sigma: {} rules and {} filters loaded, {} not loaded\n",
               sigma.rules.size(), sigma.filters.size(), sigma.failures.size());
    if (!sigma.rules.empty()) loaded.push_back(packs::SigmaPack(sigma));
    for (const auto& filter : sigma.filters) sigma_filters.push_back(packs::SigmaFilterExclusion(filter));
  }
  std::vector<packs::Exclusion> local;
  for (const auto& path : options.exclusions) {
    auto file = packs::LoadExclusionsFile(path, problems);
    local.insert(local.end(), std::make_move_iterator(file.begin()), std::make_move_iterator(file.end()));
  }
  local.insert(local.end(), std::make_move_iterator(sigma_filters.begin()),
               std::make_move_iterator(sigma_filters.end()));
  if (!problems.empty()) {
    for (const auto& problem : problems) fmt::print(stderr, "iochound hunt: {}\n", problem);
    fmt::print(stderr, "iochound hunt: {} problems in packs or exclusions; nothing was run\n",
               problems.size());
    return kExitUsage;
  }
  WarnUnknownRules(local, loaded);

  DataErrors errors;
  Catalog catalog;
  packs::HuntData data;
  data.catalog = &catalog;
  // One now() for every rule of the hunt, as if they ran at the same instant (and so that rules
  // sharing a scan can share what they compute from it).
  data.options.now_ticks = NowTicks();
  data.options.prefilter = !scan.no_prefilter;
  data.options.threads = scan.threads;
  data.options.sort_memory = scan.sort_memory;
  for (auto& bound : BindHuntTables(tables, {}, errors)) {
    data.inputs[bound.name].push_back(bound.path);
    catalog.Register(bound.name, std::move(bound.table));
  }
  // INPUTs are decoded by their detected format and routed to every table they feed; a --table
  // binding of the same name wins.
  std::optional<TelemetrySet> telemetry;
  if (!inputs.empty()) {
    telemetry.emplace(inputs, "", errors);
    telemetry->RegisterTables(catalog);
    for (const auto& name : catalog.Names()) {
      if (!data.inputs.count(name)) data.inputs[name] = inputs;
    }
  }
  IocSet feed_iocs;
  if (!feeds.feeds.empty()) {
    feed_iocs = feeds.Load(errors);
    RegisterThreatIntelTable(feeds, catalog, errors);
    data.feeds = &feed_iocs;
  }

  std::vector<const packs::Pack*> pointers;
  size_t rule_count = 0;
  for (const auto& pack : loaded) {
    pointers.push_back(&pack);
    rule_count += pack.rules.size();
  }
  packs::PackHunt hunt(pointers, local, data);
  if (!hunt.errors().empty()) {
    for (const auto& error : hunt.errors()) fmt::print(stderr, "iochound hunt: {}\n", error);
    return kExitUsage;
  }

  std::FILE* out = stdout;
  if (!output.empty()) {
    out = std::fopen(output.c_str(), "wb");
    if (out == nullptr) throw std::invalid_argument(fmt::format("cannot write '{}'", output));
  }
  std::string chosen = format;
  if (chosen.empty()) chosen = (output.empty() && isatty(STDOUT_FILENO)) ? "table" : "jsonl";
  auto writer = MakeAlertWriter(chosen, out);
  std::unique_ptr<AlertStore> store;
  if (!options.alerts_db.empty()) store = std::make_unique<AlertStore>(options.alerts_db);
  int64_t seen = NowTicks();
  uint64_t stored_new = 0, stored_again = 0;

  auto start = std::chrono::steady_clock::now();
  try {
    hunt.Run([&](const packs::Alert& alert) {
      if (alert.suppressed_by == nullptr || options.show_suppressed) writer->Write(alert);
      if (store) (store->Record(alert, seen) ? stored_new : stored_again)++;
    });
  } catch (const QueryError& error) {
    fmt::print(stderr, "iochound hunt: a rule's query failed: {}\n", error.what());
    return kExitUsage;
  }
  writer->End();
  if (store) store->Commit();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out != stdout && std::fclose(out) != 0)
    throw std::runtime_error(fmt::format("error writing '{}'", output));

  PrintSummary(hunt, rule_count, seconds);
  if (store) {
    fmt::print(stderr, "  alerts-db {}: {} new, {} seen before\n", options.alerts_db, stored_new,
               stored_again);
  }
  if (errors.count() > 0) {
    fmt::print(stderr, "iochound: {}\n", errors.Summary());
    return kExitDataErrors;
  }
  return kExitOk;
}

}  // namespace iochound
