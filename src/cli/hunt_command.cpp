#include "cli/hunt_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "cli/hunt_inputs.h"
#include "cli/pack_hunt.h"
#include "common/cores.h"
#include "common/memory_limit.h"
#include "intel/ioc_hunt.h"
#include "sinks/result_writer.h"
#include "types/type.h"

namespace iochound {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitDataErrors = 1;
constexpr int kExitUsage = 2;

}  // namespace

std::unique_ptr<HuntCommand> RegisterHuntCommand(CLI::App& app) {
  auto command = std::make_unique<HuntCommand>();
  command->hunt_ = app.add_subcommand(
      "hunt", "Run detection packs and Sigma rules over telemetry, or match every loaded IOC with no query");
  command->feeds_.AddTo(*command->hunt_, false);
  command->packs_.AddTo(*command->hunt_);
  command->hunt_
      ->add_option("--table", command->tables_, "NAME=PATH: bind a file, directory or glob to a table")
      ->type_name("NAME=PATH")
      ->allow_extra_args(false);
  command->hunt_->add_option("INPUT", command->inputs_,
                             "telemetry files: DnsEvents when their fields say so");
  command->hunt_->add_option("--match", command->match_, "domain matching: subdomain (default), exact or has")
      ->check(CLI::IsMember({"subdomain", "exact", "has"}));
  command->hunt_
      ->add_option(
          "--format", command->format_,
          "table, jsonl, csv, or ocsf with --pack/--sigma (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "table", "ocsf"}));
  command->hunt_->add_option("-o,--output", command->output_, "write alerts to FILE instead of stdout");
  command->hunt_->add_flag(
      "--no-prefilter", command->scan_.no_prefilter,
      "decode every record, not only those whose bytes may hold an IOC or a rule's literal");
  command->hunt_
      ->add_option("--threads", command->scan_.threads,
                   "threads to decode and filter on (default: one per core); results do not depend on it")
      ->check(CLI::NonNegativeNumber)
      ->type_name("N");
  command->memory_.AddTo(*command->hunt_);
  return command;
}

int HuntCommand::Run() const {
  if (tables_.empty() && inputs_.empty()) {
    throw std::invalid_argument("hunt: give telemetry as INPUT files or --table NAME=PATH");
  }
  MemoryLimit memory_limit(memory_.MaxMemoryBytes(), kExitUsage);
  HuntScanOptions scan = scan_;
  scan.sort_memory = memory_.SortMemoryBytes();
  if (packs_.Given()) return RunPackHunt(packs_, feeds_, tables_, inputs_, scan, format_, output_);
  if (feeds_.feeds.empty()) throw std::invalid_argument("hunt: give --pack PATH, --sigma DIR or --iocs FEED");
  if (format_ == "ocsf") throw std::invalid_argument("hunt: --format ocsf is for --pack and --sigma alerts");
  DataErrors errors;
  std::vector<BoundTable> tables = BindHuntTables(tables_, inputs_, errors);

  IocSet iocs = feeds_.Load(errors);
  IocMatcher matcher(iocs, *ParseDomainMatch(match_));

  std::FILE* out = stdout;
  if (!output_.empty()) {
    out = std::fopen(output_.c_str(), "wb");
    if (out == nullptr) throw std::invalid_argument(fmt::format("cannot write '{}'", output_));
  }
  std::string format = format_;
  if (format.empty()) format = (output_.empty() && isatty(STDOUT_FILENO)) ? "table" : "jsonl";
  // JSON keeps lists as arrays; CSV and the terminal table get them `;`-joined.
  IocListColumns lists = format == "jsonl" ? IocListColumns::kDynamic : IocListColumns::kJoined;
  auto writer = MakeResultWriter(format, out);
  writer->Begin(AlertSchema(lists));
  HuntStats stats;
  auto start = std::chrono::steady_clock::now();
  const int threads = scan_.threads > 0 ? scan_.threads : CoreCount();
  const ScanHints hints = HuntScanHints(matcher, !scan_.no_prefilter, threads);
  for (const auto& [name, path, table] : tables) {
    if (!HuntTable(name, *table, matcher, lists, hints, *writer, stats)) {
      fmt::print(stderr, "iochound hunt: table {} has no column an IOC can occur in; skipped\n", name);
    }
  }
  writer->End();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out != stdout && std::fclose(out) != 0)
    throw std::runtime_error(fmt::format("error writing '{}'", output_));

  std::string by_type;
  for (const auto& [type, count] : stats.alerts_by_ioc_type) by_type += fmt::format(", {} {}", count, type);
  fmt::print(stderr, "iochound hunt: {} IOCs, {} rows scanned in {:.3f} s ({:.0f} rows/s), {} alerts{}\n",
             iocs.size(), stats.rows, seconds, seconds > 0 ? stats.rows / seconds : 0.0, stats.alerts,
             by_type);
  if (errors.count() > 0) {
    fmt::print(stderr, "iochound: {}\n", errors.Summary());
    return kExitDataErrors;
  }
  return kExitOk;
}

}  // namespace iochound
