#include "intel/json_path.h"

#include <fmt/format.h>

#include <stdexcept>

namespace iochound {

std::vector<PathStep> ParseJsonPath(std::string_view path) {
  std::vector<PathStep> steps;
  size_t begin = 0;
  while (begin < path.size()) {
    size_t end = std::min(path.find('.', begin), path.size());
    std::string_view segment = path.substr(begin, end - begin);
    bool each = segment.size() >= 2 && segment.substr(segment.size() - 2) == "[]";
    if (each) segment.remove_suffix(2);
    if (segment == "*") {
      steps.push_back({PathStep::Kind::kMembers, {}});
    } else if (!segment.empty()) {
      steps.push_back({PathStep::Kind::kMember, std::string(segment)});
    } else if (!each) {
      throw std::invalid_argument(fmt::format("empty step in JSON path '{}'", path));
    }
    if (each) steps.push_back({PathStep::Kind::kEach, {}});
    begin = end + 1;
  }
  return steps;
}

std::vector<simdjson::dom::element> EvaluateJsonPath(simdjson::dom::element start,
                                                     const std::vector<PathStep>& steps, size_t first) {
  std::vector<simdjson::dom::element> current{start};
  for (size_t i = first; i < steps.size(); ++i) {
    std::vector<simdjson::dom::element> next;
    for (simdjson::dom::element element : current) {
      const PathStep& step = steps[i];
      simdjson::dom::element child;
      simdjson::dom::array array;
      simdjson::dom::object object;
      if (step.kind == PathStep::Kind::kMember) {
        if (element[step.name].get(child) == simdjson::SUCCESS) next.push_back(child);
      } else if (step.kind == PathStep::Kind::kEach) {
        if (element.get(array) == simdjson::SUCCESS) next.insert(next.end(), array.begin(), array.end());
      } else if (element.get(object) == simdjson::SUCCESS) {
        for (auto [key, value] : object) next.push_back(value);
      }
    }
    current = std::move(next);
  }
  return current;
}

}  // namespace iochound
