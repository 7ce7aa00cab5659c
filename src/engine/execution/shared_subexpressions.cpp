#include "engine/execution/shared_subexpressions.h"

#include <fmt/format.h>

#include <bit>
#include <string>

namespace iochound {
namespace {

// Numbers each distinct node (hash-consing: a node's key names its children by their numbers, so
// keys stay short however deep the tree). Nodes whose equality is not worth proving (dynamic
// constants, regexes) get a number of their own.
class NodeNumbering {
 public:
  // `now_ticks`: a call's result may depend on its query's now().
  uint32_t Number(const BoundExpr& expr, int64_t now_ticks) {
    std::string key = fmt::format("{}:{}", static_cast<int>(expr.kind), static_cast<int>(expr.type));
    if (expr.kind == BoundExpr::Kind::kCall) key += fmt::format("@{}", now_ticks);
    for (const auto& arg : expr.args) key += fmt::format(",{}", Number(*arg, now_ticks));
    bool comparable = Describe(expr, key);
    uint32_t number = comparable ? numbers_.try_emplace(key, next_).first->second : next_;
    if (number == next_) ++next_;
    of_[&expr] = number;
    return number;
  }
  const std::unordered_map<const BoundExpr*, uint32_t>& of() const { return of_; }
  uint32_t count() const { return next_; }

 private:
  static bool DescribeValue(const Value& v, std::string& key) {
    if (v.is_null()) {
      key += fmt::format("|null{}", static_cast<int>(v.type()));
      return true;
    }
    switch (v.type()) {
      case Type::String:
      case Type::Guid:
        key +=
            fmt::format("|{}s{}:{}", static_cast<int>(v.type()), v.string_value().size(), v.string_value());
        return true;
      case Type::Real:
      case Type::Decimal:
        key += fmt::format("|{}r{}", static_cast<int>(v.type()), std::bit_cast<uint64_t>(v.real_value()));
        return true;
      case Type::Dynamic:
        return false;
      default:
        key += fmt::format("|{}i{}", static_cast<int>(v.type()), v.int_value());
        return true;
    }
  }

  // Appends what besides kind, type and arguments makes the node what it is; false when that is
  // not captured.
  static bool Describe(const BoundExpr& expr, std::string& key) {
    switch (expr.kind) {
      case BoundExpr::Kind::kConstant:
        return DescribeValue(expr.value, key);
      case BoundExpr::Kind::kColumn:
        key += fmt::format("|c{}", expr.column_index);
        return true;
      case BoundExpr::Kind::kCall:
        // Two calls of rand() are two draws.
        if (expr.function->name == "rand" || expr.function->name == "new_guid") return false;
        key += fmt::format("|f{}", static_cast<const void*>(expr.function));
        return true;
      case BoundExpr::Kind::kAnd:
      case BoundExpr::Kind::kOr:
      case BoundExpr::Kind::kNot:
        return true;
      case BoundExpr::Kind::kStringPredicate:
        key += fmt::format("|p{}{}{}", static_cast<int>(expr.string_op), expr.negated, expr.case_sensitive);
        return true;
      case BoundExpr::Kind::kInSet:
        key += fmt::format("|in{}{}{}", expr.negated, expr.case_sensitive, expr.set.size());
        for (const Value& v : expr.set) {
          if (!DescribeValue(v, key)) return false;
        }
        return true;
      case BoundExpr::Kind::kHasAny:
        key += fmt::format("|h{}{}{}", expr.negated, expr.match_all, expr.needles.size());
        for (const auto& needle : expr.needles) key += fmt::format("|{}:{}", needle.size(), needle);
        return true;
      case BoundExpr::Kind::kMemberAccess:
        key += fmt::format("|m{}:{}", expr.member.size(), expr.member);
        return true;
      case BoundExpr::Kind::kIndexAccess:
        return true;
      case BoundExpr::Kind::kRegexMatch:
        return false;
    }
    return false;
  }

  std::map<std::string, uint32_t> numbers_;
  std::unordered_map<const BoundExpr*, uint32_t> of_;
  uint32_t next_ = 0;
};

void Collect(const BoundExpr& expr, std::vector<const BoundExpr*>& nodes) {
  nodes.push_back(&expr);
  for (const auto& arg : expr.args) Collect(*arg, nodes);
}

}  // namespace

SharedSubexpressions::SharedSubexpressions(std::span<const Root> roots) {
  NodeNumbering numbering;
  for (const Root& root : roots) numbering.Number(*root.expr, root.now_ticks);
  // How many roots hold each number (a root holding it twice counts once).
  std::vector<size_t> last_root(numbering.count(), SIZE_MAX), holders(numbering.count(), 0);
  std::vector<const BoundExpr*> nodes;
  for (size_t r = 0; r < roots.size(); ++r) {
    nodes.clear();
    Collect(*roots[r].expr, nodes);
    for (const BoundExpr* node : nodes) {
      uint32_t number = numbering.of().at(node);
      if (last_root[number] != r) {
        last_root[number] = r;
        ++holders[number];
      }
    }
  }
  for (const auto& [node, number] : numbering.of()) {
    // Columns and constants cost nothing to evaluate again.
    if (node->kind == BoundExpr::Kind::kColumn || node->kind == BoundExpr::Kind::kConstant) continue;
    if (holders[number] > 1) ids_.emplace(node, number);
  }
}

void SharedSubexpressions::Reset(const Batch& batch) {
  batch_ = &batch;
  results_.clear();
  gathered_.clear();
}

bool SharedSubexpressions::Kept(const Batch& batch) const {
  if (&batch == batch_) return true;
  for (const auto& [key, gathered] : gathered_) {
    if (&gathered->rows == &batch) return true;
  }
  return false;
}

ColumnPtr* SharedSubexpressions::Result(const BoundExpr& expr, const Batch& batch) {
  auto id = ids_.find(&expr);
  if (id == ids_.end() || !Kept(batch)) return nullptr;
  return &results_[{&batch, id->second}];
}

SharedSubexpressions::Gathered* SharedSubexpressions::Open(const BoundExpr& left, bool is_and,
                                                           const Batch& batch) {
  auto id = ids_.find(&left);
  if (id == ids_.end() || !Kept(batch)) return nullptr;
  auto& slot = gathered_[{&batch, id->second, is_and}];
  if (!slot) slot = std::make_unique<Gathered>();
  return slot.get();
}

}  // namespace iochound
