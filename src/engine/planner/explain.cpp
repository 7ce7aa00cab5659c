#include <fmt/format.h>

#include "decoders/record_prefilter.h"
#include "engine/planner/logical_plan.h"

namespace iochound {
namespace {

std::string_view KindName(PlanNode::Kind kind) {
  switch (kind) {
    case PlanNode::Kind::kScan:
      return "Scan";
    case PlanNode::Kind::kValues:
      return "Values";
    case PlanNode::Kind::kRange:
      return "Range";
    case PlanNode::Kind::kFilter:
      return "Filter";
    case PlanNode::Kind::kProject:
      return "Project";
    case PlanNode::Kind::kSort:
      return "Sort";
    case PlanNode::Kind::kLimit:
      return "Limit";
    case PlanNode::Kind::kTop:
      return "Top";
    case PlanNode::Kind::kAggregate:
      return "Aggregate";
    case PlanNode::Kind::kArgExtreme:
      return "ArgExtreme";
    case PlanNode::Kind::kUnion:
      return "Union";
    case PlanNode::Kind::kJoin:
      return "Join";
    case PlanNode::Kind::kMvExpand:
      return "MvExpand";
    case PlanNode::Kind::kWindow:
      return "Window";
    case PlanNode::Kind::kMakeSeries:
      return "MakeSeries";
    case PlanNode::Kind::kTopNested:
      return "TopNested";
    case PlanNode::Kind::kMvApply:
      return "MvApply";
    case PlanNode::Kind::kImplicitInput:
      return "ImplicitInput";
    case PlanNode::Kind::kParse:
      return "Parse";
  }
  return "?";
}

std::string Detail(const PlanNode& node) {
  switch (node.kind) {
    case PlanNode::Kind::kScan: {
      if (node.scan_literals.empty()) return node.table_name;
      std::string literals;
      std::vector<RecordPrefilter::Literal> searched;
      for (const auto& literal : node.scan_literals) {
        if (!literals.empty()) literals += ", ";
        literals += fmt::format("\"{}\"{}", literal.text, literal.case_sensitive ? " (cs)" : "");
        searched.push_back(
            {literal.text, literal.case_sensitive, literal.bounded_start, literal.bounded_end});
      }
      return fmt::format("{} prefilter any of [{}] by {}", node.table_name, literals,
                         RecordPrefilter::Strategy(searched));
    }
    case PlanNode::Kind::kValues:
      return fmt::format("{} rows", node.rows.size());
    case PlanNode::Kind::kFilter:
      return node.exprs[0]->text;
    case PlanNode::Kind::kLimit:
      return std::to_string(node.limit);
    case PlanNode::Kind::kSort:
    case PlanNode::Kind::kTop: {
      std::string keys;
      for (const auto& key : node.sort_keys) {
        if (!keys.empty()) keys += ", ";
        keys += fmt::format("{} {} nulls {}", key.expr->text, key.descending ? "desc" : "asc",
                            key.nulls_first ? "first" : "last");
      }
      return node.kind == PlanNode::Kind::kTop ? fmt::format("{} by {}", node.limit, keys) : keys;
    }
    case PlanNode::Kind::kJoin: {
      static constexpr std::string_view kKinds[] = {"innerunique", "inner",     "leftouter",
                                                    "rightouter",  "fullouter", "leftsemi",
                                                    "rightsemi",   "leftanti",  "rightanti"};
      const Schema& left = node.children[0]->schema;
      const Schema& right = node.children[1]->schema;
      std::string keys;
      for (size_t i = 0; i < node.join_left_keys.size(); ++i) {
        if (!keys.empty()) keys += ", ";
        keys += fmt::format("{} == {}", left[static_cast<size_t>(node.join_left_keys[i])].name,
                            right[static_cast<size_t>(node.join_right_keys[i])].name);
      }
      return fmt::format("{} on {}", kKinds[static_cast<size_t>(node.join_kind)], keys);
    }
    case PlanNode::Kind::kParse:
      return node.exprs[0]->text;
    case PlanNode::Kind::kMvExpand: {
      std::string items;
      for (const auto& expr : node.exprs) items += (items.empty() ? "" : ", ") + expr->text;
      return items;
    }
    default:
      return "";
  }
}

void Explain(const PlanNode& node, int depth, std::string& out) {
  std::string columns;
  for (const auto& field : node.schema) {
    if (!columns.empty()) columns += ", ";
    columns += fmt::format("{}:{}", field.name, TypeName(field.type));
  }
  std::string detail = Detail(node);
  out += fmt::format("{:{}}{}{}{} -> ({})\n", "", depth * 2, KindName(node.kind), detail.empty() ? "" : " ",
                     detail, columns);
  for (const auto& child : node.children) Explain(*child, depth + 1, out);
}

}  // namespace

std::string ExplainPlan(const PlanNode& root) {
  std::string out;
  Explain(root, 0, out);
  return out;
}

}  // namespace iochound
