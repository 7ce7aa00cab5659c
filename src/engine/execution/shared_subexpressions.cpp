#include "engine/execution/shared_subexpressions.h"

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/execution/evaluator.h"

namespace iochound {
namespace {

// Numbers each distinct node (hash-consing: a node's key names its children by their numbers, so
// keys stay short however deep the tree). Nodes whose equality is not worth proving (dynamic
// constants, regexes) get a number of their own.
class NodeNumbering {
 public:
  // Numbers `expr` and its subtree, nodes of root number `root`. `now_ticks`: a call's result may
  // depend on its query's now(). Which tests queries share is near the root (a Sigma rule's
  // logsource test is at depth 2, under the `or` of its branches and the `and` of its detection);
  // deeper tests run over the few rows left there and are mostly a rule's own, so they get
  // numbers of their own: comparing every test of a thousand rules costs more than sharing them
  // saves. The values those tests read (`tostring(EventData['Image'])`) are shared at any depth:
  // hundreds of rules read the same few fields, and extracting a field is the dear part.
  uint32_t Number(const BoundExpr& expr, int64_t now_ticks, size_t root, int depth = 0) {
    constexpr int kDeepestSharedTest = 5;
    std::string key;
    bool comparable = depth <= kDeepestSharedTest || IsValue(expr);
    if (comparable) {
      Put(key, static_cast<uint64_t>(expr.kind));
      Put(key, static_cast<uint64_t>(expr.type));
      if (expr.kind == BoundExpr::Kind::kCall) Put(key, static_cast<uint64_t>(now_ticks));
      Put(key, expr.args.size());
    }
    for (const auto& arg : expr.args) {
      uint32_t child = Number(*arg, now_ticks, root, depth + 1);
      if (comparable) Put(key, child);
    }
    if (comparable) comparable = Describe(expr, key);
    uint32_t number = comparable ? numbers_.try_emplace(std::move(key), next_).first->second : next_;
    if (number == next_) {
      ++next_;
      last_root_.push_back(SIZE_MAX);
      roots_.push_back(0);
    }
    if (last_root_[number] != root) {
      last_root_[number] = root;
      ++roots_[number];
    }
    of_.emplace_back(&expr, number);
    return number;
  }
  // Every node numbered, with its number.
  const std::vector<std::pair<const BoundExpr*, uint32_t>>& of() const { return of_; }
  // How many roots hold a node of that number (a root holding it twice counts once).
  size_t roots(uint32_t number) const { return roots_[number]; }

 private:
  // Keys are bytes: fixed-width integers and length-prefixed strings, so two nodes that differ never
  // share one, and nothing is formatted (numbering visits every node of a thousand rules).
  static void Put(std::string& key, uint64_t value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  static void Put(std::string& key, std::string_view text) {
    Put(key, text.size());
    key.append(text);
  }

  // A node that reads or computes a value rather than testing one.
  static bool IsValue(const BoundExpr& expr) {
    switch (expr.kind) {
      case BoundExpr::Kind::kConstant:
      case BoundExpr::Kind::kColumn:
      case BoundExpr::Kind::kCall:
      case BoundExpr::Kind::kMemberAccess:
      case BoundExpr::Kind::kIndexAccess:
        return true;
      default:
        return false;
    }
  }

  static bool DescribeValue(const Value& v, std::string& key) {
    Put(key, static_cast<uint64_t>(v.type()));
    if (v.is_null()) {
      key += 'n';
      return true;
    }
    switch (v.type()) {
      case Type::String:
      case Type::Guid:
        key += 's';
        Put(key, v.string_value());
        return true;
      case Type::Real:
      case Type::Decimal:
        key += 'r';
        Put(key, std::bit_cast<uint64_t>(v.real_value()));
        return true;
      case Type::Dynamic:
        return false;
      default:
        key += 'i';
        Put(key, static_cast<uint64_t>(v.int_value()));
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
        Put(key, static_cast<uint64_t>(expr.column_index));
        return true;
      case BoundExpr::Kind::kCall:
        // Two calls of rand() are two draws.
        if (expr.function->name == "rand" || expr.function->name == "new_guid") return false;
        Put(key, reinterpret_cast<uintptr_t>(expr.function));
        return true;
      case BoundExpr::Kind::kAnd:
      case BoundExpr::Kind::kOr:
      case BoundExpr::Kind::kNot:
        return true;
      case BoundExpr::Kind::kStringPredicate:
        Put(key, static_cast<uint64_t>(expr.string_op));
        key += static_cast<char>(expr.negated);
        key += static_cast<char>(expr.case_sensitive);
        return true;
      case BoundExpr::Kind::kInSet:
        key += static_cast<char>(expr.negated);
        key += static_cast<char>(expr.case_sensitive);
        Put(key, expr.set.size());
        for (const Value& v : expr.set) {
          if (!DescribeValue(v, key)) return false;
        }
        return true;
      case BoundExpr::Kind::kHasAny:
        key += static_cast<char>(expr.negated);
        key += static_cast<char>(expr.match_all);
        Put(key, expr.needles.size());
        for (const auto& needle : expr.needles) Put(key, needle);
        return true;
      case BoundExpr::Kind::kMemberAccess:
        Put(key, expr.member);
        return true;
      case BoundExpr::Kind::kIndexAccess:
        return true;
      case BoundExpr::Kind::kRegexMatch:
        return false;
    }
    return false;
  }

  std::unordered_map<std::string, uint32_t> numbers_;
  std::vector<std::pair<const BoundExpr*, uint32_t>> of_;
  std::vector<size_t> last_root_, roots_;
  uint32_t next_ = 0;
};

}  // namespace

void SharedSubexpressions::NodeIds::Build(const std::vector<std::pair<const BoundExpr*, uint32_t>>& entries) {
  size_t capacity = 16;
  while (capacity < entries.size() * 2) capacity *= 2;
  shift_ = 64 - std::countr_zero(capacity);
  slots_.assign(capacity, {nullptr, 0});
  for (const auto& entry : entries) {
    size_t slot = Slot(entry.first);
    while (slots_[slot].first != nullptr) slot = (slot + 1) & (capacity - 1);
    slots_[slot] = entry;
  }
}

size_t SharedSubexpressions::NodeIds::Slot(const BoundExpr* node) const {
  // Fibonacci hashing: the multiply spreads the pointer's bits into the top ones kept.
  return static_cast<size_t>((reinterpret_cast<uintptr_t>(node) * 0x9E3779B97F4A7C15ull) >> shift_);
}

const uint32_t* SharedSubexpressions::NodeIds::Find(const BoundExpr* node) const {
  if (slots_.empty()) return nullptr;
  for (size_t slot = Slot(node);; slot = (slot + 1) & (slots_.size() - 1)) {
    if (slots_[slot].first == node) return &slots_[slot].second;
    if (slots_[slot].first == nullptr) return nullptr;
  }
}

SharedSubexpressions::SharedSubexpressions(std::span<const Root> roots) {
  NodeNumbering numbering;
  for (size_t r = 0; r < roots.size(); ++r) numbering.Number(*roots[r].expr, roots[r].now_ticks, r);
  std::vector<std::pair<const BoundExpr*, uint32_t>> shared;
  for (const auto& [node, number] : numbering.of()) {
    // Columns and constants cost nothing to evaluate again.
    if (node->kind == BoundExpr::Kind::kColumn || node->kind == BoundExpr::Kind::kConstant) continue;
    if (numbering.roots(number) > 1) shared.emplace_back(node, number);
  }
  ids_.Build(shared);
}

void SharedSubexpressions::Reset(const Batch& batch) {
  results_.clear();
  selections_.clear();
  subsets_.clear();
  kept_ = {&batch};
}

ColumnPtr* SharedSubexpressions::Result(const BoundExpr& expr, const Batch& batch) {
  const uint32_t* id = ids_.Find(&expr);
  if (id == nullptr || !kept_.contains(&batch)) return nullptr;
  return &results_[{&batch, *id}];
}

std::vector<uint32_t>* SharedSubexpressions::Selection(const BoundExpr& expr, const Batch& batch, bool want,
                                                       bool** filled) {
  const uint32_t* id = ids_.Find(&expr);
  if (id == nullptr || !kept_.contains(&batch)) return nullptr;
  Selected& selected = selections_[{&batch, *id, want}];
  *filled = &selected.filled;
  return &selected.rows;
}

const Batch* SharedSubexpressions::Subset(const Batch& batch, const std::vector<uint32_t>& rows) {
  if (!kept_.contains(&batch)) return nullptr;
  auto& subset = subsets_[{&batch, rows}];
  if (!subset) {
    subset = std::make_unique<Batch>(GatherRows(batch, rows));
    kept_.insert(subset.get());
  }
  return subset.get();
}

}  // namespace iochound
