// Where the rows of a batch came from: for each row, the input file and the byte offset (in the
// decompressed input) of the source record it was made from: the EVTX record header, the JSON
// line, the CSV row. Alerts report it as their provenance.
//
// It travels beside a batch's columns, not as one of them, so a query never sees it (`project`,
// `*`, getschema). Operators that keep each row whole (where, project, extend, take, order by, top,
// union) keep it; operators whose output rows have no single source record (summarize, join ...)
// produce batches without it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

struct RowSource {
  std::string_view file;
  uint64_t offset = 0;
};

class RowSources {
 public:
  // Adds a row from the record at `offset` of `file`; an empty `file` is an unknown source.
  void Append(std::string_view file, uint64_t offset);
  void AppendUnknown(size_t rows);
  // Adds `other`'s row `row` (unknown when `other` is null).
  void AppendFrom(const RowSources* other, size_t row);
  size_t size() const { return file_.size(); }
  // The source of `row`, nullopt when unknown. The file name lives as long as this object.
  std::optional<RowSource> At(size_t row) const;
  std::shared_ptr<const RowSources> Gather(std::span<const uint32_t> rows) const;

 private:
  static constexpr uint32_t kUnknown = UINT32_MAX;
  uint32_t FileIndex(std::string_view file);

  std::vector<std::string> files_;  // distinct files, usually one per batch
  std::vector<uint32_t> file_;      // per row: index into files_, or kUnknown
  std::vector<uint64_t> offset_;    // per row
};

}  // namespace iochound
