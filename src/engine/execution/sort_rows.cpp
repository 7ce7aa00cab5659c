#include "engine/execution/sort_rows.h"

#include <algorithm>
#include <numeric>

#include "engine/execution/evaluator.h"
#include "engine/execution/row_keys.h"

namespace iochound {
namespace {

uint64_t DynamicBytes(const Dynamic& d) {
  uint64_t bytes = sizeof(Dynamic) + d.string_value().size();
  if (d.kind() == Dynamic::Kind::Array) {
    for (const Dynamic& item : d.array()) bytes += DynamicBytes(item);
  } else if (d.kind() == Dynamic::Kind::Object) {
    for (const auto& [name, value] : d.object())
      bytes += sizeof(std::string) + name.size() + DynamicBytes(value);
  }
  return bytes;
}

// A row's null byte and value as a Column stores them.
uint64_t ValueBytes(const Column& column, size_t row) {
  switch (column.type()) {
    case Type::String:
    case Type::Guid:
      return 1 + sizeof(uint32_t) + column.StringAt(row).size();
    case Type::Dynamic:
      return 1 + DynamicBytes(column.DynamicAt(row));
    default:
      return 1 + sizeof(int64_t);
  }
}

class InOrderStream : public BatchStream {
 public:
  InOrderStream(Batch batch, std::vector<uint32_t> order)
      : batch_(std::move(batch)), order_(std::move(order)) {}

  std::optional<Batch> Next() override {
    if (next_ >= order_.size()) return std::nullopt;
    size_t end = std::min(order_.size(), next_ + kBatchRows);
    std::span<const uint32_t> rows(order_.data() + next_, end - next_);
    next_ = end;
    return GatherRows(batch_, rows);
  }

 private:
  Batch batch_;
  std::vector<uint32_t> order_;
  size_t next_ = 0;
};

}  // namespace

Batch WithSortKeys(const PlanNode& plan, const Batch& batch, const EvalContext& context) {
  Batch keyed = batch;
  for (const auto& key : plan.sort_keys) keyed.columns.push_back(Evaluate(*key.expr, batch, context));
  return keyed;
}

int KeyOrder::Compare(const Batch& batch_a, size_t a, const Batch& batch_b, size_t b) const {
  const size_t first_a = batch_a.columns.size() - keys_.size();
  const size_t first_b = batch_b.columns.size() - keys_.size();
  for (size_t k = 0; k < keys_.size(); ++k) {
    const Column& column_a = *batch_a.columns[first_a + k];
    const Column& column_b = *batch_b.columns[first_b + k];
    bool null_a = column_a.IsNull(a), null_b = column_b.IsNull(b);
    if (null_a || null_b) {
      if (null_a == null_b) continue;
      return null_a == keys_[k].nulls_first ? -1 : 1;
    }
    int c = CompareNonNull(column_a, a, column_b, b);
    if (c != 0) return keys_[k].descending ? -c : c;
  }
  return 0;
}

std::vector<uint32_t> KeyOrder::Sorted(const Batch& batch, size_t limit) const {
  std::vector<uint32_t> order(batch.rows);
  std::iota(order.begin(), order.end(), 0u);
  auto less = [&](uint32_t a, uint32_t b) {
    int c = Compare(batch, a, batch, b);
    return c < 0 || (c == 0 && a < b);
  };
  if (limit < order.size()) {
    std::partial_sort(order.begin(), order.begin() + static_cast<long>(limit), order.end(), less);
    order.resize(limit);
  } else {
    std::sort(order.begin(), order.end(), less);
  }
  return order;
}

void RowStore::Append(const Batch& batch, size_t row) {
  if (!sources_) {
    sources_ = std::make_shared<RowSources>();
    for (size_t c = 0; c < std::min(width_, batch.columns.size()); ++c)
      columns_.push_back(std::make_shared<Column>(batch.columns[c]->type()));
  }
  for (size_t c = 0; c < columns_.size(); ++c) {
    columns_[c]->AppendFrom(*batch.columns[c], row);
    bytes_ += ValueBytes(*columns_[c], columns_[c]->size() - 1);
  }
  sources_->AppendFrom(batch.sources.get(), row);
  bytes_ += sizeof(uint32_t) + sizeof(uint64_t);
}

Batch RowStore::Take() {
  Batch batch;
  batch.rows = rows();
  batch.columns.assign(columns_.begin(), columns_.end());
  batch.sources = std::move(sources_);
  columns_.clear();
  bytes_ = 0;
  return batch;
}

std::unique_ptr<BatchStream> StreamInOrder(Batch batch, std::vector<uint32_t> order) {
  return std::make_unique<InOrderStream>(std::move(batch), std::move(order));
}

}  // namespace iochound
