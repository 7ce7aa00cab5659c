// Loads threat-intel feed files into an IocSet, the format of each detected from its content.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "intel/feed_sink.h"
#include "intel/field_mapping.h"
#include "intel/ioc_set.h"

namespace iochound {

enum class FeedFormat {
  kAbuseChCsv,     // ThreatFox CSV, Feodo Tracker, URLhaus, SSLBL
  kThreatFoxJson,  // export or API response
  kMispEvent,
  kStixBundle,
  kHostfile,
  kPlainList,
  kMappedJson,  // any other JSON, JSON Lines or CSV, through a FieldMapping
  kMappedJsonLines,
  kMappedCsv,
};

std::string_view FeedFormatName(FeedFormat format);

struct FeedOptions {
  // Applied to JSON, JSON Lines and CSV files that no reader recognizes.
  std::optional<FieldMapping> mapping;
  // Loads MISP attributes whose to_ids is off as well.
  bool misp_include_non_ids = false;
};

// The format of a feed from its text; nullopt when it is JSON that no reader recognizes and there is
// no mapping. Text that is neither JSON nor an abuse.ch CSV is mapped CSV when there is a mapping,
// else a hostfile or a plain list.
std::optional<FeedFormat> DetectFeedFormat(std::string_view text, bool has_mapping);

// Loads one feed file's text, naming it `name` in messages and in the IOCs' sources. An unrecognized
// format is a data error.
FeedStats LoadFeedText(std::string_view name, std::string_view text, const FeedOptions& options, IocSet& set,
                       DataErrors& errors);

// Loads every file `path` resolves to (a file, directory, glob or `-`; gzip and zstd are read
// transparently), in order. Throws std::invalid_argument when `path` matches no file.
std::vector<FeedStats> LoadFeed(std::string_view path, const FeedOptions& options, IocSet& set,
                                DataErrors& errors);

}  // namespace iochound
