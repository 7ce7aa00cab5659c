// Running packs over a catalog: every rule's query prepared (with the exclusions that apply to it
// bound to its result columns) before any runs, then each result row becomes an alert, suppressed
// when an exclusion matches it. Suppressed alerts are kept and counted, never dropped.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "packs/alert.h"

namespace iochound::packs {

struct RuleStats {
  uint64_t hits = 0;
  uint64_t alerts = 0;
  uint64_t suppressed = 0;
};

struct HuntStats {
  std::map<std::string, RuleStats> rules;           // by rule id, every rule that ran
  std::map<const Exclusion*, uint64_t> exclusions;  // suppressions by exclusion, every exclusion in use
  std::vector<std::string> skipped;                 // rules that could not run, with why
};

// What the packs run over.
struct HuntData {
  const Catalog* catalog = nullptr;
  std::map<std::string, std::vector<std::string>> inputs;  // table -> the inputs bound to it
  QueryOptions options;
  const IocSet* feeds = nullptr;  // IOCs from --iocs, matched with each pack's own
};

class PackHunt {
 public:
  // Prepares every rule of `packs` (which must outlive this) against `data`. `local` exclusions
  // (from --exclusions files) apply by rule id or table alongside each pack's own. Problems that
  // make a rule or exclusion wrong (a query that does not bind, an exclusion naming a column the
  // results lack) are in errors(); rules whose tables have no input are skipped and listed in stats.
  PackHunt(const std::vector<const Pack*>& packs, const std::vector<Exclusion>& local, const HuntData& data);
  ~PackHunt();

  const std::vector<std::string>& errors() const { return errors_; }
  // Runs every prepared rule, calling `emit` for each alert (suppressed or not). Rules that read a
  // table through filters and projections only share one decode of it (ExecuteSharingScans): their
  // alerts come in input order, rules in load order within each batch of input; other rules' follow,
  // rule by rule. Throws QueryError when a query fails while running.
  void Run(const std::function<void(const Alert&)>& emit);
  const HuntStats& stats() const { return stats_; }

 private:
  struct PreparedRule;
  // Compiles the rule's query, with a column for each Sigma filter in `applicable`, and binds those
  // filters; false after reporting when the rule does not compile or the filters do not bind to
  // its results.
  bool PrepareQuery(PreparedRule& prepared, const std::vector<const Exclusion*>& applicable);
  std::vector<std::unique_ptr<PreparedRule>> rules_;
  std::vector<std::string> errors_;
  HuntStats stats_;
  const HuntData& data_;
};

}  // namespace iochound::packs
