#include "types/row_sources.h"

namespace iochound {

uint32_t RowSources::FileIndex(std::string_view file) {
  // Rows come file after file, so the last file is nearly always the one.
  for (size_t i = files_.size(); i-- > 0;) {
    if (files_[i] == file) return static_cast<uint32_t>(i);
  }
  files_.emplace_back(file);
  return static_cast<uint32_t>(files_.size() - 1);
}

void RowSources::Append(std::string_view file, uint64_t offset) {
  file_.push_back(file.empty() ? kUnknown : FileIndex(file));
  offset_.push_back(offset);
}

void RowSources::AppendUnknown(size_t rows) {
  file_.insert(file_.end(), rows, kUnknown);
  offset_.insert(offset_.end(), rows, 0);
}

void RowSources::AppendFrom(const RowSources* other, size_t row) {
  std::optional<RowSource> source = other == nullptr ? std::nullopt : other->At(row);
  if (source) {
    Append(source->file, source->offset);
  } else {
    AppendUnknown(1);
  }
}

std::optional<RowSource> RowSources::At(size_t row) const {
  if (row >= file_.size() || file_[row] == kUnknown) return std::nullopt;
  return RowSource{files_[file_[row]], offset_[row]};
}

std::shared_ptr<const RowSources> RowSources::Gather(std::span<const uint32_t> rows) const {
  auto out = std::make_shared<RowSources>();
  out->files_ = files_;
  out->file_.reserve(rows.size());
  out->offset_.reserve(rows.size());
  for (uint32_t row : rows) {
    out->file_.push_back(row < file_.size() ? file_[row] : kUnknown);
    out->offset_.push_back(row < offset_.size() ? offset_[row] : 0);
  }
  return out;
}

}  // namespace iochound
