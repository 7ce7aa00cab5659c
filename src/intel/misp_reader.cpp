#include "intel/misp_reader.h"

#include <fmt/format.h>

#include "intel/feed_json.h"
#include "intel/feed_values.h"

namespace iochound {
namespace {

simdjson::dom::object EventOf(simdjson::dom::element root) {
  simdjson::dom::object event;
  if (root["Event"].get(event) == simdjson::SUCCESS) return event;
  return root.get_object().value();
}

std::vector<std::string> TagNames(simdjson::dom::object owner) {
  std::vector<std::string> names;
  simdjson::dom::array tags;
  if (owner["Tag"].get(tags) != simdjson::SUCCESS) return names;
  for (simdjson::dom::element tag : tags) {
    if (tag.is_object()) names.push_back(JsonText(tag.get_object().value(), "name"));
  }
  return names;
}

// `misp-galaxy:malpedia="NanoCore"` and the like name the malware family.
std::string GalaxyFamily(const std::vector<std::string>& tags) {
  for (const auto& tag : tags) {
    size_t quote = tag.find("=\"");
    if (tag.rfind("misp-galaxy:", 0) == 0 && quote != std::string::npos && tag.back() == '"') {
      return tag.substr(quote + 2, tag.size() - quote - 3);
    }
  }
  return {};
}

bool ToIds(simdjson::dom::object attribute) {
  std::string flag = JsonText(attribute, "to_ids");
  return flag == "true" || flag == "1";
}

void ReadAttributes(simdjson::dom::object owner, const Ioc& event_meta, bool include_non_ids,
                    FeedSink& sink) {
  simdjson::dom::array attributes;
  if (owner["Attribute"].get(attributes) != simdjson::SUCCESS) return;
  for (simdjson::dom::element element : attributes) {
    simdjson::dom::object attribute;
    if (element.get(attribute) != simdjson::SUCCESS) {
      sink.Reject(0, "Attribute: not a JSON object");
      continue;
    }
    std::string type = JsonText(attribute, "type");
    if (!ParseIocType(type) || (!include_non_ids && !ToIds(attribute))) {
      sink.Skip();
      continue;
    }
    FeedRecord record;
    record.value = JsonText(attribute, "value");
    record.type = type;
    record.entry = fmt::format("Attribute {}", JsonText(attribute, "uuid"));
    record.meta = event_meta;
    Ioc& meta = record.meta;
    auto first_seen = ParseFeedTime(JsonText(attribute, "first_seen"));
    if (first_seen) meta.first_seen = first_seen;
    meta.last_seen = ParseFeedTime(JsonText(attribute, "last_seen"));
    if (!meta.last_seen) meta.last_seen = ParseFeedTime(JsonText(attribute, "timestamp"));
    for (auto& tag : TagNames(attribute)) meta.tags.push_back(std::move(tag));
    if (record.value.empty()) {
      sink.Reject(0, record.entry + ": no value");
      continue;
    }
    sink.Add(std::move(record));
  }
}

}  // namespace

bool LooksLikeMispEvent(simdjson::dom::element root) {
  simdjson::dom::object event;
  if (root["Event"].get(event) != simdjson::SUCCESS && root.get(event) != simdjson::SUCCESS) return false;
  simdjson::dom::element ignored;
  return event["info"].get(ignored) == simdjson::SUCCESS &&
         (event["Attribute"].get(ignored) == simdjson::SUCCESS ||
          event["Object"].get(ignored) == simdjson::SUCCESS);
}

void ReadMispEvent(simdjson::dom::element root, bool include_non_ids, FeedSink& sink) {
  simdjson::dom::object event = EventOf(root);
  Ioc meta;
  meta.tags = TagNames(event);
  meta.family_name = GalaxyFamily(meta.tags);
  meta.first_seen = ParseFeedTime(JsonText(event, "date"));
  meta.reference = JsonText(event, "info");
  simdjson::dom::object org;
  if (event["Orgc"].get(org) == simdjson::SUCCESS) meta.reporter = JsonText(org, "name");
  ReadAttributes(event, meta, include_non_ids, sink);
  simdjson::dom::array objects;
  if (event["Object"].get(objects) != simdjson::SUCCESS) return;
  for (simdjson::dom::element element : objects) {
    simdjson::dom::object object;
    if (element.get(object) == simdjson::SUCCESS) ReadAttributes(object, meta, include_non_ids, sink);
  }
}

}  // namespace iochound
