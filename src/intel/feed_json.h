// Reading feed fields from simdjson DOM elements, whatever JSON type a feed chose for them.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// A string, number or boolean as text; empty for null, objects, arrays and missing members.
std::string JsonText(simdjson::dom::element element);
std::string JsonText(simdjson::dom::object object, std::string_view key);
// An array of scalars, or a comma-separated string, as a list.
std::vector<std::string> JsonList(simdjson::dom::element element);
std::vector<std::string> JsonList(simdjson::dom::object object, std::string_view key);

}  // namespace iochound
