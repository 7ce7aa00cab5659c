#include "cli/hunt_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "intel/ioc_hunt.h"
#include "normalizers/file_table.h"
#include "sinks/result_writer.h"
#include "types/type.h"

namespace iochound {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitDataErrors = 1;

struct BoundTable {
  std::string name;
  std::shared_ptr<TableSource> table;
};

// An INPUT without a table name is DnsEvents when its records have DnsEvents' query columns, else
// a table named `input` hunted by its column names alone.
BoundTable BindInput(const std::string& path, DataErrors& errors) {
  auto probe = MakeFileTable("input", path, errors);
  const Schema& schema = probe->schema();
  if (FindField(schema, "Name") >= 0 && FindField(schema, "QueryType") >= 0) {
    return {"DnsEvents", MakeFileTable("DnsEvents", path, errors)};
  }
  return {"input", std::move(probe)};
}

}  // namespace

std::unique_ptr<HuntCommand> RegisterHuntCommand(CLI::App& app) {
  auto command = std::make_unique<HuntCommand>();
  command->hunt_ = app.add_subcommand("hunt", "Match every loaded IOC against telemetry, with no query");
  command->feeds_.AddTo(*command->hunt_, true);
  command->hunt_
      ->add_option("--table", command->tables_, "NAME=PATH: bind a file, directory or glob to a table")
      ->type_name("NAME=PATH");
  command->hunt_->add_option("INPUT", command->inputs_,
                             "telemetry files: DnsEvents when their fields say so");
  command->hunt_->add_option("--match", command->match_, "domain matching: subdomain (default), exact or has")
      ->check(CLI::IsMember({"subdomain", "exact", "has"}));
  command->hunt_
      ->add_option("--format", command->format_,
                   "jsonl, csv or table (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}));
  command->hunt_->add_option("-o,--output", command->output_, "write alerts to FILE instead of stdout");
  return command;
}

int HuntCommand::Run() const {
  if (tables_.empty() && inputs_.empty()) {
    throw std::invalid_argument("hunt: give telemetry as INPUT files or --table NAME=PATH");
  }
  DataErrors errors;
  std::vector<BoundTable> tables;
  for (const auto& binding : tables_) {
    size_t eq = binding.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == binding.size()) {
      throw std::invalid_argument(fmt::format("--table expects NAME=PATH, got '{}'", binding));
    }
    std::string name = binding.substr(0, eq);
    tables.push_back({name, MakeFileTable(name, binding.substr(eq + 1), errors)});
  }
  for (const auto& input : inputs_) tables.push_back(BindInput(input, errors));

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
  for (const auto& [name, table] : tables) {
    if (!HuntTable(name, *table, matcher, lists, *writer, stats)) {
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
