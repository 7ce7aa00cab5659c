// extractjson(jsonPath, text [, typeof(T)]): the element of a JSON text a JSONPath selects. The paths Kusto
// documents are supported: `$`, `.name`, `['name']` / `["name"]` and `[index]`. The result is a string
// (tostring of the element), or the element converted to T; null when the text is not JSON or the path
// selects nothing.
#include <charconv>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

// Applies `path` to `root`; nullptr when a step finds nothing. Throws QueryError on a malformed path.
const Dynamic* SelectPath(const Dynamic& root, std::string_view path) {
  if (path.empty() || path.front() != '$') Fail("extractjson", "a JSONPath must start with '$'");
  path.remove_prefix(1);
  const Dynamic* node = &root;
  while (!path.empty() && node != nullptr) {
    if (path.front() == '.') {
      path.remove_prefix(1);
      size_t end = path.find_first_of(".[");
      std::string_view name = path.substr(0, end);
      if (name.empty()) Fail("extractjson", "an empty member name in the JSONPath");
      node = node->Find(name);
      path = end == std::string_view::npos ? std::string_view() : path.substr(end);
    } else if (path.front() == '[') {
      size_t close = path.find(']');
      if (close == std::string_view::npos) Fail("extractjson", "an unclosed '[' in the JSONPath");
      std::string_view inside = path.substr(1, close - 1);
      path.remove_prefix(close + 1);
      if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') &&
          inside.back() == inside.front()) {
        node = node->Find(inside.substr(1, inside.size() - 2));
        continue;
      }
      int64_t index = 0;
      auto [ptr, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), index);
      if (ec != std::errc() || ptr != inside.data() + inside.size()) {
        Fail("extractjson", "a JSONPath subscript must be a number or a quoted name");
      }
      if (node->kind() != Dynamic::Kind::Array) return nullptr;
      const auto& items = node->array();
      if (index < 0) index += static_cast<int64_t>(items.size());
      node = index >= 0 && index < static_cast<int64_t>(items.size()) ? &items[index] : nullptr;
    } else {
      Fail("extractjson", "a JSONPath step must start with '.' or '['");
    }
  }
  return node;
}

Type ResultType(Args args) {
  if (args.size() < 3) return Type::String;
  if (!args[2].is_constant || args[2].constant.type() != Type::String)
    Fail("extractjson", "the third argument must be typeof(type)");
  std::optional<Type> type = ParseTypeName(args[2].constant.string_value());
  if (!type) Fail("extractjson", "the third argument must be typeof(type)");
  return *type;
}

}  // namespace

void RegisterJsonPathFunctions(Registry& r) {
  r.Add(ScalarFunction{"extractjson",
                       [](Args args) {
                         CheckArity("extractjson", args, 2, 3);
                         if (args[0].is_constant && args[0].constant.type() == Type::String) {
                           SelectPath(Dynamic(), args[0].constant.string_value());
                         }
                         return ResultType(args);
                       },
                       [](Vals v, const EvalContext&) {
                         std::optional<Type> type =
                             v.size() > 2 ? ParseTypeName(v[2].string_value()) : std::optional<Type>();
                         Type result = type.value_or(Type::String);
                         std::string text = ToKustoString(v[1]);
                         std::optional<Dynamic> json = Dynamic::ParseJson(text);
                         const Dynamic* found = json ? SelectPath(*json, ToKustoString(v[0])) : nullptr;
                         if (found == nullptr || found->is_null()) return Value::Null(result);
                         Value element = Value::Dyn(*found);
                         return result == Type::Dynamic ? element : ConvertTo(result, element);
                       }});
}

}  // namespace iochound::fn
