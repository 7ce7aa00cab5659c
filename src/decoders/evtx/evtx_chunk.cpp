#include "decoders/evtx/evtx_chunk.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "decoders/evtx/evtx_bytes.h"

namespace iochound::evtx {
namespace {

constexpr std::string_view kChunkSignature("ElfChnk\0", 8);
constexpr uint8_t kRecordSignature[4] = {0x2a, 0x2a, 0x00, 0x00};
constexpr uint32_t kRecordHeaderSize = 24;
constexpr uint32_t kMinRecordSize = kRecordHeaderSize + 4 + 1;  // header, one BinXML byte, size copy

std::string CrcMismatch(const char* what, uint32_t stored, uint32_t computed) {
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%s CRC32 mismatch (stored 0x%08x, computed 0x%08x)", what, stored,
                computed);
  return buf;
}

}  // namespace

ChunkState ReadChunkHeader(std::span<const uint8_t> chunk, ChunkHeader& header, std::string& problem) {
  problem.clear();
  if (std::all_of(chunk.begin(), chunk.end(), [](uint8_t b) { return b == 0; })) return ChunkState::kEmpty;
  if (chunk.size() < kChunkSize) {
    problem = "truncated chunk (" + std::to_string(chunk.size()) + " of 65536 bytes)";
    return ChunkState::kCorrupt;
  }
  const uint8_t* p = chunk.data();
  if (std::string_view(reinterpret_cast<const char*>(p), 8) != kChunkSignature) {
    problem = "bad chunk signature";
    return ChunkState::kCorrupt;
  }
  uint32_t stored = LoadLe<uint32_t>(p + 124);
  uint32_t computed = static_cast<uint32_t>(crc32(crc32(0, p, 120), p + 128, kChunkHeaderSize - 128));
  if (stored != computed) {
    problem = CrcMismatch("chunk header", stored, computed);
    return ChunkState::kCorrupt;
  }
  header.first_record_number = LoadLe<uint64_t>(p + 8);
  header.last_record_number = LoadLe<uint64_t>(p + 16);
  header.first_record_id = LoadLe<uint64_t>(p + 24);
  header.last_record_id = LoadLe<uint64_t>(p + 32);
  header.last_record_offset = LoadLe<uint32_t>(p + 44);
  header.free_space_offset = LoadLe<uint32_t>(p + 48);
  if (header.free_space_offset < kChunkHeaderSize || header.free_space_offset > kChunkSize) {
    problem = "free space offset " + std::to_string(header.free_space_offset) + " outside the chunk";
    return ChunkState::kCorrupt;
  }
  stored = LoadLe<uint32_t>(p + 52);
  computed =
      static_cast<uint32_t>(crc32(0, p + kChunkHeaderSize, header.free_space_offset - kChunkHeaderSize));
  if (stored != computed) {
    problem = CrcMismatch("event records", stored, computed);
    return ChunkState::kCorrupt;
  }
  return ChunkState::kValid;
}

std::string FrameRecord(std::span<const uint8_t> chunk, uint32_t offset, uint32_t limit, RecordFrame& frame) {
  if (limit > chunk.size() || offset > limit || limit - offset < kMinRecordSize)
    return "record header truncated";
  const uint8_t* p = chunk.data() + offset;
  if (!std::equal(p, p + 4, kRecordSignature)) return "bad record signature";
  uint32_t size = LoadLe<uint32_t>(p + 4);
  if (size < kMinRecordSize || size > limit - offset)
    return "record size " + std::to_string(size) + " out of range";
  if (LoadLe<uint32_t>(p + size - 4) != size) return "record size and its copy differ";
  frame.offset = offset;
  frame.size = size;
  frame.record_id = LoadLe<uint64_t>(p + 8);
  frame.written_filetime = LoadLe<uint64_t>(p + 16);
  return "";
}

uint32_t FindNextRecord(std::span<const uint8_t> chunk, uint32_t offset, uint32_t limit) {
  RecordFrame frame;
  // Records start 8-byte aligned in the chunks seen (their sizes are multiples of 8).
  for (uint32_t at = (offset + 8) & ~uint32_t{7}; at < limit; at += 8) {
    if (chunk[at] == 0x2a && FrameRecord(chunk, at, limit, frame).empty()) return at;
  }
  return limit;
}

}  // namespace iochound::evtx
