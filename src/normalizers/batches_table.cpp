#include "normalizers/batches_table.h"

namespace iochound {
namespace {

class BatchesStream : public BatchStream {
 public:
  BatchesStream(const std::vector<Batch>& batches, std::vector<int> columns)
      : batches_(batches), columns_(std::move(columns)) {}

  std::optional<Batch> Next() override {
    if (next_ == batches_.size()) return std::nullopt;
    const Batch& full = batches_[next_++];
    Batch batch;
    batch.rows = full.rows;
    batch.sources = full.sources;
    for (int column : columns_) batch.columns.push_back(full.columns[static_cast<size_t>(column)]);
    return batch;
  }

 private:
  const std::vector<Batch>& batches_;
  std::vector<int> columns_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<BatchStream> BatchesTable::Scan(const std::vector<int>& columns) {
  return std::make_unique<BatchesStream>(batches_, columns);
}

}  // namespace iochound
