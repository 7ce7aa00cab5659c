#include "normalizers/file_table_scan.h"

#include <stdexcept>

namespace iochound {

std::optional<Batch> FileTableScan::Next() {
  while (builder_.rows() < kBatchRows) {
    if (decoder_ == nullptr) {
      if (next_file_ == files_.size()) break;
      const InputFile& file = files_[next_file_++];
      try {
        decoder_ = OpenDecoder(file, errors_, prefilters_.get());
      } catch (const std::runtime_error& e) {
        // An unreadable file loses its own rows only; the message names it.
        errors_.ReportFile(file.name, e.what());
      }
      continue;
    }
    try {
      if (!decoder_->Next(builder_)) decoder_.reset();
    } catch (const std::runtime_error& e) {
      // Corrupt compressed data or a read error: the rows before it are kept.
      errors_.ReportFile(files_[next_file_ - 1].name,
                         std::string(e.what()) + "; the rest of the file is skipped");
      decoder_.reset();
    }
  }
  if (builder_.rows() == 0) return std::nullopt;
  return builder_.Take();
}

}  // namespace iochound
