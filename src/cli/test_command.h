// `iochound test PACK...`: runs each pack's tests (fixtures in, expected alerts out) and reports
// PASS/FAIL per test; exit 0 when all pass, 1 when any fails, 2 when a pack does not load.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace iochound {

class TestCommand {
 public:
  bool Parsed() const { return test_->parsed(); }
  int Run() const;

 private:
  friend std::unique_ptr<TestCommand> RegisterTestCommand(CLI::App& app);

  CLI::App* test_ = nullptr;
  std::vector<std::string> packs_;
};

// Adds the `test` subcommand to `app`; the returned object must outlive app.parse().
std::unique_ptr<TestCommand> RegisterTestCommand(CLI::App& app);

}  // namespace iochound
