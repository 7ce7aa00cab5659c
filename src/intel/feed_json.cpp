#include "intel/feed_json.h"

#include "intel/feed_values.h"

namespace iochound {

std::string JsonText(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::STRING:
      return std::string(std::string_view(element));
    case simdjson::dom::element_type::INT64:
      return std::to_string(int64_t(element));
    case simdjson::dom::element_type::UINT64:
      return std::to_string(uint64_t(element));
    case simdjson::dom::element_type::DOUBLE:
      return std::to_string(static_cast<int64_t>(double(element)));
    case simdjson::dom::element_type::BOOL:
      return bool(element) ? "true" : "false";
    default:
      return {};
  }
}

std::string JsonText(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element element;
  if (object.at_key(key).get(element) != simdjson::SUCCESS) return {};
  return JsonText(element);
}

std::vector<std::string> JsonList(simdjson::dom::element element) {
  simdjson::dom::array array;
  if (element.get(array) != simdjson::SUCCESS) return SplitList(JsonText(element));
  std::vector<std::string> items;
  for (simdjson::dom::element item : array) {
    for (auto& text : SplitList(JsonText(item))) items.push_back(std::move(text));
  }
  return items;
}

std::vector<std::string> JsonList(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element element;
  if (object.at_key(key).get(element) != simdjson::SUCCESS) return {};
  return JsonList(element);
}

}  // namespace iochound
