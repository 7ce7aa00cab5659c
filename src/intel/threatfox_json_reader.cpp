#include "intel/threatfox_json_reader.h"

#include <fmt/format.h>

#include "intel/feed_json.h"
#include "intel/feed_values.h"

namespace iochound {
namespace {

// The first value of either spelling (export, API).
std::string Either(simdjson::dom::object entry, std::string_view export_key, std::string_view api_key) {
  std::string text = JsonText(entry, export_key);
  return text.empty() ? JsonText(entry, api_key) : text;
}

void ReadEntry(simdjson::dom::element element, std::string_view id, FeedSink& sink) {
  simdjson::dom::object entry;
  if (element.get(entry) != simdjson::SUCCESS) {
    sink.Reject(0, fmt::format("IOC {}: not a JSON object", id));
    return;
  }
  FeedRecord record;
  record.entry = fmt::format("IOC {}", id);
  record.value = Either(entry, "ioc_value", "ioc");
  if (record.value.empty()) {
    sink.Reject(0, fmt::format("IOC {}: no ioc_value", id));
    return;
  }
  std::string type = JsonText(entry, "ioc_type");
  record.type = IsNullText(type) ? "" : type;
  Ioc& meta = record.meta;
  meta.first_seen = ParseFeedTime(Either(entry, "first_seen_utc", "first_seen"));
  meta.last_seen = ParseFeedTime(Either(entry, "last_seen_utc", "last_seen"));
  meta.threat_type = JsonText(entry, "threat_type");
  meta.family = JsonText(entry, "malware");
  meta.family_name = JsonText(entry, "malware_printable");
  meta.aliases = JsonList(entry, "malware_alias");
  meta.confidence = ParseConfidence(JsonText(entry, "confidence_level"));
  meta.reference = JsonText(entry, "reference");
  meta.tags = JsonList(entry, "tags");
  meta.reporter = JsonText(entry, "reporter");
  for (std::string* text :
       {&meta.threat_type, &meta.family, &meta.family_name, &meta.reference, &meta.reporter}) {
    if (IsNullText(*text)) text->clear();
  }
  sink.Add(std::move(record));
}

bool IsEntry(simdjson::dom::element element) {
  simdjson::dom::object entry;
  if (element.get(entry) != simdjson::SUCCESS) return false;
  simdjson::dom::element ignored;
  return entry.at_key("ioc_value").get(ignored) == simdjson::SUCCESS ||
         (entry.at_key("ioc").get(ignored) == simdjson::SUCCESS &&
          entry.at_key("ioc_type").get(ignored) == simdjson::SUCCESS);
}

}  // namespace

bool LooksLikeThreatFoxJson(simdjson::dom::element root) {
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS || object.size() == 0) return false;
  simdjson::dom::array data;
  if (object.at_key("data").get(data) == simdjson::SUCCESS) return data.size() > 0 && IsEntry(data.at(0));
  simdjson::dom::array first;
  if ((*object.begin()).value.get(first) != simdjson::SUCCESS) return false;
  return first.size() > 0 && IsEntry(first.at(0));
}

void ReadThreatFoxJson(simdjson::dom::element root, FeedSink& sink) {
  simdjson::dom::object object = root.get_object();
  simdjson::dom::array data;
  if (object.at_key("data").get(data) == simdjson::SUCCESS) {
    size_t index = 0;
    for (simdjson::dom::element element : data) {
      std::string id = element.is_object() ? JsonText(element.get_object().value(), "id") : "";
      ReadEntry(element, id.empty() ? fmt::format("#{}", index) : id, sink);
      ++index;
    }
    return;
  }
  for (auto [id, entries] : object) {
    simdjson::dom::array array;
    if (entries.get(array) != simdjson::SUCCESS) {
      sink.Reject(0, fmt::format("IOC {}: expected an array of IOC objects", std::string_view(id)));
      continue;
    }
    for (simdjson::dom::element element : array) ReadEntry(element, id, sink);
  }
}

}  // namespace iochound
