// `iochound hunt --pack PATH... [--sigma DIR...] [--exclusions FILE...] [--show-suppressed]
// [--alerts-db FILE] (--table NAME=PATH | INPUT)...`: detection packs over telemetry, alerts out,
// and a summary of hits and suppressions per rule and per exclusion on stderr. docs/packs.md.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/hunt_inputs.h"
#include "cli/ioc_feed_options.h"

namespace iochound {

struct PackHuntOptions {
  std::vector<std::string> packs;
  std::vector<std::string> sigma;
  std::vector<std::string> exclusions;
  bool show_suppressed = false;
  std::string alerts_db;

  void AddTo(CLI::App& hunt);
  bool Given() const { return !packs.empty() || !sigma.empty(); }
};

// Returns the exit code: 0 ok, 1 data errors, 2 pack or query errors (all listed on stderr).
// Throws std::invalid_argument for usage errors.
int RunPackHunt(const PackHuntOptions& options, const IocFeedOptions& feeds,
                const std::vector<std::string>& tables, const std::vector<std::string>& inputs,
                const HuntScanOptions& scan, const std::string& format, const std::string& output);

}  // namespace iochound
