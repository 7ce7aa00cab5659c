// join and lookup: a hash join. The right side is read whole into memory and indexed by its key;
// the left side streams through, one output batch per left batch.
#include <unordered_map>
#include <unordered_set>

#include "engine/execution/operator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

using JoinKind = PlanNode::JoinKind;

// A row index of one side, or kNoRow where that side is missing (outer joins): its columns are null.
constexpr int64_t kNoRow = -1;

class JoinStream : public BatchStream {
 public:
  JoinStream(const PlanNode& plan, std::unique_ptr<BatchStream> left, std::unique_ptr<BatchStream> right)
      : plan_(plan), left_(std::move(left)), right_(std::move(right)), kind_(plan.join_kind) {}

  std::optional<Batch> Next() override {
    if (!built_) BuildRight();
    while (auto batch = left_->Next()) {
      Batch out = Probe(*batch);
      if (out.rows > 0) return out;
    }
    if (!tail_done_) {
      tail_done_ = true;
      Batch out = RightTail();
      if (out.rows > 0) return out;
    }
    return std::nullopt;
  }

 private:
  void BuildRight() {
    built_ = true;
    const Schema& schema = plan_.children[1]->schema;
    for (const auto& field : schema) right_data_.push_back(std::make_shared<Column>(field.type));
    while (auto batch = right_->Next()) {
      for (size_t c = 0; c < schema.size(); ++c) {
        for (size_t r = 0; r < batch->rows; ++r) right_data_[c]->AppendFrom(*batch->columns[c], r);
      }
    }
    size_t rows = right_data_.empty() ? 0 : right_data_[0]->size();
    matched_.assign(rows, false);
    std::string key;
    for (size_t r = 0; r < rows; ++r) {
      key.clear();
      for (int c : plan_.join_right_keys) AppendGroupKey(*right_data_[static_cast<size_t>(c)], r, key);
      index_[key].push_back(static_cast<uint32_t>(r));
    }
  }

  Batch Probe(const Batch& batch) {
    std::vector<int64_t> left_rows, right_rows;
    std::string key;
    for (size_t r = 0; r < batch.rows; ++r) {
      key.clear();
      // Nulls are keys like any other: Kusto matches a null left key with a null right key.
      for (int c : plan_.join_left_keys) AppendGroupKey(*batch.columns[static_cast<size_t>(c)], r, key);
      if (kind_ == JoinKind::kInnerUnique && !seen_left_keys_.insert(key).second) continue;
      auto it = index_.find(key);
      const std::vector<uint32_t>* matches = it == index_.end() ? nullptr : &it->second;
      switch (kind_) {
        case JoinKind::kLeftSemi:
        case JoinKind::kLeftAnti:
          if ((matches != nullptr) == (kind_ == JoinKind::kLeftSemi)) {
            left_rows.push_back(static_cast<int64_t>(r));
            right_rows.push_back(kNoRow);
          }
          break;
        case JoinKind::kRightSemi:
        case JoinKind::kRightAnti:
          if (matches != nullptr) {
            for (uint32_t m : *matches) matched_[m] = true;
          }
          break;
        default:
          if (matches != nullptr) {
            for (size_t i = 0; i < matches->size(); ++i) {
              uint32_t m = (*matches)[plan_.join_matches_reversed ? matches->size() - 1 - i : i];
              left_rows.push_back(static_cast<int64_t>(r));
              right_rows.push_back(m);
              matched_[m] = true;
            }
          } else if (kind_ == JoinKind::kLeftOuter || kind_ == JoinKind::kFullOuter) {
            left_rows.push_back(static_cast<int64_t>(r));
            right_rows.push_back(kNoRow);
          }
          break;
      }
    }
    return Emit(&batch, left_rows, right_rows);
  }

  // After the left side: the right rows that outer and right semi/anti joins emit on their own.
  Batch RightTail() {
    bool want_matched = kind_ == JoinKind::kRightSemi;
    bool want_unmatched =
        kind_ == JoinKind::kRightOuter || kind_ == JoinKind::kFullOuter || kind_ == JoinKind::kRightAnti;
    std::vector<int64_t> left_rows, right_rows;
    for (size_t m = 0; m < matched_.size(); ++m) {
      if ((matched_[m] && want_matched) || (!matched_[m] && want_unmatched)) {
        left_rows.push_back(kNoRow);
        right_rows.push_back(static_cast<int64_t>(m));
      }
    }
    return Emit(nullptr, left_rows, right_rows);
  }

  Batch Emit(const Batch* left, const std::vector<int64_t>& left_rows,
             const std::vector<int64_t>& right_rows) {
    Batch out;
    out.rows = left_rows.size();
    if (out.rows == 0) return out;
    auto gather = [&](Type type, const Column* source, const std::vector<int64_t>& rows) {
      auto column = std::make_shared<Column>(type);
      column->Reserve(rows.size());
      for (int64_t row : rows) {
        if (row == kNoRow || source == nullptr) {
          column->AppendNull();
        } else {
          column->AppendFrom(*source, static_cast<size_t>(row));
        }
      }
      return column;
    };
    const Schema& left_schema = plan_.children[0]->schema;
    const Schema& right_schema = plan_.children[1]->schema;
    for (int c : plan_.join_left_columns) {
      auto index = static_cast<size_t>(c);
      const Column* source = left == nullptr ? nullptr : left->columns[index].get();
      out.columns.push_back(gather(left_schema[index].type, source, left_rows));
    }
    for (int c : plan_.join_right_columns) {
      auto index = static_cast<size_t>(c);
      out.columns.push_back(gather(right_schema[index].type, right_data_[index].get(), right_rows));
    }
    return out;
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> left_;
  std::unique_ptr<BatchStream> right_;
  JoinKind kind_;
  bool built_ = false;
  bool tail_done_ = false;
  std::vector<std::shared_ptr<Column>> right_data_;
  std::unordered_map<std::string, std::vector<uint32_t>> index_;
  std::vector<bool> matched_;
  std::unordered_set<std::string> seen_left_keys_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeJoin(const PlanNode& plan, std::unique_ptr<BatchStream> left,
                                      std::unique_ptr<BatchStream> right) {
  return std::make_unique<JoinStream>(plan, std::move(left), std::move(right));
}

}  // namespace iochound
