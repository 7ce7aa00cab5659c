// A FileTable scan on several threads. The calling thread cuts JSON Lines and CSV into parts of
// whole records (CSV parts repeat the header); it reads and copies them, except for uncompressed
// JSON Lines files on disk, whose parts the workers read themselves. Worker threads decode each part
// (with the literal prefilter) and run the query's streaming stage over it; Next() returns the parts'
// batches in input order, so the rows and their order are those of a scan on one thread. Other
// formats go to a worker whole. Data errors name their file's line numbers and offsets, and print
// in input order: each part's are held until Next() reaches it. The reading thread counts the lines
// of the parts it cuts; the lines before a part workers read themselves are counted only when one
// of its errors names a line. At most a few parts per thread are in flight, so memory stays bounded.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "decoders/decoder.h"
#include "decoders/record_prefilter.h"
#include "engine/catalog.h"
#include "normalizers/unknown_fields.h"
#include "sources/input_buffer.h"

namespace iochound {

class ParallelFileScan : public BatchStream {
 public:
  // Bytes of records per part.
  static constexpr size_t kPartBytes = size_t{4} << 20;

  // `files`, `schema`, `errors` and `unknown` must outlive the scan (the FileTable owns them).
  ParallelFileScan(const std::vector<InputFile>& files, const Schema& schema, std::vector<int> columns,
                   DataErrors& errors, UnknownFields& unknown, std::shared_ptr<Prefilters> prefilters,
                   ScanHints::Stage stage, int threads);
  ~ParallelFileScan() override;
  std::optional<Batch> Next() override;

  struct Part;
  struct DirectFile;
  class Workers;

 private:
  // Reads the next part of the input, or nullptr at its end.
  std::shared_ptr<Part> ReadPart();
  // Opens the next file for cutting; false when there is none left.
  bool OpenNextFile();
  // The file when workers can read it themselves (uncompressed, on disk), else nullptr.
  static std::shared_ptr<const DirectFile> OpenDirect(const InputFile& file);
  // The next part of the direct file, or nullptr at its end.
  std::shared_ptr<Part> NextDirectPart();
  // Newlines of a direct part's file before the part (parts are asked in input order).
  uint64_t LinesBefore(const Part& part);

  const std::vector<InputFile>& files_;
  const Schema& schema_;
  std::vector<int> columns_;
  DataErrors& errors_;
  UnknownFields& unknown_;
  std::shared_ptr<Prefilters> prefilters_;
  ScanHints::Stage stage_;
  size_t max_in_flight_;
  std::unique_ptr<Workers> workers_;

  // The file being cut.
  size_t next_file_ = 0;
  const InputFile* file_ = nullptr;
  std::unique_ptr<InputBuffer> input_;
  InputFormat format_ = InputFormat::kJsonLines;
  std::string header_;  // CSV: the bytes up to the end of the header row, repeated in every part
  // An uncompressed JSON Lines file on disk: workers read their parts themselves (pread), so the
  // kernel's copy runs on every worker instead of on this thread alone.
  std::shared_ptr<const DirectFile> direct_;
  uint64_t direct_next_ = 0;  // offset of the next part
  bool first_part_ = true;
  // LinesBefore's progress through the file of the parts being released.
  const InputFile* counted_file_ = nullptr;
  uint64_t counted_offset_ = 0, counted_lines_ = 0;

  uint64_t lines_before_ = 0;  // newlines of the file before the next part

  std::deque<std::shared_ptr<Part>> in_flight_;
  std::deque<Batch> ready_;
};

}  // namespace iochound
