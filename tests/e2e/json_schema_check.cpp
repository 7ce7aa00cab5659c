#include "json_schema_check.h"

#include <simdjson.h>

#include <regex>
#include <set>

namespace iochound::e2e {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

const std::set<std::string> kAnnotations = {"$schema", "$id", "title", "description", "$defs"};

std::string TypeOf(const element& value) {
  switch (value.type()) {
    case element_type::ARRAY:
      return "array";
    case element_type::OBJECT:
      return "object";
    case element_type::INT64:
    case element_type::UINT64:
      return "integer";
    case element_type::DOUBLE:
      return "number";
    case element_type::STRING:
      return "string";
    case element_type::BOOL:
      return "boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "unknown";
}

bool HasType(const element& value, std::string_view type) {
  std::string actual = TypeOf(value);
  return actual == type || (type == "number" && actual == "integer");
}

double Number(const element& value) {
  if (value.is_int64()) return static_cast<double>(int64_t(value));
  if (value.is_uint64()) return static_cast<double>(uint64_t(value));
  return double(value);
}

class Validator {
 public:
  explicit Validator(element root) : root_(root) {}

  void Check(const element& schema, const element& value, const std::string& at) {
    for (auto [key_view, rule] : simdjson::dom::object(schema)) {
      std::string key(key_view);
      if (kAnnotations.count(key)) continue;
      if (key == "$ref") {
        Check(Resolve(std::string(std::string_view(rule))), value, at);
      } else if (key == "type") {
        bool ok = false;
        if (rule.is_string()) {
          ok = HasType(value, std::string_view(rule));
        } else {
          for (element type : simdjson::dom::array(rule)) ok = ok || HasType(value, std::string_view(type));
        }
        if (!ok) Fail(at, "has type " + TypeOf(value) + ", not " + simdjson::minify(rule));
      } else if (key == "const" || key == "enum") {
        std::string actual = simdjson::minify(value);
        bool ok = false;
        if (key == "const") {
          ok = actual == simdjson::minify(rule);
        } else {
          for (element option : simdjson::dom::array(rule)) ok = ok || actual == simdjson::minify(option);
        }
        if (!ok) Fail(at, actual + " is not " + key + " " + simdjson::minify(rule));
      } else if (key == "pattern") {
        if (value.is_string() && !std::regex_search(std::string(std::string_view(value)),
                                                    std::regex(std::string(std::string_view(rule))))) {
          Fail(at, "'" + std::string(std::string_view(value)) + "' does not match " +
                       std::string(std::string_view(rule)));
        }
      } else if (key == "minLength") {
        if (value.is_string() && std::string_view(value).size() < uint64_t(rule)) Fail(at, "is too short");
      } else if (key == "minimum" || key == "maximum") {
        if (value.is_number()) {
          double n = Number(value), limit = Number(rule);
          if (key == "minimum" ? n < limit : n > limit) Fail(at, "is out of range (" + key + ")");
        }
      } else if (key == "required") {
        if (!value.is_object()) continue;
        for (element name : simdjson::dom::array(rule)) {
          if (value[std::string_view(name)].error())
            Fail(at, "lacks required '" + std::string(std::string_view(name)) + "'");
        }
      } else if (key == "minProperties") {
        if (value.is_object() && simdjson::dom::object(value).size() < uint64_t(rule))
          Fail(at, "has too few properties");
      } else if (key == "properties" || key == "additionalProperties") {
        // Checked once, by whichever of the two the schema has ("properties" when both).
        bool first = key == "properties" || schema["properties"].error();
        if (first && value.is_object()) CheckProperties(schema, value, at);
      } else if (key == "items") {
        if (!value.is_array()) continue;
        size_t i = 0;
        for (element item : simdjson::dom::array(value)) Check(rule, item, at + "/" + std::to_string(i++));
      } else {
        Fail(at, "schema keyword '" + key + "' is not supported by this validator");
      }
    }
  }

  std::vector<std::string> errors;

 private:
  // properties and additionalProperties together: each member checked by its property schema, the
  // rest by additionalProperties (false: not allowed).
  void CheckProperties(const element& schema, const element& value, const std::string& at) {
    auto properties = schema["properties"];
    auto additional = schema["additionalProperties"];
    for (auto [name, member] : simdjson::dom::object(value)) {
      std::string path = at + "/" + std::string(name);
      auto property = properties.error() ? properties : properties[name];
      if (!property.error()) {
        Check(property.value(), member, path);
      } else if (!additional.error()) {
        if (additional.value().is_bool()) {
          if (!bool(additional.value())) Fail(path, "is not an allowed property");
        } else {
          Check(additional.value(), member, path);
        }
      }
    }
  }

  element Resolve(const std::string& ref) {
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return root_["$defs"][ref.substr(prefix.size())];
  }

  void Fail(const std::string& at, const std::string& what) {
    errors.push_back((at.empty() ? "/" : at) + " " + what);
  }

  element root_;
};

}  // namespace

std::vector<std::string> ValidateJson(const std::string& schema_json, const std::string& instance) {
  simdjson::dom::parser schema_parser, instance_parser;
  element schema = schema_parser.parse(schema_json);
  auto value = instance_parser.parse(instance);
  if (value.error()) return {"not JSON: " + std::string(simdjson::error_message(value.error()))};
  Validator validator(schema);
  validator.Check(schema, value.value(), "");
  return validator.errors;
}

}  // namespace iochound::e2e
