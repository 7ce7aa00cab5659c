#include "normalizers/parallel_file_scan.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

#include "common/ascii.h"
#include "decoders/csv_decoder.h"
#include "normalizers/batch_builder.h"
#include "normalizers/file_table_scan.h"
#include "sources/byte_reader.h"

namespace iochound {

struct ParallelFileScan::DirectFile {
  int fd = -1;
  uint64_t size = 0;
  ~DirectFile() {
    if (fd >= 0) close(fd);
  }
};

struct ParallelFileScan::Part {
  explicit Part(const DataErrors& errors) : errors(DataErrors::Held{}, errors) {}

  const InputFile* file = nullptr;
  // A file handed to a worker whole: formats that are not cut, and files that fail to open (the
  // worker meets and reports the failure in its place in the order).
  bool whole_file = false;
  // No records: only the error that ended the cutting of its file, held like any part's errors so
  // that it prints after those of the parts before it.
  bool errors_only = false;
  InputFormat format = InputFormat::kJsonLines;
  std::unique_ptr<char[]> bytes;  // the prefix, then whole records; kPadding spare bytes after
  size_t size = 0;
  size_t prefix_bytes = 0;  // a CSV header repeated in front of the records
  uint64_t prefix_lines = 0;
  uint64_t offset = 0;        // input offset of the first record byte
  uint64_t lines_before = 0;  // lines of the file before the first record

  // Set when the worker reads the part itself: bytes [offset, offset + size) of `direct`. Its lines
  // are numbered from the part's start; Next() counts the lines before it only when some error
  // names a line.
  std::shared_ptr<const DirectFile> direct;

  // The part's data errors, held until Next() reaches the part, so errors print in input order.
  DataErrors errors;

  std::vector<Batch> batches;
  std::exception_ptr failure;
  bool done = false;  // guarded by the workers' mutex
};

class ParallelFileScan::Workers {
 public:
  Workers(int count, std::function<void(Part&)> run) : run_(std::move(run)) {
    for (int i = 0; i < count; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~Workers() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      queue_.clear();
    }
    work_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  void Submit(std::shared_ptr<Part> part) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(part));
    }
    work_.notify_one();
  }
  void Wait(const Part& part) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return part.done; });
  }

 private:
  void Loop() {
    for (;;) {
      std::shared_ptr<Part> part;
      {
        std::unique_lock lock(mutex_);
        work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        part = std::move(queue_.front());
        queue_.pop_front();
      }
      try {
        run_(*part);
      } catch (...) {
        part->failure = std::current_exception();
      }
      {
        std::lock_guard lock(mutex_);
        part->done = true;
      }
      done_.notify_all();
    }
  }

  std::function<void(Part&)> run_;
  std::mutex mutex_;
  std::condition_variable work_, done_;
  std::deque<std::shared_ptr<Part>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

namespace {

// The records of one part, decoded into batches.
class PartScan : public BatchStream {
 public:
  PartScan(std::unique_ptr<Decoder> decoder, const Schema& schema, const std::vector<int>& columns,
           DataErrors& errors, UnknownFields& unknown)
      : decoder_(std::move(decoder)), builder_(schema, columns, errors, unknown) {}
  std::optional<Batch> Next() override {
    while (builder_.rows() < kBatchRows && decoder_->Next(builder_)) {
    }
    if (builder_.rows() == 0) return std::nullopt;
    return builder_.Take();
  }

 private:
  std::unique_ptr<Decoder> decoder_;
  BatchBuilder builder_;
};

// Reads `size` bytes at `offset` of a direct file into `into`; false, with `read` set to what was
// read, when the file ends first or a read fails (errno set).
bool ReadAt(const ParallelFileScan::DirectFile& file, uint64_t offset, char* into, size_t size,
            size_t& read) {
  read = 0;
  while (read < size) {
    ssize_t n = pread(file.fd, into + read, size - read, static_cast<off_t>(offset + read));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = 0;
      return false;
    }
    read += static_cast<size_t>(n);
  }
  return true;
}

void ReadDirectPart(ParallelFileScan::Part& part) {
  part.bytes.reset(new char[part.size + InputBuffer::kPadding]);
  size_t read = 0;
  if (!ReadAt(*part.direct, part.offset, part.bytes.get(), part.size, read)) {
    throw std::runtime_error(fmt::format("{}: read failed at byte offset {}: {}", part.file->name,
                                         part.offset + read,
                                         errno != 0 ? std::strerror(errno) : "the file shrank"));
  }
}

bool IsBlankRow(std::string_view row) {
  return row.find_first_not_of("\r\n") == std::string_view::npos;
}

}  // namespace

ParallelFileScan::ParallelFileScan(const std::vector<InputFile>& files, const Schema& schema,
                                   std::vector<int> columns, DataErrors& errors, UnknownFields& unknown,
                                   std::shared_ptr<Prefilters> prefilters, ScanHints::Stage stage,
                                   int threads)
    : files_(files),
      schema_(schema),
      columns_(std::move(columns)),
      errors_(errors),
      unknown_(unknown),
      prefilters_(std::move(prefilters)),
      stage_(std::move(stage)),
      max_in_flight_(static_cast<size_t>(threads) * 2 + 1) {
  workers_ = std::make_unique<Workers>(threads, [this](Part& part) {
    if (part.errors_only) return;
    std::unique_ptr<BatchStream> rows;
    std::vector<InputFile> whole;
    if (part.whole_file) {
      whole.push_back(*part.file);
      rows = std::make_unique<FileTableScan>(whole, schema_, columns_, part.errors, unknown_, prefilters_);
    } else {
      if (part.direct) ReadDirectPart(part);
      // The prefix's lines and bytes come before the part's place in the file.
      auto input =
          std::make_unique<InputBuffer>(std::move(part.bytes), part.size, part.offset - part.prefix_bytes);
      rows =
          std::make_unique<PartScan>(MakeDecoder(part.format, std::move(input), part.file->name, part.errors,
                                                 prefilters_.get(), part.lines_before - part.prefix_lines),
                                     schema_, columns_, part.errors, unknown_);
    }
    if (stage_) rows = stage_(std::move(rows));
    while (auto batch = rows->Next()) part.batches.push_back(std::move(*batch));
  });
}

ParallelFileScan::~ParallelFileScan() = default;

std::optional<Batch> ParallelFileScan::Next() {
  for (;;) {
    if (!ready_.empty()) {
      Batch batch = std::move(ready_.front());
      ready_.pop_front();
      return batch;
    }
    while (in_flight_.size() < max_in_flight_) {
      std::shared_ptr<Part> part = ReadPart();
      if (part == nullptr) break;
      in_flight_.push_back(part);
      workers_->Submit(std::move(part));
    }
    if (in_flight_.empty()) return std::nullopt;
    std::shared_ptr<Part> part = std::move(in_flight_.front());
    in_flight_.pop_front();
    workers_->Wait(*part);
    part->errors.ReleaseTo(errors_, part->direct && part->errors.HoldsLineNumbers() ? LinesBefore(*part) : 0);
    if (part->failure) std::rethrow_exception(part->failure);
    for (Batch& batch : part->batches) ready_.push_back(std::move(batch));
  }
}

bool ParallelFileScan::OpenNextFile() {
  file_ = &files_[next_file_++];
  // A small first window: sniffing reads only the start, and workers read direct files themselves.
  // Cut files' windows grow to kPartBytes as ReadPart fills them.
  auto input = std::make_unique<InputBuffer>(OpenInput(*file_), size_t{64} << 10);
  std::optional<InputFormat> format = SniffFormat(*input);
  if (!format) return false;
  if (*format != InputFormat::kJsonLines && *format != InputFormat::kCsv) return true;
  input_ = std::move(input);
  format_ = *format;
  header_.clear();
  first_part_ = true;
  lines_before_ = 0;
  direct_ = nullptr;
  if (format_ == InputFormat::kJsonLines) direct_ = OpenDirect(*file_);
  if (direct_ != nullptr) {
    direct_next_ = input_->offset();  // after what sniffing consumed (a byte order mark)
    input_.reset();
  }
  return true;
}

std::shared_ptr<const ParallelFileScan::DirectFile> ParallelFileScan::OpenDirect(const InputFile& file) {
  if (file.spool != nullptr || file.member != nullptr) return nullptr;
  auto direct = std::make_shared<DirectFile>();
  direct->fd = open(file.name.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info;
  if (direct->fd < 0 || fstat(direct->fd, &info) != 0 || !S_ISREG(info.st_mode)) return nullptr;
  direct->size = static_cast<uint64_t>(info.st_size);
  char magic[4] = {};
  ssize_t n = pread(direct->fd, magic, sizeof magic, 0);
  std::string_view head(magic, n > 0 ? static_cast<size_t>(n) : 0);
  if (IsCompressed(head)) return nullptr;
  return direct;
}

std::shared_ptr<ParallelFileScan::Part> ParallelFileScan::NextDirectPart() {
  uint64_t start = direct_next_;
  if (start >= direct_->size) return nullptr;
  // The part ends after the first newline at or past kPartBytes, found by reading a little there.
  uint64_t end = direct_->size;
  if (direct_->size - start > kPartBytes) {
    std::string window;
    uint64_t from = start + kPartBytes - 1;
    for (size_t length = 64 << 10; from < direct_->size; from += window.size(), length *= 2) {
      window.resize(static_cast<size_t>(std::min<uint64_t>(length, direct_->size - from)));
      ssize_t n = pread(direct_->fd, window.data(), window.size(), static_cast<off_t>(from));
      if (n <= 0) break;  // the worker reading the part reports the failure
      window.resize(static_cast<size_t>(n));
      size_t newline = window.find('\n');
      if (newline != std::string::npos) {
        end = from + newline + 1;
        break;
      }
    }
  }
  auto part = std::make_shared<Part>(errors_);
  part->file = file_;
  part->format = format_;
  part->direct = direct_;
  part->offset = start;
  part->size = static_cast<size_t>(end - start);
  direct_next_ = end;
  return part;
}

uint64_t ParallelFileScan::LinesBefore(const Part& part) {
  if (counted_file_ != part.file) {
    counted_file_ = part.file;
    counted_offset_ = counted_lines_ = 0;
  }
  // Parts are released in order, so the file is read again at most once, and only as far as the
  // last part holding an error.
  std::vector<char> chunk(size_t{1} << 20);
  while (counted_offset_ < part.offset) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(chunk.size(), part.offset - counted_offset_));
    size_t read = 0;
    bool whole = ReadAt(*part.direct, counted_offset_, chunk.data(), want, read);
    counted_lines_ += CountNewlines(std::string_view(chunk.data(), read));
    counted_offset_ += read;
    if (!whole) break;  // the part's own read met the same failure and reports it
  }
  return counted_lines_;
}

std::shared_ptr<ParallelFileScan::Part> ParallelFileScan::ReadPart() {
  for (;;) {
    if (direct_ != nullptr) {
      if (auto part = NextDirectPart()) return part;
      direct_ = nullptr;
    }
    if (input_ == nullptr) {
      if (next_file_ == files_.size()) return nullptr;
      auto part = std::make_shared<Part>(errors_);
      try {
        bool has_records = OpenNextFile();
        part->file = file_;
        if (!has_records) continue;
        if (direct_ != nullptr) continue;
        if (input_ == nullptr) {
          part->whole_file = true;
          return part;
        }
      } catch (const std::runtime_error&) {
        part->file = file_;
        part->whole_file = true;  // the worker reports the failure where it belongs in the order
        return part;
      }
    }
    try {
      // At least kPartBytes, or the rest of the file, cut after the last whole record.
      bool at_end = false;
      while (input_->data().size() < kPartBytes && !at_end) at_end = !input_->Fill();
      std::string_view data = input_->data();
      size_t cut = 0;
      std::optional<uint64_t> newlines;  // in data.substr(0, cut), when cutting counted them
      for (;;) {
        data = input_->data();
        if (at_end) {
          cut = data.size();
          newlines.reset();
          break;
        }
        if (format_ == InputFormat::kCsv) {
          uint64_t counted = 0;
          cut = CsvWholeRowsEnd(data, counted);
          newlines = counted;
        } else {
          const void* newline = memrchr(data.data(), '\n', data.size());
          cut = newline ? static_cast<size_t>(static_cast<const char*>(newline) - data.data()) + 1 : 0;
        }
        if (cut > 0) break;
        at_end = !input_->Fill();  // one record larger than the window: grow it
      }
      if (data.empty()) {
        input_.reset();
        continue;
      }
      if (format_ == InputFormat::kCsv && first_part_) {
        // The header is the first row that is not blank, as CsvDecoder reads it.
        size_t row = 0;
        while (row < cut) {
          size_t end = CsvRowEnd(data.substr(0, cut), row);
          if (end == std::string_view::npos) end = cut;
          if (!IsBlankRow(data.substr(row, end - row))) {
            header_ = std::string(data.substr(0, end));
            break;
          }
          row = end;
        }
      }
      auto part = std::make_shared<Part>(errors_);
      part->file = file_;
      part->format = format_;
      part->prefix_bytes = first_part_ ? 0 : header_.size();
      part->prefix_lines = first_part_ ? 0 : CountNewlines(header_);
      part->size = part->prefix_bytes + cut;
      part->bytes.reset(new char[part->size + InputBuffer::kPadding]);
      std::memcpy(part->bytes.get(), header_.data(), part->prefix_bytes);
      std::memcpy(part->bytes.get() + part->prefix_bytes, data.data(), cut);
      part->offset = input_->offset();
      part->lines_before = lines_before_;
      lines_before_ += newlines ? *newlines : CountNewlines(data.substr(0, cut));
      input_->Consume(cut);
      first_part_ = false;
      return part;
    } catch (const std::runtime_error& e) {
      // Corrupt compressed data or a read error: the parts before it are kept.
      auto part = std::make_shared<Part>(errors_);
      part->file = file_;
      part->errors_only = true;
      part->errors.ReportFile(file_->name, std::string(e.what()) + "; the rest of the file is skipped");
      input_.reset();
      return part;
    }
  }
}

}  // namespace iochound
