#include "intel/feed_loader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <array>
#include <stdexcept>

#include "intel/abusech_csv_reader.h"
#include "intel/hostfile_reader.h"
#include "intel/mapped_reader.h"
#include "intel/misp_reader.h"
#include "intel/plain_list_reader.h"
#include "intel/stix_reader.h"
#include "intel/threatfox_json_reader.h"
#include "sources/input_files.h"
#include "sources/whole_input.h"

namespace iochound {
namespace {

std::string_view SkipBom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

char FirstNonBlank(std::string_view text) {
  size_t at = text.find_first_not_of(" \t\r\n");
  return at == std::string_view::npos ? '\0' : text[at];
}

std::optional<FeedFormat> DetectJson(simdjson::dom::element root, bool has_mapping) {
  if (LooksLikeStixBundle(root)) return FeedFormat::kStixBundle;
  if (LooksLikeMispEvent(root)) return FeedFormat::kMispEvent;
  if (LooksLikeThreatFoxJson(root)) return FeedFormat::kThreatFoxJson;
  if (has_mapping) return FeedFormat::kMappedJson;
  return std::nullopt;
}

}  // namespace

std::string_view FeedFormatName(FeedFormat format) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "abuse.ch CSV", "ThreatFox JSON", "MISP event",        "STIX bundle", "hostfile",
      "plain list",   "mapped JSON",    "mapped JSON Lines", "mapped CSV"};
  return kNames[static_cast<size_t>(format)];
}

std::optional<FeedFormat> DetectFeedFormat(std::string_view text, bool has_mapping) {
  text = SkipBom(text);
  char first = FirstNonBlank(text);
  if (first == '{' || first == '[') {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(simdjson::padded_string(text)).get(root) == simdjson::SUCCESS)
      return DetectJson(root, has_mapping);
    if (first == '{' && has_mapping) return FeedFormat::kMappedJsonLines;
    return std::nullopt;
  }
  if (LooksLikeAbuseChCsv(text)) return FeedFormat::kAbuseChCsv;
  if (has_mapping) return FeedFormat::kMappedCsv;
  if (LooksLikeHostfile(text)) return FeedFormat::kHostfile;
  return FeedFormat::kPlainList;
}

FeedStats LoadFeedText(std::string_view name, std::string_view text, const FeedOptions& options, IocSet& set,
                       DataErrors& errors) {
  FeedStats stats;
  stats.file = name;
  text = SkipBom(text);
  std::optional<FeedFormat> format = DetectFeedFormat(text, options.mapping.has_value());
  if (!format) {
    errors.ReportFile(name,
                      "not a feed format iochound reads (ThreatFox, abuse.ch, MISP, STIX, hostfile, list); "
                      "for other JSON or CSV feeds give --ioc-fields or --ioc-mapping");
    return stats;
  }
  stats.format = FeedFormatName(*format);
  FeedSink sink(set, errors, stats);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::padded_string json;
  if (*format == FeedFormat::kThreatFoxJson || *format == FeedFormat::kMispEvent ||
      *format == FeedFormat::kStixBundle || *format == FeedFormat::kMappedJson) {
    json = simdjson::padded_string(text);
    root = parser.parse(json).value();  // detection parsed it already
  }
  switch (*format) {
    case FeedFormat::kAbuseChCsv:
      ReadAbuseChCsv(text, sink);
      break;
    case FeedFormat::kThreatFoxJson:
      ReadThreatFoxJson(root, sink);
      break;
    case FeedFormat::kMispEvent:
      ReadMispEvent(root, options.misp_include_non_ids, sink);
      break;
    case FeedFormat::kStixBundle:
      ReadStixBundle(root, sink);
      break;
    case FeedFormat::kHostfile:
      ReadHostfile(text, sink);
      break;
    case FeedFormat::kPlainList:
      ReadPlainList(text, sink);
      break;
    case FeedFormat::kMappedJson:
      ReadMappedJson(root, *options.mapping, sink);
      break;
    case FeedFormat::kMappedJsonLines:
      ReadMappedJsonLines(text, *options.mapping, sink);
      break;
    case FeedFormat::kMappedCsv:
      ReadMappedCsv(text, *options.mapping, sink);
      break;
  }
  return stats;
}

std::vector<FeedStats> LoadFeed(std::string_view path, const FeedOptions& options, IocSet& set,
                                DataErrors& errors) {
  std::vector<FeedStats> all;
  for (const InputFile& input : ResolveInputs(path, errors)) {
    std::string text;
    try {
      text = ReadWholeInput(input);
    } catch (const std::runtime_error& error) {
      errors.ReportFile(input.name, error.what());
      continue;
    }
    all.push_back(LoadFeedText(input.name, text, options, set, errors));
  }
  return all;
}

}  // namespace iochound
