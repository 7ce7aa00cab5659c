// order by / sort by: sorts its input in runs of at most EvalContext::sort_memory bytes, spills every
// run but the last to a temporary file, and merges the runs as it streams them out. Ties keep input
// order: a run's sort is stable and the merge takes a tie from the earlier run.
//
// A merge holds a block of each run it reads, so that memory stays within the budget however large
// the input: runs are written in blocks of about 1/(2 kFanIn) of the budget, and more than kFanIn
// runs are first merged kFanIn at a time into longer runs in the same file.
#include <algorithm>
#include <numeric>
#include <optional>

#include "engine/execution/operator.h"
#include "engine/execution/sort_rows.h"
#include "engine/execution/spill_file.h"

namespace iochound {
namespace {

constexpr size_t kFanIn = 16;

// Merges sorted runs, keeping the first `width` columns (the rest are the sort keys). Holds one
// batch of each run at a time.
class MergeStream : public BatchStream {
 public:
  MergeStream(std::vector<std::unique_ptr<BatchStream>> runs, const KeyOrder& order, size_t width)
      : runs_(std::move(runs)), order_(order), width_(width), cursors_(runs_.size()) {
    for (size_t run = 0; run < runs_.size(); ++run) {
      if (Load(run)) heap_.push_back(run);
    }
    std::make_heap(heap_.begin(), heap_.end(), after_);
  }

  std::optional<Batch> Next() override {
    RowStore out(width_);
    while (!heap_.empty() && out.rows() < kBatchRows) {
      std::pop_heap(heap_.begin(), heap_.end(), after_);
      size_t run = heap_.back();
      Cursor& cursor = cursors_[run];
      out.Append(cursor.batch, cursor.row);
      if (++cursor.row < cursor.batch.rows || Load(run)) {
        std::push_heap(heap_.begin(), heap_.end(), after_);
      } else {
        heap_.pop_back();
      }
    }
    if (out.rows() == 0) return std::nullopt;
    return out.Take();
  }

 private:
  struct Cursor {
    Batch batch;
    size_t row = 0;
  };

  // Reads the run's next non-empty batch; false at its end.
  bool Load(size_t run) {
    Cursor& cursor = cursors_[run];
    cursor.row = 0;
    do {
      std::optional<Batch> batch = runs_[run]->Next();
      if (!batch) return false;
      cursor.batch = std::move(*batch);
    } while (cursor.batch.rows == 0);
    return true;
  }

  std::vector<std::unique_ptr<BatchStream>> runs_;
  const KeyOrder& order_;
  size_t width_;
  std::vector<Cursor> cursors_;
  // The runs not yet exhausted, as a heap whose top is the run whose current row comes first.
  std::vector<size_t> heap_;
  std::function<bool(size_t, size_t)> after_ = [this](size_t a, size_t b) {
    int c = order_.Compare(cursors_[a].batch, cursors_[a].row, cursors_[b].batch, cursors_[b].row);
    return c > 0 || (c == 0 && a > b);
  };
};

class SortStream : public BatchStream {
 public:
  SortStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), input_(std::move(input)), context_(context) {}

  std::optional<Batch> Next() override {
    if (!output_) output_ = Sort();
    return output_->Next();
  }

 private:
  std::unique_ptr<BatchStream> Sort() {
    RowStore rows;
    size_t width = 0;
    std::vector<SpillRun> runs;
    while (auto batch = input_->Next()) {
      width = batch->columns.size();
      Batch keyed = WithSortKeys(plan_, *batch, context_);
      for (size_t r = 0; r < keyed.rows; ++r) rows.Append(keyed, r);
      if (rows.bytes() >= context_.sort_memory) {
        if (!spill_) spill_.emplace();
        block_rows_ = std::clamp<size_t>(context_.sort_memory / (2 * kFanIn) / (rows.bytes() / rows.rows()),
                                         1, kBatchRows);
        Batch run = rows.Take();
        runs.push_back(spill_->Write(run, order_.Sorted(run, run.rows), block_rows_));
      }
    }
    Batch tail = rows.Take();
    std::vector<uint32_t> tail_order = order_.Sorted(tail, tail.rows);
    if (runs.empty()) {
      tail.columns.resize(std::min(width, tail.columns.size()));
      return StreamInOrder(std::move(tail), std::move(tail_order));
    }
    while (runs.size() > kFanIn) runs = MergePass(runs);
    std::vector<std::unique_ptr<BatchStream>> streams = Read(runs);
    streams.push_back(StreamInOrder(std::move(tail), std::move(tail_order)));
    return std::make_unique<MergeStream>(std::move(streams), order_, width);
  }

  std::vector<std::unique_ptr<BatchStream>> Read(std::span<const SpillRun> runs) const {
    std::vector<std::unique_ptr<BatchStream>> streams;
    for (const SpillRun& run : runs) streams.push_back(spill_->Read(run));
    return streams;
  }

  // Merges each kFanIn consecutive runs into one, written after them; the runs read are released.
  std::vector<SpillRun> MergePass(const std::vector<SpillRun>& runs) {
    std::vector<SpillRun> merged;
    for (size_t first = 0; first < runs.size(); first += kFanIn) {
      std::span<const SpillRun> group = std::span(runs).subspan(first, std::min(kFanIn, runs.size() - first));
      {
        MergeStream merge(Read(group), order_, SIZE_MAX);
        SpillRun& run = merged.emplace_back(SpillRun{UINT64_MAX, 0});
        while (auto batch = merge.Next()) {
          std::vector<uint32_t> all(batch->rows);
          std::iota(all.begin(), all.end(), 0u);
          SpillRun part = spill_->Write(*batch, all, block_rows_);
          run.begin = std::min(run.begin, part.begin);
          run.end = part.end;
        }
      }
      for (const SpillRun& read : group) spill_->Release(read);
    }
    return merged;
  }

  const PlanNode& plan_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  KeyOrder order_{plan_.sort_keys};
  std::optional<SpillFile> spill_;
  size_t block_rows_ = kBatchRows;
  std::unique_ptr<BatchStream> output_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeSort(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                      const EvalContext& context) {
  return std::make_unique<SortStream>(plan, std::move(input), context);
}

}  // namespace iochound
