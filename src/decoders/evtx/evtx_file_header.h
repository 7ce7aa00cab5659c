// The EVTX file header (libyal, "File header"): the first 4096 bytes, of which 128 are used.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace iochound::evtx {

inline constexpr size_t kFileHeaderBlockSize = 4096;

struct FileHeader {
  uint64_t first_chunk = 0;
  uint64_t last_chunk = 0;
  uint64_t next_record_id = 0;
  uint16_t minor_version = 0;
  uint16_t major_version = 0;
  uint16_t header_block_size = 0;  // where the first chunk starts
  uint16_t chunk_count = 0;
  uint32_t flags = 0;  // 0x1 dirty, 0x2 full
};

// True when `head` starts with the file signature "ElfFile\0": how the format is detected.
bool HasEvtxSignature(std::string_view head);

// Parses the header of `file`. Returns an empty string when it is usable, else what is wrong
// ("not an EVTX file ..."). A header whose CRC32 (over its first 120 bytes) does not match is still
// returned with a problem text in `warning`: chunks carry their own checksums and can be read
// regardless, as libevtx does with dirty files.
std::string ParseFileHeader(std::span<const uint8_t> file, FileHeader& header, std::string& warning);

}  // namespace iochound::evtx
