#include "intel/stix_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <unordered_map>

#include "intel/feed_json.h"
#include "intel/feed_values.h"
#include "intel/stix_pattern.h"

namespace iochound {
namespace {

struct Malware {
  std::string name;
  std::vector<std::string> aliases;
};

// What the bundle says about indicators besides their own properties.
struct BundleContext {
  std::unordered_map<std::string, std::string> identities;         // id -> name
  std::unordered_map<std::string, Malware> malware;                // id -> malware
  std::unordered_map<std::string, std::string> indicated_malware;  // indicator id -> malware id
};

BundleContext ReadContext(simdjson::dom::array objects) {
  BundleContext context;
  for (simdjson::dom::element element : objects) {
    simdjson::dom::object object;
    if (element.get(object) != simdjson::SUCCESS) continue;
    std::string type = JsonText(object, "type");
    std::string id = JsonText(object, "id");
    if (type == "identity") {
      context.identities[id] = JsonText(object, "name");
    } else if (type == "malware") {
      context.malware[id] = Malware{JsonText(object, "name"), JsonList(object, "aliases")};
    } else if (type == "relationship" && JsonText(object, "relationship_type") == "indicates") {
      context.indicated_malware[JsonText(object, "source_ref")] = JsonText(object, "target_ref");
    }
  }
  return context;
}

std::string FirstReferenceUrl(simdjson::dom::object indicator) {
  simdjson::dom::array references;
  if (indicator["external_references"].get(references) != simdjson::SUCCESS) return {};
  for (simdjson::dom::element reference : references) {
    if (!reference.is_object()) continue;
    std::string url = JsonText(reference.get_object().value(), "url");
    if (!url.empty()) return url;
  }
  return {};
}

void ReadIndicator(simdjson::dom::object indicator, const BundleContext& context, FeedSink& sink) {
  std::string id = JsonText(indicator, "id");
  if (JsonText(indicator, "revoked") == "true") {
    sink.Skip();
    return;
  }
  std::string pattern_type = JsonText(indicator, "pattern_type");
  if (!pattern_type.empty() && pattern_type != "stix") {
    sink.Skip();
    return;
  }
  std::string error;
  auto values = ParseStixPattern(JsonText(indicator, "pattern"), error);
  if (!values) {
    sink.Reject(0, fmt::format("indicator {}: {}", id, error));
    return;
  }
  Ioc meta;
  meta.first_seen = ParseFeedTime(JsonText(indicator, "valid_from"));
  meta.threat_type = fmt::format("{}", fmt::join(JsonList(indicator, "indicator_types"), ","));
  meta.confidence = ParseConfidence(JsonText(indicator, "confidence"));
  meta.reference = FirstReferenceUrl(indicator);
  meta.tags = JsonList(indicator, "labels");
  if (auto creator = context.identities.find(JsonText(indicator, "created_by_ref"));
      creator != context.identities.end()) {
    meta.reporter = creator->second;
  }
  if (auto link = context.indicated_malware.find(id); link != context.indicated_malware.end()) {
    if (auto malware = context.malware.find(link->second); malware != context.malware.end()) {
      meta.family_name = malware->second.name;
      meta.aliases = malware->second.aliases;
    }
  }
  for (auto& value : *values) {
    FeedRecord record;
    record.value = std::move(value.value);
    record.type = IocTypeName(value.type);
    record.entry = fmt::format("indicator {}", id);
    record.meta = meta;
    sink.Add(std::move(record));
  }
}

}  // namespace

bool LooksLikeStixBundle(simdjson::dom::element root) {
  simdjson::dom::object object;
  simdjson::dom::array objects;
  if (root.get(object) != simdjson::SUCCESS) return false;
  return JsonText(object, "type") == "bundle" || object["objects"].get(objects) == simdjson::SUCCESS;
}

void ReadStixBundle(simdjson::dom::element root, FeedSink& sink) {
  simdjson::dom::array objects;
  if (root["objects"].get(objects) != simdjson::SUCCESS) return;
  BundleContext context = ReadContext(objects);
  for (simdjson::dom::element element : objects) {
    simdjson::dom::object object;
    if (element.get(object) == simdjson::SUCCESS && JsonText(object, "type") == "indicator") {
      ReadIndicator(object, context, sink);
    }
  }
}

}  // namespace iochound
