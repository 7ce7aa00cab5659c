#include "cli/ioc_feed_options.h"

#include <chrono>

#include "intel/feed_loader.h"
#include "intel/ti_table.h"
#include "types/datetime.h"

namespace iochound {

void IocFeedOptions::AddTo(CLI::App& command, bool required) {
  // One feed per --iocs (repeat it, or separate with commas), so that hunt's INPUT files that follow
  // are not taken for feeds.
  auto* iocs = command.add_option("--iocs", feeds, "threat-intel feed file, directory or glob (repeatable)")
                   ->type_name("FEED")
                   ->allow_extra_args(false)
                   ->delimiter(',');
  if (required) iocs->required();
  auto* fields_opt = command.add_option("--ioc-fields", fields,
                                        "FIELD=SOURCE,...: how to read JSON/CSV feeds no reader recognizes");
  auto* mapping_opt =
      command.add_option("--ioc-mapping", mapping, "a mapping file, or a built-in one (openhunting)");
  fields_opt->excludes(mapping_opt);
  command.add_flag("--misp-all", misp_all, "load MISP attributes whose to_ids is off too");
}

IocSet IocFeedOptions::Load(DataErrors& errors) const {
  FeedOptions options;
  if (!fields.empty()) options.mapping = ParseFieldSpec(fields);
  if (!mapping.empty()) options.mapping = LoadFieldMapping(mapping);
  options.misp_include_non_ids = misp_all;
  IocSet set;
  for (const auto& feed : feeds) LoadFeed(feed, options, set, errors);
  return set;
}

void RegisterThreatIntelTable(const IocFeedOptions& options, Catalog& catalog, DataErrors& errors) {
  if (options.feeds.empty()) return;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t loaded_at = std::chrono::duration_cast<std::chrono::seconds>(now).count() * kTicksPerSecond;
  catalog.Register("ThreatIntelligenceIndicator", MakeThreatIntelTable(options.Load(errors), loaded_at));
}

}  // namespace iochound
