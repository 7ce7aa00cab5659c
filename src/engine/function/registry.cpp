#include <algorithm>

#include "engine/function/function_internal.h"

namespace iochound {
namespace fn {

void Registry::Alias(const std::string& alias, const std::string& target) {
  if (auto it = scalars.find(target); it != scalars.end()) {
    ScalarFunction copy = it->second;
    copy.name = alias;
    scalars.emplace(alias, std::move(copy));
    return;
  }
  AggregateFunction copy = aggregates.at(target);
  copy.name = alias;
  aggregates.emplace(alias, std::move(copy));
}

namespace {

// Built once, on first use (thread-safe static initialization), then read-only.
const Registry& TheRegistry() {
  static const Registry registry = [] {
    Registry r;
    RegisterOperators(r);
    RegisterConversionFunctions(r);
    RegisterStringFunctions(r);
    RegisterRegexFunctions(r);
    RegisterEncodingFunctions(r);
    RegisterDateTimeFunctions(r);
    RegisterDateTimeFormatFunctions(r);
    RegisterDynamicFunctions(r);
    RegisterMathFunctions(r);
    RegisterLogicFunctions(r);
    RegisterNetworkFunctions(r);
    RegisterAggregates(r);
    RegisterSeriesFunctions(r);
    RegisterBitwiseFunctions(r);
    RegisterJsonPathFunctions(r);
    RegisterTextParsingFunctions(r);
    return r;
  }();
  return registry;
}

template <typename Map>
std::vector<std::string> SortedNames(const Map& map) {
  std::vector<std::string> names;
  names.reserve(map.size());
  for (const auto& [name, unused] : map) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace
}  // namespace fn

const ScalarFunction* FindScalarFunction(std::string_view name) {
  const auto& map = fn::TheRegistry().scalars;
  auto it = map.find(std::string(name));
  return it == map.end() ? nullptr : &it->second;
}

const AggregateFunction* FindAggregateFunction(std::string_view name) {
  const auto& map = fn::TheRegistry().aggregates;
  auto it = map.find(std::string(name));
  return it == map.end() ? nullptr : &it->second;
}

std::vector<std::string> ScalarFunctionNames() {
  return fn::SortedNames(fn::TheRegistry().scalars);
}
std::vector<std::string> AggregateFunctionNames() {
  return fn::SortedNames(fn::TheRegistry().aggregates);
}

}  // namespace iochound
