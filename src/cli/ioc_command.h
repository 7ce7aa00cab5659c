// `iochound ioc stats|list|export FEED...`: threat-intel feeds loaded, normalized and merged
// (src/intel/), then counted, listed or turned into hunts. See docs/feeds.md.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace iochound {

class IocCommand {
 public:
  // Whether `iochound ioc ...` was given.
  bool Parsed() const { return ioc_->parsed(); }
  // Runs the parsed subcommand. Returns the exit code (0 ok, 1 data errors); throws
  // std::invalid_argument for usage errors, as main() expects.
  int Run() const;

 private:
  friend std::unique_ptr<IocCommand> RegisterIocCommand(CLI::App& app);
  void AddCommonOptions(CLI::App& command);

  CLI::App* ioc_ = nullptr;
  CLI::App* stats_ = nullptr;
  CLI::App* list_ = nullptr;
  CLI::App* export_ = nullptr;
  std::vector<std::string> feeds_;
  std::string fields_;
  std::string mapping_;
  bool misp_all_ = false;
  std::string family_;
  int min_confidence_ = -1;
  std::string since_;
  std::string format_;
  std::string to_;
  std::string output_;
};

// Adds the `ioc` subcommand and its own subcommands to `app`. The returned object receives the
// parsed options, so it must outlive app.parse().
std::unique_ptr<IocCommand> RegisterIocCommand(CLI::App& app);

}  // namespace iochound
