// EVTX chunks (libyal, "Chunk" and "Event record"): 64 KiB units, each a 512-byte header (with
// CRC32s of itself and of its records) followed by event records. Each chunk is self-contained:
// BinXML names and templates are referenced by chunk offset, so a corrupt chunk can be skipped
// and the next one read.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace iochound::evtx {

inline constexpr size_t kChunkSize = 65536;
inline constexpr uint32_t kChunkHeaderSize = 512;

struct ChunkHeader {
  uint64_t first_record_number = 0;
  uint64_t last_record_number = 0;
  uint64_t first_record_id = 0;
  uint64_t last_record_id = 0;
  uint32_t last_record_offset = 0;
  uint32_t free_space_offset = 0;  // end of the records
};

enum class ChunkState { kValid, kEmpty, kCorrupt };

// Reads and verifies the chunk header: signature, header CRC32 (bytes 0-120 and 128-512), records
// CRC32 (bytes 512 to the free space offset). kEmpty for an all-zero chunk (unused space
// preallocated at the end of a log), kCorrupt with `problem` set otherwise.
ChunkState ReadChunkHeader(std::span<const uint8_t> chunk, ChunkHeader& header, std::string& problem);

// One event record's frame: signature "**\0\0", size, identifier, written FILETIME, BinXML, and a
// copy of the size at its end.
struct RecordFrame {
  uint32_t offset = 0;  // chunk offset of the record
  uint32_t size = 0;
  uint64_t record_id = 0;
  uint64_t written_filetime = 0;
  uint32_t binxml_begin() const { return offset + 24; }
  uint32_t binxml_end() const { return offset + size - 4; }
};

// Frames the record at chunk offset `offset`, which must end by `limit`. Returns an empty string,
// or what is wrong.
std::string FrameRecord(std::span<const uint8_t> chunk, uint32_t offset, uint32_t limit, RecordFrame& frame);

// The chunk offset of the next position after `offset` (exclusive) and before `limit` where a
// well-framed record starts, or `limit` if none: how reading resumes after a broken record
// (libyal, "Corrupt event record": scan the rest of the chunk for records).
uint32_t FindNextRecord(std::span<const uint8_t> chunk, uint32_t offset, uint32_t limit);

}  // namespace iochound::evtx
