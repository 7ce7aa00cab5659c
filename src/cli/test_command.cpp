#include "cli/test_command.h"

#include <fmt/format.h>

#include "packs/pack_loader.h"
#include "packs/pack_test_runner.h"

namespace iochound {

std::unique_ptr<TestCommand> RegisterTestCommand(CLI::App& app) {
  auto command = std::make_unique<TestCommand>();
  command->test_ = app.add_subcommand("test", "Run detection packs' tests: fixtures in, expected alerts out");
  command->test_->add_option("PACK", command->packs_, "pack directories or pack YAML files")->required();
  return command;
}

int TestCommand::Run() const {
  size_t passed = 0, failed = 0;
  bool load_errors = false;
  for (const auto& path : packs_) {
    packs::PackLoad load = packs::LoadPack(path);
    for (const auto& error : load.errors) fmt::print(stderr, "iochound test: {}\n", error);
    if (!load.pack) {
      load_errors = true;
      continue;
    }
    if (load.pack->tests.empty())
      fmt::print(stderr, "iochound test: warning: pack {} has no tests\n", load.pack->id);
    for (const auto& outcome : packs::RunPackTests(*load.pack)) {
      fmt::print("{} {}: {} alerts, {} suppressed\n", outcome.passed ? "PASS" : "FAIL", outcome.name,
                 outcome.alerts, outcome.suppressed);
      for (const auto& problem : outcome.problems) fmt::print("    {}\n", problem);
      (outcome.passed ? passed : failed)++;
    }
  }
  fmt::print("{} tests: {} passed, {} failed\n", passed + failed, passed, failed);
  if (load_errors) return 2;
  return failed > 0 ? 1 : 0;
}

}  // namespace iochound
