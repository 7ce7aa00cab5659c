// `iochound hunt`: with --pack/--sigma, detection rules over telemetry emitting alerts (pack_hunt.h,
// docs/packs.md); with only --iocs FEED, every loaded IOC matched against every column where it can
// occur, no query needed (src/intel/ioc_hunt.h, docs/feeds.md).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "cli/hunt_inputs.h"
#include "cli/ioc_feed_options.h"
#include "cli/memory_options.h"
#include "cli/pack_hunt.h"

namespace iochound {

class HuntCommand {
 public:
  bool Parsed() const { return hunt_->parsed(); }
  // Returns the exit code (0 ok, 1 data errors); throws std::invalid_argument for usage errors.
  int Run() const;

 private:
  friend std::unique_ptr<HuntCommand> RegisterHuntCommand(CLI::App& app);

  CLI::App* hunt_ = nullptr;
  IocFeedOptions feeds_;
  PackHuntOptions packs_;
  std::vector<std::string> tables_;
  std::vector<std::string> inputs_;
  std::string match_ = "subdomain";
  std::string format_;
  std::string output_;
  MemoryOptions memory_;
  HuntScanOptions scan_;
};

// Adds the `hunt` subcommand to `app`; the returned object must outlive app.parse().
std::unique_ptr<HuntCommand> RegisterHuntCommand(CLI::App& app);

}  // namespace iochound
