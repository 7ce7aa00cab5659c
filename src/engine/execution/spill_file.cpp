// A block is its payload's size (uint64) and the payload: the row count, the column count, each
// column as its type and per row a null byte and the value, then the sources (a flag, the distinct
// file names, per row an index into them or kUnknownFile and an offset). Numbers are in this
// machine's byte order: the file never outlives the process that wrote it.
#include "engine/execution/spill_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "common/diagnostics.h"

namespace iochound {
namespace {

constexpr uint32_t kUnknownFile = UINT32_MAX;

template <typename T>
void Put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void PutBytes(std::string& out, std::string_view bytes) {
  Put<uint64_t>(out, bytes.size());
  out.append(bytes);
}

void PutDynamic(std::string& out, const Dynamic& d) {
  Put(out, static_cast<uint8_t>(d.kind()));
  switch (d.kind()) {
    case Dynamic::Kind::Null:
      break;
    case Dynamic::Kind::Bool:
    case Dynamic::Kind::Long:
    case Dynamic::Kind::DateTime:
    case Dynamic::Kind::TimeSpan:
      Put(out, d.int_value());
      break;
    case Dynamic::Kind::Real:
      Put(out, d.real_value());
      break;
    case Dynamic::Kind::String:
    case Dynamic::Kind::Guid:
      PutBytes(out, d.string_value());
      break;
    case Dynamic::Kind::Array:
      Put<uint64_t>(out, d.array().size());
      for (const Dynamic& item : d.array()) PutDynamic(out, item);
      break;
    case Dynamic::Kind::Object:
      Put<uint64_t>(out, d.object().size());
      for (const auto& [name, value] : d.object()) {
        PutBytes(out, name);
        PutDynamic(out, value);
      }
      break;
  }
}

void PutValue(std::string& out, const Column& column, size_t row) {
  Put<uint8_t>(out, column.IsNull(row));
  if (column.IsNull(row)) return;
  switch (column.type()) {
    case Type::Real:
    case Type::Decimal:
      Put(out, column.RealAt(row));
      break;
    case Type::String:
    case Type::Guid:
      PutBytes(out, column.StringAt(row));
      break;
    case Type::Dynamic:
      PutDynamic(out, column.DynamicAt(row));
      break;
    default:
      Put(out, column.IntAt(row));
      break;
  }
}

void PutSources(std::string& out, const RowSources* sources, std::span<const uint32_t> rows) {
  Put<uint8_t>(out, sources != nullptr);
  if (sources == nullptr) return;
  std::vector<std::string_view> files;
  std::string per_row;
  for (uint32_t row : rows) {
    std::optional<RowSource> source = sources->At(row);
    uint32_t file = kUnknownFile;
    if (source) {
      // Rows come file after file, so the last file is nearly always the one.
      size_t i = files.size();
      while (i > 0 && files[i - 1] != source->file) --i;
      if (i == 0) files.push_back(source->file);
      file = static_cast<uint32_t>(i == 0 ? files.size() - 1 : i - 1);
    }
    Put(per_row, file);
    Put<uint64_t>(per_row, source ? source->offset : 0);
  }
  Put<uint64_t>(out, files.size());
  for (std::string_view file : files) PutBytes(out, file);
  out += per_row;
}

// Reads a block's payload, every read checked against its end.
class BlockReader {
 public:
  BlockReader(std::string_view payload, const std::string& path) : rest_(payload), path_(path) {}

  template <typename T>
  T Get() {
    T v;
    std::memcpy(&v, Take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string_view GetBytes() { return Take(Get<uint64_t>()); }
  [[noreturn]] void Corrupt() const {
    throw QueryError(fmt::format("order by: the spill file '{}' reads back corrupt", path_));
  }

  Dynamic GetDynamic() {
    switch (static_cast<Dynamic::Kind>(Get<uint8_t>())) {
      case Dynamic::Kind::Null:
        return Dynamic();
      case Dynamic::Kind::Bool:
        return Dynamic::MakeBool(Get<int64_t>() != 0);
      case Dynamic::Kind::Long:
        return Dynamic::MakeLong(Get<int64_t>());
      case Dynamic::Kind::DateTime:
        return Dynamic::MakeDateTime(Get<int64_t>());
      case Dynamic::Kind::TimeSpan:
        return Dynamic::MakeTimeSpan(Get<int64_t>());
      case Dynamic::Kind::Real:
        return Dynamic::MakeReal(Get<double>());
      case Dynamic::Kind::String:
        return Dynamic::MakeString(std::string(GetBytes()));
      case Dynamic::Kind::Guid:
        return Dynamic::MakeGuid(std::string(GetBytes()));
      case Dynamic::Kind::Array: {
        Dynamic::Array items(Count());
        for (Dynamic& item : items) item = GetDynamic();
        return Dynamic::MakeArray(std::move(items));
      }
      case Dynamic::Kind::Object: {
        Dynamic::Object members(Count());
        for (auto& [name, value] : members) {
          name = GetBytes();
          value = GetDynamic();
        }
        return Dynamic::MakeObject(std::move(members));
      }
    }
    Corrupt();
  }

  std::shared_ptr<Column> GetColumn(size_t rows) {
    uint8_t type = Get<uint8_t>();
    if (type > static_cast<uint8_t>(Type::Guid)) Corrupt();
    auto column = std::make_shared<Column>(static_cast<Type>(type));
    column->Reserve(rows);
    for (size_t r = 0; r < rows; ++r) {
      if (Get<uint8_t>() != 0) {
        column->AppendNull();
        continue;
      }
      switch (column->type()) {
        case Type::Null:
          column->AppendNull();
          break;
        case Type::Real:
        case Type::Decimal:
          column->AppendReal(Get<double>());
          break;
        case Type::String:
        case Type::Guid:
          column->AppendString(GetBytes());
          break;
        case Type::Dynamic:
          column->AppendDynamic(GetDynamic());
          break;
        default:
          column->AppendInt(Get<int64_t>());
          break;
      }
    }
    return column;
  }

  std::shared_ptr<const RowSources> GetSources(size_t rows) {
    if (Get<uint8_t>() == 0) return nullptr;
    std::vector<std::string_view> files(Count());
    for (std::string_view& file : files) file = GetBytes();
    auto sources = std::make_shared<RowSources>();
    for (size_t r = 0; r < rows; ++r) {
      uint32_t file = Get<uint32_t>();
      uint64_t offset = Get<uint64_t>();
      if (file == kUnknownFile) {
        sources->AppendUnknown(1);
      } else {
        if (file >= files.size()) Corrupt();
        sources->Append(files[file], offset);
      }
    }
    return sources;
  }

  bool AtEnd() const { return rest_.empty(); }

 private:
  std::string_view Take(uint64_t n) {
    if (n > rest_.size()) Corrupt();
    std::string_view taken = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return taken;
  }
  // An element count, which cannot exceed the bytes left (every element takes at least one).
  size_t Count() {
    uint64_t n = Get<uint64_t>();
    if (n > rest_.size()) Corrupt();
    return n;
  }

  std::string_view rest_;
  const std::string& path_;
};

std::string Encode(const Batch& batch, std::span<const uint32_t> rows) {
  std::string block(sizeof(uint64_t), '\0');
  Put<uint64_t>(block, rows.size());
  Put<uint64_t>(block, batch.columns.size());
  for (const auto& column : batch.columns) {
    Put(block, static_cast<uint8_t>(column->type()));
    for (uint32_t row : rows) PutValue(block, *column, row);
  }
  PutSources(block, batch.sources.get(), rows);
  uint64_t payload = block.size() - sizeof(uint64_t);
  std::memcpy(block.data(), &payload, sizeof payload);
  return block;
}

class RunStream : public BatchStream {
 public:
  RunStream(int fd, const std::string& path, SpillRun run) : fd_(fd), path_(path), run_(run) {}

  std::optional<Batch> Next() override {
    if (run_.begin >= run_.end) return std::nullopt;
    uint64_t payload = 0;
    ReadAt(run_.begin, reinterpret_cast<char*>(&payload), sizeof payload);
    if (payload > run_.end - run_.begin - sizeof payload) BlockReader("", path_).Corrupt();
    buffer_.resize(payload);
    ReadAt(run_.begin + sizeof payload, buffer_.data(), payload);
    run_.begin += sizeof payload + payload;
    BlockReader reader(buffer_, path_);
    Batch batch;
    batch.rows = reader.Get<uint64_t>();
    if (batch.rows > payload) reader.Corrupt();
    batch.columns.resize(reader.Get<uint64_t>());
    if (batch.columns.size() > payload) reader.Corrupt();
    for (auto& column : batch.columns) column = reader.GetColumn(batch.rows);
    batch.sources = reader.GetSources(batch.rows);
    if (!reader.AtEnd()) reader.Corrupt();
    return batch;
  }

 private:
  void ReadAt(uint64_t offset, char* into, size_t n) const {
    while (n > 0) {
      ssize_t got = pread(fd_, into, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        throw QueryError(fmt::format("order by: cannot read the spill file '{}': {}", path_,
                                     got < 0 ? std::strerror(errno) : "it ends early"));
      }
      into += got;
      offset += static_cast<uint64_t>(got);
      n -= static_cast<size_t>(got);
    }
  }

  int fd_;
  const std::string& path_;
  SpillRun run_;
  std::string buffer_;
};

}  // namespace

std::string SpillFile::DefaultDirectory() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
}

SpillFile::SpillFile(const std::string& directory) : path_(directory + "/iochound-sort-XXXXXX") {
  fd_ = mkostemp(path_.data(), O_CLOEXEC);
  if (fd_ < 0) {
    throw QueryError(fmt::format("order by: cannot create a spill file in '{}' (TMPDIR, else /tmp): {}",
                                 directory, std::strerror(errno)));
  }
  if (unlink(path_.c_str()) != 0) {
    std::string error = std::strerror(errno);
    close(fd_);
    throw QueryError(fmt::format("order by: cannot unlink the spill file '{}': {}", path_, error));
  }
}

SpillFile::~SpillFile() {
  close(fd_);
}

SpillRun SpillFile::Write(const Batch& batch, std::span<const uint32_t> rows, size_t block_rows) {
  SpillRun run{size_, size_};
  for (size_t begin = 0; begin < rows.size(); begin += block_rows) {
    std::string block = Encode(batch, rows.subspan(begin, std::min(block_rows, rows.size() - begin)));
    for (size_t written = 0; written < block.size();) {
      ssize_t n = pwrite(fd_, block.data() + written, block.size() - written, static_cast<off_t>(size_));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        throw QueryError(fmt::format(
            "order by: writing the spill file '{}' failed after {} bytes: {} (raise --sort-memory, or "
            "set TMPDIR to a directory with more room)",
            path_, size_, n < 0 ? std::strerror(errno) : "nothing written"));
      }
      written += static_cast<size_t>(n);
      size_ += static_cast<uint64_t>(n);
    }
  }
  run.end = size_;
  return run;
}

std::unique_ptr<BatchStream> SpillFile::Read(SpillRun run) const {
  return std::make_unique<RunStream>(fd_, path_, run);
}

void SpillFile::Release(SpillRun run) {
  if (run.end > run.begin)
    fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, static_cast<off_t>(run.begin),
              static_cast<off_t>(run.end - run.begin));
}

uint64_t SpillFile::DiskBytes() const {
  struct stat info {};
  return fstat(fd_, &info) == 0 ? static_cast<uint64_t>(info.st_blocks) * 512 : 0;
}

}  // namespace iochound
