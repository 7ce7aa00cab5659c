#include "decoders/evtx/evtx_reader.h"

#include <cstring>
#include <stdexcept>

#include "decoders/evtx/evtx_values.h"

namespace iochound::evtx {

EvtxReader::EvtxReader(std::string_view file_name, std::span<const uint8_t> data, DataErrors& errors)
    : EvtxReader(
          file_name,
          [data, done = size_t{0}](char* out, size_t capacity) mutable {
            size_t n = std::min(capacity, data.size() - done);
            if (n > 0) std::memcpy(out, data.data() + done, n);
            done += n;
            return n;
          },
          errors) {}

EvtxReader::EvtxReader(std::string_view file_name, Read read, DataErrors& errors)
    : file_name_(file_name), read_(std::move(read)), errors_(errors) {
  FileHeader header;
  std::string warning;
  size_t size = ReadBlock(kFileHeaderBlockSize);
  std::string problem = ParseFileHeader(std::span(buffer_.data(), size), header, warning);
  if (!problem.empty()) {
    errors_.ReportFile(file_name_, problem);
    at_end_ = true;  // nothing to read
    return;
  }
  // The header's chunk count is not trusted: dirty files under-count their chunks (libyal,
  // "Dirty file with invalid number of chunks"), so every 64 KiB block after the header is read.
  if (!warning.empty()) errors_.ReportFile(file_name_, warning + "; reading the chunks regardless");
  next_chunk_offset_ = header.header_block_size;
  record_offset_ = kChunkHeaderSize;
}

void EvtxReader::ReportChunk(std::string_view what) {
  // DataErrors prints the byte offset; the chunk number is what EVTX tools (evtxinfo) show.
  errors_.Report(
      RecordLocation{file_name_, 0, next_chunk_offset_ - chunk_.size()},
      "EVTX chunk " + std::to_string(chunk_number_) + ": " + std::string(what) + "; chunk skipped");
}

void EvtxReader::ReportRecord(uint64_t file_offset, std::string_view what) {
  errors_.Report(RecordLocation{file_name_, 0, file_offset},
                 "EVTX chunk " + std::to_string(chunk_number_) + ": " + std::string(what));
}

size_t EvtxReader::ReadBlock(size_t size) {
  buffer_.resize(size);
  size_t filled = 0;
  while (!at_end_ && filled < size) {
    try {
      size_t n = read_(reinterpret_cast<char*>(buffer_.data()) + filled, size - filled);
      if (n == 0) at_end_ = true;
      filled += n;
    } catch (const std::runtime_error& e) {
      errors_.ReportReadStopped(file_name_, e.what(), next_chunk_offset_ + filled);
      at_end_ = true;
    }
  }
  return filled;
}

bool EvtxReader::NextChunk() {
  for (;;) {
    size_t size = ReadBlock(kChunkSize);
    if (size == 0) break;
    chunk_number_ = (next_chunk_offset_ - kFileHeaderBlockSize) / kChunkSize;
    chunk_ = std::span<const uint8_t>(buffer_.data(), size);
    next_chunk_offset_ += size;
    std::string problem;
    switch (ReadChunkHeader(chunk_, chunk_header_, problem)) {
      case ChunkState::kValid:
        ++stats_.chunks;
        record_offset_ = kChunkHeaderSize;
        return true;
      case ChunkState::kEmpty:
        break;
      case ChunkState::kCorrupt:
        ++stats_.chunks_skipped;
        ReportChunk(problem);
        break;
    }
  }
  chunk_ = {};
  return false;
}

bool EvtxReader::Next(EvtxEvent& event) {
  for (;;) {
    if (chunk_.empty() || record_offset_ >= chunk_header_.free_space_offset) {
      if (!NextChunk()) return false;
    }
    const uint32_t limit = chunk_header_.free_space_offset;
    const uint64_t chunk_file_offset = next_chunk_offset_ - chunk_.size();
    RecordFrame frame;
    std::string problem = FrameRecord(chunk_, record_offset_, limit, frame);
    if (!problem.empty()) {
      // Zero fill after the last record is how writers leave a chunk's tail; anything else is a
      // broken record, and reading resumes at the next well-framed one.
      bool zero_tail = true;
      for (uint32_t i = record_offset_; i < limit && zero_tail; ++i) zero_tail = chunk_[i] == 0;
      if (!zero_tail) {
        ++stats_.records_skipped;
        ReportRecord(chunk_file_offset + record_offset_, problem);
      }
      record_offset_ = zero_tail ? limit : FindNextRecord(chunk_, record_offset_, limit);
      continue;
    }
    record_offset_ += frame.size;
    try {
      binxml_.ReadRecord(chunk_, frame.binxml_begin(), frame.binxml_end(), tree_);
    } catch (const FormatError& e) {
      ++stats_.records_skipped;
      ReportRecord(chunk_file_offset + frame.offset,
                   "record " + std::to_string(frame.record_id) + ": " + e.what() + "; record skipped");
      continue;
    }
    event_offset_ = chunk_file_offset + frame.offset;
    event.record_id = frame.record_id;
    if (!FileTimeToTicks(frame.written_filetime, event.written_ticks)) event.written_ticks = 0;
    ExtractEvent(tree_, event);
    ++stats_.events;
    return true;
  }
}

}  // namespace iochound::evtx
