#include "intel/abusech_csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "intel/csv_line.h"
#include "intel/feed_values.h"

namespace iochound {
namespace {

// The column names abuse.ch uses, per IOC field (the first present wins).
struct Columns {
  int value = -1, type = -1, port = -1, first_seen = -1, last_seen = -1, threat_type = -1, family = -1,
      family_name = -1, aliases = -1, confidence = -1, reference = -1, tags = -1, reporter = -1;
  const char* implied_type = "";  // when there is no type column: what the value column holds
};

int Find(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it != header.end()) return static_cast<int>(it - header.begin());
  }
  return -1;
}

std::optional<Columns> MapHeader(const std::vector<std::string>& header) {
  Columns c;
  c.value = Find(header, {"ioc_value", "ioc"});
  c.type = Find(header, {"ioc_type"});
  c.port = Find(header, {"dst_port", "DstPort"});
  if (c.value < 0) {
    c.value = Find(header, {"dst_ip", "DstIP", "ip_address"});
    c.implied_type = c.port >= 0 ? "ip:port" : "ip";
  }
  // A `url` column alone is too common to claim a CSV for abuse.ch; URLhaus also has `dateadded`.
  if (c.value < 0 && Find(header, {"dateadded"}) >= 0) {
    c.value = Find(header, {"url"});
    c.implied_type = "url";
  }
  if (c.value < 0) return std::nullopt;
  c.first_seen = Find(header, {"first_seen_utc", "first_seen", "Firstseen", "dateadded"});
  c.last_seen = Find(header, {"last_seen_utc", "last_seen", "last_online"});
  c.threat_type = Find(header, {"threat_type", "threat"});
  c.family = Find(header, {"fk_malware", "malware"});
  c.family_name = Find(header, {"malware_printable", "malware"});
  c.aliases = Find(header, {"malware_alias"});
  c.confidence = Find(header, {"confidence_level"});
  c.reference = Find(header, {"reference", "urlhaus_link"});
  c.tags = Find(header, {"tags"});
  c.reporter = Find(header, {"reporter"});
  return c;
}

// The header's line index and columns: the first uncommented line when it names a known column
// (Feodo), else the last comment line before the data that does (ThreatFox, URLhaus).
struct Header {
  size_t line;
  Columns columns;
  size_t width;  // fields per row
};

std::optional<Header> FindHeader(const std::vector<std::string_view>& lines) {
  std::optional<Header> commented;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.empty()) continue;
    bool comment = line.front() == '#';
    if (comment) line.remove_prefix(std::min(line.size(), line.find_first_not_of("# ")));
    auto fields = SplitCsvLine(line);
    std::optional<Columns> columns;
    if (fields && fields->size() > 1) columns = MapHeader(*fields);
    if (!comment) {
      if (columns) return Header{i, *columns, fields->size()};
      return commented;
    }
    if (columns) commented = Header{i, *columns, fields->size()};
  }
  return commented;
}

std::string Field(const std::vector<std::string>& fields, int column) {
  if (column < 0 || IsNullText(fields[column])) return {};
  return fields[column];
}

}  // namespace

bool LooksLikeAbuseChCsv(std::string_view text) {
  // The header is within the banner; a few kilobytes always hold it.
  return FindHeader(SplitLines(text.substr(0, 8192))).has_value();
}

void ReadAbuseChCsv(std::string_view text, FeedSink& sink) {
  std::vector<std::string_view> lines = SplitLines(text);
  std::optional<Header> header = FindHeader(lines);
  if (!header) {
    sink.Reject(1, "no abuse.ch CSV header found");
    return;
  }
  const Columns& c = header->columns;
  size_t width = header->width;
  for (size_t i = header->line + 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.empty() || line.front() == '#') continue;
    uint64_t line_number = i + 1;
    auto fields = SplitCsvLine(line);
    if (!fields) {
      sink.Reject(line_number, "unterminated quoted field");
      continue;
    }
    if (fields->size() != width) {
      sink.Reject(line_number,
                  fmt::format("expected {} fields as the header names, got {}", width, fields->size()));
      continue;
    }
    FeedRecord record;
    record.line = line_number;
    record.value = Field(*fields, c.value);
    record.type = c.type >= 0 ? Field(*fields, c.type) : c.implied_type;
    if (c.port >= 0 && record.type == "ip:port") record.value += ":" + Field(*fields, c.port);
    Ioc& meta = record.meta;
    meta.first_seen = ParseFeedTime(Field(*fields, c.first_seen));
    meta.last_seen = ParseFeedTime(Field(*fields, c.last_seen));
    meta.threat_type = Field(*fields, c.threat_type);
    // Feodo Tracker lists botnet C2 servers only, and says so nowhere in the file.
    if (meta.threat_type.empty() && c.port >= 0) meta.threat_type = "botnet_cc";
    meta.family = Field(*fields, c.family);
    meta.family_name = Field(*fields, c.family_name);
    meta.aliases = SplitList(Field(*fields, c.aliases));
    meta.confidence = ParseConfidence(Field(*fields, c.confidence));
    meta.reference = Field(*fields, c.reference);
    meta.tags = SplitList(Field(*fields, c.tags));
    meta.reporter = Field(*fields, c.reporter);
    sink.Add(std::move(record));
  }
}

}  // namespace iochound
