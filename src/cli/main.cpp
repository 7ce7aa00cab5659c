// iochound's command line. Exit codes (docs/usage.md): 0 success, 1 data errors (the readable rows
// were still output), 2 usage or query errors (and runs stopped by --max-memory), 3 internal errors
// (a bug: please report it).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/hunt_command.h"
#include "cli/ioc_command.h"
#include "cli/ioc_feed_options.h"
#include "cli/memory_options.h"
#include "cli/schema_command.h"
#include "cli/test_command.h"
#include "common/diagnostics.h"
#include "common/file_text.h"
#include "common/memory_limit.h"
#include "engine/engine.h"
#include "normalizers/file_table.h"
#include "normalizers/routing/telemetry_set.h"
#include "sinks/result_writer.h"

#ifdef IOCHOUND_JEMALLOC
// jemalloc reads its options from this symbol at start-up (its documented alternative to the
// MALLOC_CONF environment variable). A hunt builds its plans from many small nodes (1,183 Sigma
// rules: ~150 MB; a 100,000-IOC list: one node and string each) in fresh memory, and on 4 KiB pages
// the page faults and glibc's malloc were ~30% of the run's CPU. Transparent huge pages for every
// mapping, jemalloc's own included, cut the Sigma workload's CPU by ~30% and the 100,000-IOC hunt's
// by ~35% (docs/performance.md), for a few MB more of resident memory.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif

namespace iochound {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitDataErrors = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 3;

struct QueryCommand {
  std::string query_text;
  std::string query_file;
  std::vector<std::string> tables;
  std::vector<std::string> inputs;
  std::string input_format;
  bool no_summary = false;
  std::string format;
  std::string output;
  std::string watchlists;
  std::vector<std::string> externaldata;
  bool explain = false;
  bool no_prefilter = false;
  int threads = 0;
  MemoryOptions memory;
  IocFeedOptions iocs;
};

std::string ReadFile(const std::string& path) {
  std::optional<std::string> text = ReadFileText(path);
  if (!text) throw std::invalid_argument(fmt::format("cannot read query file '{}'", path));
  return std::move(*text);
}

int RunQuery(const QueryCommand& command) {
  std::string text = command.query_file.empty() ? command.query_text : ReadFile(command.query_file);
  std::string origin = command.query_file.empty() ? "query" : command.query_file;
  MemoryLimit memory_limit(command.memory.MaxMemoryBytes(), kExitUsage);
  const uint64_t sort_memory = command.memory.SortMemoryBytes();

  DataErrors errors;
  Catalog catalog;
  for (const auto& binding : command.tables) {
    size_t eq = binding.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == binding.size()) {
      throw std::invalid_argument(fmt::format("--table expects NAME=PATH, got '{}'", binding));
    }
    std::string name = binding.substr(0, eq);
    catalog.Register(name, MakeFileTable(name, binding.substr(eq + 1), errors));
  }
  RegisterThreatIntelTable(command.iocs, catalog, errors);
  std::optional<TelemetrySet> telemetry;
  if (!command.inputs.empty()) {
    telemetry.emplace(command.inputs, command.input_format, errors);
    telemetry->RegisterTables(catalog);
  } else if (!command.input_format.empty()) {
    throw std::invalid_argument("--input-format applies to --input files; give them with --input PATH");
  }
  // The per-file summary comes after the results, whatever ended the run.
  struct SummaryPrinter {
    const std::optional<TelemetrySet>& telemetry;
    bool enabled;
    ~SummaryPrinter() {
      if (telemetry && enabled) fmt::print(stderr, "{}", telemetry->Summary());
    }
  } summary{telemetry, !command.no_summary && !command.explain};

  std::unique_ptr<PreparedQuery> query;
  try {
    QueryOptions options;
    options.watchlist_dir = command.watchlists;
    options.prefilter = !command.no_prefilter;
    options.threads = command.threads;
    options.sort_memory = sort_memory;
    for (const auto& mapping : command.externaldata) {
      size_t eq = mapping.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == mapping.size()) {
        throw std::invalid_argument(fmt::format("--externaldata expects URL=PATH, got '{}'", mapping));
      }
      options.externaldata_files[mapping.substr(0, eq)] = mapping.substr(eq + 1);
    }
    query = Prepare(text, catalog, options);
  } catch (const QueryError& error) {
    fmt::print(stderr, "{}", FormatQueryError(error, text, origin));
    return kExitUsage;
  }
  if (command.explain) {
    fmt::print("{}", query->Explain());
    return kExitOk;
  }

  std::FILE* out = stdout;
  if (!command.output.empty()) {
    out = std::fopen(command.output.c_str(), "wb");
    if (out == nullptr) throw std::invalid_argument(fmt::format("cannot write '{}'", command.output));
  }
  std::string format = command.format;
  if (format.empty()) format = (command.output.empty() && isatty(STDOUT_FILENO)) ? "table" : "jsonl";
  auto writer = MakeResultWriter(format, out);
  writer->Begin(query->schema());
  try {
    auto stream = query->Execute();
    while (auto batch = stream->Next()) writer->Write(*batch);
  } catch (const QueryError& error) {
    fmt::print(stderr, "{}", FormatQueryError(error, text, origin));
    return kExitUsage;
  }
  writer->End();
  if (out != stdout && std::fclose(out) != 0) {
    throw std::runtime_error(fmt::format("error writing '{}'", command.output));
  }
  if (errors.count() > 0) {
    fmt::print(stderr, "iochound: {}\n", errors.Summary());
    return kExitDataErrors;
  }
  return kExitOk;
}

}  // namespace
}  // namespace iochound

int main(int argc, char** argv) {
  using namespace iochound;
  CLI::App app{"iochound: run KQL hunting queries on local telemetry, with Kusto's semantics"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "iochound 0.1.0");

  QueryCommand query;
  CLI::App* query_cmd = app.add_subcommand("query", "Run a KQL query over files bound to tables");
  auto* text_opt = query_cmd->add_option("-q,--query", query.query_text, "KQL query text");
  auto* file_opt = query_cmd->add_option("-f,--file", query.query_file, "file holding the KQL query");
  text_opt->excludes(file_opt);
  query_cmd
      ->add_option(
          "--table", query.tables,
          "NAME=PATH: bind a file, directory, glob or - (stdin) to a table; gzip/zstd read transparently")
      ->type_name("NAME=PATH");
  query_cmd
      ->add_option("--input", query.inputs,
                   "telemetry files, directories or globs (repeatable): each file's format is detected and "
                   "its records routed to the tables they feed (see `iochound schema`)")
      ->type_name("PATH");
  query_cmd
      ->add_option(
          "--input-format", query.input_format,
          "read every --input file as this format instead of detecting it (see `iochound schema --formats`)")
      ->type_name("FORMAT");
  query_cmd->add_flag("--no-summary", query.no_summary, "do not print the per-file summary of --input files");
  query_cmd
      ->add_option("--format", query.format,
                   "table, jsonl, csv or json (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "json"}));
  query_cmd->add_option("-o,--output", query.output, "write results to FILE instead of stdout");
  query_cmd
      ->add_option("--watchlists", query.watchlists,
                   "directory of NAME.csv files read by _GetWatchlist('NAME')")
      ->type_name("DIR");
  query_cmd
      ->add_option("--externaldata", query.externaldata,
                   "URL=PATH: read the local file PATH where externaldata names URL (repeatable)")
      ->type_name("URL=PATH");
  query_cmd->add_flag("--explain", query.explain, "print the bound plan with types instead of running it");
  query_cmd->add_flag("--no-prefilter", query.no_prefilter,
                      "decode every record, not only those holding a literal the query's filter needs");
  query_cmd
      ->add_option("--threads", query.threads,
                   "threads to decode and filter on (default: one per core); results do not depend on it")
      ->check(CLI::NonNegativeNumber)
      ->type_name("N");
  query.memory.AddTo(*query_cmd);
  query.iocs.AddTo(*query_cmd, false);
  auto ioc = RegisterIocCommand(app);
  auto hunt = RegisterHuntCommand(app);
  auto schema = RegisterSchemaCommand(app);
  auto test = RegisterTestCommand(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    if (query_cmd->parsed()) {
      if (query.query_text.empty() && query.query_file.empty()) {
        fmt::print(stderr, "iochound query: give the query with -q TEXT or -f FILE\n");
        return kExitUsage;
      }
      return RunQuery(query);
    }
    if (ioc->Parsed()) return ioc->Run();
    if (hunt->Parsed()) return hunt->Run();
    if (schema->Parsed()) return schema->Run();
    if (test->Parsed()) return test->Run();
  } catch (const std::invalid_argument& error) {
    fmt::print(stderr, "iochound: {}\n", error.what());
    return kExitUsage;
  } catch (const std::exception& error) {
    fmt::print(stderr, "iochound: internal error: {}\n", error.what());
    return kExitInternal;
  }
  return kExitUsage;
}
