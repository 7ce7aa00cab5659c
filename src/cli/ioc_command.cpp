#include "cli/ioc_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "common/diagnostics.h"
#include "intel/feed_loader.h"
#include "intel/hunt_export.h"
#include "intel/ioc_filter.h"
#include "intel/ioc_stats.h"
#include "intel/ioc_table.h"
#include "sinks/result_writer.h"
#include "types/datetime.h"

namespace iochound {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitDataErrors = 1;

// stdout, or the -o file; closed (and checked) by Close().
class Output {
 public:
  explicit Output(const std::string& path) : path_(path) {
    if (path.empty()) return;
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) throw std::invalid_argument(fmt::format("cannot write '{}'", path));
  }
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;
  ~Output() {
    if (file_ != stdout) std::fclose(file_);
  }
  std::FILE* file() const { return file_; }
  void Write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) Fail();
  }
  void Close() {
    if (std::fflush(file_) != 0) Fail();
    if (file_ != stdout && std::fclose(std::exchange(file_, stdout)) != 0) Fail();
  }

 private:
  [[noreturn]] void Fail() const {
    throw std::runtime_error(fmt::format("error writing '{}'", path_.empty() ? "<stdout>" : path_));
  }
  std::string path_;
  std::FILE* file_ = stdout;
};

void WriteTable(const std::vector<const Ioc*>& iocs, const std::string& format, IocListColumns lists,
                Output& out) {
  auto writer = MakeResultWriter(format, out.file());
  writer->Begin(IocSchema(lists));
  for (size_t begin = 0; begin < iocs.size(); begin += kBatchRows) {
    writer->Write(IocBatch(iocs, begin, std::min(iocs.size(), begin + kBatchRows), lists));
  }
  writer->End();
}

std::string Today() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t ticks = std::chrono::duration_cast<std::chrono::seconds>(now).count() * kTicksPerSecond;
  return FormatDateTime(ticks).substr(0, 10);
}

}  // namespace

void IocCommand::AddCommonOptions(CLI::App& command) {
  command.add_option("FEED", feeds_, "feed files, directories, globs or - (gzip/zstd read transparently)")
      ->required();
  auto* fields = command.add_option("--ioc-fields", fields_,
                                    "FIELD=SOURCE,...: how to read JSON/CSV feeds no reader recognizes");
  auto* mapping =
      command.add_option("--ioc-mapping", mapping_, "a mapping file, or a built-in one (openhunting)");
  fields->excludes(mapping);
  command.add_flag("--misp-all", misp_all_, "load MISP attributes whose to_ids is off too");
  command.add_option("--family", family_, "only IOCs of this malware family (id, name or alias)");
  command.add_option("--min-confidence", min_confidence_, "only IOCs with at least this confidence (0-100)")
      ->check(CLI::Range(0, 100));
  command.add_option("--since", since_, "only IOCs last (else first) seen at or after DATE");
  command.add_option("-o,--output", output_, "write to FILE instead of stdout");
}

std::unique_ptr<IocCommand> RegisterIocCommand(CLI::App& app) {
  auto command = std::make_unique<IocCommand>();
  command->ioc_ = app.add_subcommand("ioc", "Load threat-intel feeds: count, list or export their IOCs");
  command->ioc_->require_subcommand(1);
  command->stats_ =
      command->ioc_->add_subcommand("stats", "IOC counts by type, family, threat type, confidence");
  command->list_ = command->ioc_->add_subcommand("list", "the merged, normalized IOCs with their metadata");
  command->export_ =
      command->ioc_->add_subcommand("export", "a Sentinel KQL hunt, a Sigma rule or a clean CSV");
  for (CLI::App* sub : {command->stats_, command->list_, command->export_}) command->AddCommonOptions(*sub);
  command->list_
      ->add_option("--format", command->format_,
                   "table, jsonl, csv or json (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"table", "jsonl", "csv", "json"}));
  command->export_->add_option("--to", command->to_, "kql, sigma or csv")
      ->required()
      ->check(CLI::IsMember({"kql", "sigma", "csv"}));
  return command;
}

int IocCommand::Run() const {
  FeedOptions options;
  if (!fields_.empty()) options.mapping = ParseFieldSpec(fields_);
  if (!mapping_.empty()) options.mapping = LoadFieldMapping(mapping_);
  options.misp_include_non_ids = misp_all_;
  IocFilter filter;
  filter.family = family_;
  filter.min_confidence = min_confidence_;
  if (!since_.empty()) {
    filter.since = ParseDateTime(since_);
    if (!filter.since) throw std::invalid_argument(fmt::format("--since: '{}' is not a date", since_));
  }

  DataErrors errors;
  IocSet set;
  std::vector<FeedStats> loaded;
  for (const auto& feed : feeds_) {
    for (auto& stats : LoadFeed(feed, options, set, errors)) loaded.push_back(std::move(stats));
  }
  std::vector<const Ioc*> iocs;
  for (const Ioc& ioc : set.iocs()) {
    if (filter.Matches(ioc)) iocs.push_back(&ioc);
  }

  Output out(output_);
  if (stats_->parsed()) {
    for (const auto& feed : loaded) {
      out.Write(fmt::format("{} ({}): {} loaded, {} rejected, {} skipped\n", feed.file,
                            feed.format.empty() ? "unrecognized" : feed.format, feed.accepted, feed.rejected,
                            feed.skipped));
    }
    out.Write(FormatIocStats(CountIocs(iocs)));
  } else if (list_->parsed()) {
    std::string format = format_;
    if (format.empty()) format = output_.empty() && isatty(STDOUT_FILENO) ? "table" : "jsonl";
    WriteTable(iocs, format, IocListColumns::kDynamic, out);
  } else if (to_ == "csv") {
    WriteTable(iocs, "csv", IocListColumns::kJoined, out);
  } else {
    std::vector<std::string> domains;
    for (const Ioc* ioc : iocs) {
      if (ioc->type == IocType::kDomain) domains.push_back(ioc->value);
    }
    if (domains.size() < iocs.size()) {
      fmt::print(stderr, "iochound: exported {} domains; {} IOCs of other types are not in a DNS hunt\n",
                 domains.size(), iocs.size() - domains.size());
    }
    std::string scope = family_.empty() ? "" : fmt::format(" ({})", family_);
    if (to_ == "kql") {
      std::string comment = fmt::format("Generated by iochound ioc export: {} domains{} from {}",
                                        domains.size(), scope, fmt::join(feeds_, ", "));
      out.Write(KqlDnsHunt(domains, kHasAnyLimit, comment));
    } else {
      out.Write(SigmaDnsRule(
          domains, fmt::format("DNS query for a threat-intel domain{}", scope),
          fmt::format("DNS queries for the {} domains listed by {}", domains.size(), fmt::join(feeds_, ", ")),
          Today()));
    }
  }
  out.Close();
  if (errors.count() > 0) {
    fmt::print(stderr, "iochound: {}\n", errors.Summary());
    return kExitDataErrors;
  }
  return kExitOk;
}

}  // namespace iochound
