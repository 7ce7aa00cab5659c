#include "packs/condition.h"

#include <fmt/format.h>

#include <map>

#include "common/suggest.h"
#include "sinks/sink_internal.h"

namespace iochound::packs {
namespace {

const std::vector<std::pair<std::string_view, MatchOp>>& OpNames() {
  static const std::vector<std::pair<std::string_view, MatchOp>> names = {
      {"image_in", MatchOp::kImageIn},
      {"path_under", MatchOp::kPathUnder},
      {"equals", MatchOp::kEquals},
      {"contains", MatchOp::kContains},
      {"startswith", MatchOp::kStartsWith},
      {"endswith", MatchOp::kEndsWith},
      {"has", MatchOp::kHas},
      {"regex", MatchOp::kRegex},
  };
  return names;
}

std::string CompileLeaf(Condition& leaf) {
  if (leaf.values.empty()) return leaf.mark.Format("a matcher needs at least one value");
  for (const auto& value : leaf.values) {
    switch (leaf.op) {
      case MatchOp::kPathUnder: {
        auto dir = NormalizePath(value);
        if (!dir) {
          return leaf.mark.Format(fmt::format(
              "path_under needs absolute directories (C:\\..., \\\\server\\share\\..., /...), got '{}'",
              value));
        }
        leaf.dirs.push_back(std::move(*dir));
        break;
      }
      case MatchOp::kRegex: {
        auto regex = std::make_shared<RE2>(value, RE2::Quiet);
        if (!regex->ok()) return leaf.mark.Format(fmt::format("bad regex '{}': {}", value, regex->error()));
        leaf.regexes.push_back(std::move(regex));
        break;
      }
      case MatchOp::kImageIn:
        if (value.find_first_of("\\/") != std::string::npos) {
          return leaf.mark.Format(
              fmt::format("image_in takes file names, not paths: '{}' (use path_under)", value));
        }
        break;
      default: {
        static const std::map<MatchOp, string_ops::Op> ops = {
            {MatchOp::kEquals, string_ops::Op::kEquals},
            {MatchOp::kContains, string_ops::Op::kContains},
            {MatchOp::kStartsWith, string_ops::Op::kStartsWith},
            {MatchOp::kEndsWith, string_ops::Op::kEndsWith},
            {MatchOp::kHas, string_ops::Op::kHas}};
        leaf.matchers.push_back(std::make_shared<string_ops::Matcher>(ops.at(leaf.op), value, false));
      }
    }
  }
  return "";
}

bool LeafMatches(const Condition& leaf, std::string_view text) {
  if (text.empty()) return false;
  switch (leaf.op) {
    case MatchOp::kImageIn: {
      std::string_view name = ImageFileName(text);
      for (const auto& value : leaf.values) {
        if (string_ops::EqualsIgnoreCase(name, value)) return true;
      }
      return false;
    }
    case MatchOp::kPathUnder: {
      auto path = NormalizePath(text);
      if (!path) return false;
      for (const auto& dir : leaf.dirs) {
        if (IsInside(*path, dir)) return true;
      }
      return false;
    }
    case MatchOp::kRegex:
      for (const auto& regex : leaf.regexes) {
        if (RE2::PartialMatch(text, *regex)) return true;
      }
      return false;
    default:
      for (const auto& matcher : leaf.matchers) {
        if (matcher->Matches(text)) return true;
      }
      return false;
  }
}

}  // namespace

std::string SourceMark::Format(std::string_view message) const {
  if (line == 0) return fmt::format("{}: {}", file, message);
  if (column == 0) return fmt::format("{}:{}: {}", file, line, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

std::optional<MatchOp> ParseMatchOp(std::string_view key) {
  for (const auto& [name, op] : OpNames()) {
    if (name == key) return op;
  }
  return std::nullopt;
}

std::vector<std::string> MatchOpNames() {
  std::vector<std::string> names;
  for (const auto& [name, op] : OpNames()) names.emplace_back(name);
  return names;
}

std::string Compile(Condition& condition) {
  if (condition.kind == Condition::Kind::kLeaf) return CompileLeaf(condition);
  for (auto& child : condition.children) {
    std::string error = Compile(child);
    if (!error.empty()) return error;
  }
  return "";
}

std::string CellText(const Column& column, size_t row) {
  if (column.type() == Type::String) return std::string(column.StringAt(row));
  std::string text;
  sinks::AppendTextCell(text, column, row);
  return text;
}

std::string BoundCondition::Bind(const Condition& condition, const Schema& schema,
                                 const std::map<std::string, std::map<std::string, std::string>>& entities,
                                 BoundCondition& out) {
  out.node_ = &condition;
  if (condition.kind != Condition::Kind::kLeaf) {
    for (const auto& child : condition.children) {
      BoundCondition bound;
      std::string error = Bind(child, schema, entities, bound);
      if (!error.empty()) return error;
      out.children_.push_back(std::move(bound));
    }
    return "";
  }
  std::string column = condition.column;
  if (!condition.entity.empty()) {
    size_t dot = condition.entity.find('.');
    std::string role = condition.entity.substr(0, dot);
    std::string attribute = dot == std::string::npos ? "" : condition.entity.substr(dot + 1);
    auto mapped = entities.find(role);
    if (mapped != entities.end()) {
      auto it = mapped->second.find(attribute);
      if (it != mapped->second.end()) {
        column = it->second;
      } else if (attribute == "name" && mapped->second.count("path")) {
        column = mapped->second.at("path");
        out.ref_.file_name = true;
      }
    }
    if (column.empty()) {
      return condition.mark.Format(fmt::format("the rule maps no entity attribute '{}'", condition.entity));
    }
  }
  out.ref_.index = FindField(schema, column);
  if (out.ref_.index < 0) {
    std::vector<std::string> names;
    for (const auto& field : schema) names.push_back(field.name);
    return condition.mark.Format(
        fmt::format("the rule's results have no column '{}'{}", column, DidYouMean(column, names)));
  }
  return "";
}

bool BoundCondition::Matches(const Batch& batch, size_t row) const {
  switch (node_->kind) {
    case Condition::Kind::kAll:
      for (const auto& child : children_) {
        if (!child.Matches(batch, row)) return false;
      }
      return true;
    case Condition::Kind::kAny:
      for (const auto& child : children_) {
        if (child.Matches(batch, row)) return true;
      }
      return false;
    case Condition::Kind::kNot:
      return !children_.front().Matches(batch, row);
    case Condition::Kind::kLeaf:
      break;
  }
  const Column& column = *batch.columns[ref_.index];
  if (column.IsNull(row)) return false;
  std::string text = CellText(column, row);
  return LeafMatches(*node_, ref_.file_name ? std::string(ImageFileName(text)) : text);
}

}  // namespace iochound::packs
