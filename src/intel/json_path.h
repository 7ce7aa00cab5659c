// The small JSON paths of field mappings (field_mapping.h): `a.b` steps into members, `a[]` or
// `[]` iterates an array, `*` iterates an object's members.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace iochound {

struct PathStep {
  enum class Kind { kMember, kEach, kMembers } kind;
  std::string name;  // kMember only
  bool operator==(const PathStep&) const = default;
};

// Throws std::invalid_argument on an empty step.
std::vector<PathStep> ParseJsonPath(std::string_view path);

// Where a record was found: the element after each step of the records path (front: the root), and
// the key of the innermost `*` step.
struct PathContext {
  std::vector<simdjson::dom::element> elements;
  std::string_view key;
};

// Calls `visit(context)` for each element `steps` reaches from `root`.
template <typename Visit>
void WalkJsonPath(simdjson::dom::element root, const std::vector<PathStep>& steps, Visit&& visit);

// The elements `steps` reaches from `start` (several when the steps iterate).
std::vector<simdjson::dom::element> EvaluateJsonPath(simdjson::dom::element start,
                                                     const std::vector<PathStep>& steps, size_t first = 0);

namespace json_path_internal {
template <typename Visit>
void Walk(simdjson::dom::element element, const std::vector<PathStep>& steps, PathContext& context,
          Visit& visit) {
  size_t depth = context.elements.size() - 1;
  if (depth == steps.size()) {
    visit(const_cast<const PathContext&>(context));
    return;
  }
  const PathStep& step = steps[depth];
  auto descend = [&](simdjson::dom::element next) {
    context.elements.push_back(next);
    Walk(next, steps, context, visit);
    context.elements.pop_back();
  };
  if (step.kind == PathStep::Kind::kMember) {
    simdjson::dom::element next;
    if (element[step.name].get(next) == simdjson::SUCCESS) descend(next);
  } else if (step.kind == PathStep::Kind::kEach) {
    simdjson::dom::array array;
    if (element.get(array) == simdjson::SUCCESS) {
      for (simdjson::dom::element next : array) descend(next);
    }
  } else {
    simdjson::dom::object object;
    if (element.get(object) == simdjson::SUCCESS) {
      for (auto [key, next] : object) {
        std::string_view outer = context.key;
        context.key = key;
        descend(next);
        context.key = outer;
      }
    }
  }
}
}  // namespace json_path_internal

template <typename Visit>
void WalkJsonPath(simdjson::dom::element root, const std::vector<PathStep>& steps, Visit&& visit) {
  PathContext context;
  context.elements.push_back(root);
  json_path_internal::Walk(root, steps, context, visit);
}

}  // namespace iochound
