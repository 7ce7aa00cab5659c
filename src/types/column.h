// A typed column of a batch: the unit of vectorized evaluation.
//
// Storage is by physical kind so kernels can run over plain arrays: int64_t for bool, int, long,
// datetime and timespan; double for real and decimal; one contiguous character buffer with offsets
// for string and guid (no per-row allocation); Dynamic objects for dynamic. A byte per row marks
// nulls (string columns never hold nulls: Kusto has no null string, the empty string stands in).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "types/dynamic.h"
#include "types/row_sources.h"
#include "types/type.h"
#include "types/value.h"

namespace iochound {

class Column {
 public:
  explicit Column(Type type) : type_(type) { offsets_.push_back(0); }

  Type type() const { return type_; }
  size_t size() const { return nulls_.size(); }
  void Reserve(size_t rows);

  bool IsNull(size_t row) const { return nulls_[row] != 0; }
  int64_t IntAt(size_t row) const { return ints_[row]; }
  double RealAt(size_t row) const { return reals_[row]; }
  std::string_view StringAt(size_t row) const {
    return std::string_view(chars_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]);
  }
  const Dynamic& DynamicAt(size_t row) const { return dynamics_[row]; }
  // Boxes one row; prefer the typed accessors in kernels.
  Value ValueAt(size_t row) const;

  // Raw arrays for kernels.
  const std::vector<uint8_t>& nulls() const { return nulls_; }
  const std::vector<int64_t>& ints() const { return ints_; }
  const std::vector<double>& reals() const { return reals_; }

  void AppendNull();
  void AppendInt(int64_t v);
  void AppendReal(double v);
  void AppendString(std::string_view v);
  void AppendDynamic(Dynamic v);
  // Appends a value of this column's type (or a null); a value of another type is a programming
  // error and throws std::logic_error.
  void Append(const Value& v);
  void AppendFrom(const Column& other, size_t row);

  // A new column holding rows[i] of this one, in order.
  std::shared_ptr<Column> Gather(std::span<const uint32_t> rows) const;
  // A column of `rows` copies of `v` (typed as `type`).
  static std::shared_ptr<Column> Constant(Type type, const Value& v, size_t rows);

 private:
  Type type_;
  std::vector<uint8_t> nulls_;
  std::vector<int64_t> ints_;
  std::vector<double> reals_;
  std::vector<uint32_t> offsets_;
  std::string chars_;
  std::vector<Dynamic> dynamics_;
};

using ColumnPtr = std::shared_ptr<const Column>;

// Rows flowing between operators: columns of equal length, described by the operator's Schema.
struct Batch {
  std::vector<ColumnPtr> columns;
  size_t rows = 0;
  // Each row's source record, when the scan knows it and every operator since kept rows whole;
  // null otherwise (row_sources.h).
  std::shared_ptr<const RowSources> sources;
};

// Rows per batch produced by scans: large enough to amortize per-batch work, small enough to stay
// in cache while a pipeline of operators runs over it.
inline constexpr size_t kBatchRows = 4096;

}  // namespace iochound
