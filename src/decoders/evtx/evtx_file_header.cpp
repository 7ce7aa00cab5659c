#include "decoders/evtx/evtx_file_header.h"

#include <zlib.h>

#include <cstdio>

#include "decoders/evtx/evtx_bytes.h"

namespace iochound::evtx {
namespace {

constexpr std::string_view kSignature("ElfFile\0", 8);
constexpr size_t kHeaderSize = 128;
constexpr size_t kChecksummedBytes = 120;

}  // namespace

bool HasEvtxSignature(std::string_view head) {
  return head.starts_with(kSignature);
}

std::string ParseFileHeader(std::span<const uint8_t> file, FileHeader& header, std::string& warning) {
  warning.clear();
  std::string_view head(reinterpret_cast<const char*>(file.data()), file.size());
  if (!HasEvtxSignature(head)) return "not an EVTX file (no \"ElfFile\" signature)";
  if (file.size() < kHeaderSize) return "truncated EVTX file header";
  const uint8_t* p = file.data();
  header.first_chunk = LoadLe<uint64_t>(p + 8);
  header.last_chunk = LoadLe<uint64_t>(p + 16);
  header.next_record_id = LoadLe<uint64_t>(p + 24);
  header.minor_version = LoadLe<uint16_t>(p + 36);
  header.major_version = LoadLe<uint16_t>(p + 38);
  header.header_block_size = LoadLe<uint16_t>(p + 40);
  header.chunk_count = LoadLe<uint16_t>(p + 42);
  header.flags = LoadLe<uint32_t>(p + 120);
  uint32_t stored = LoadLe<uint32_t>(p + 124);
  uint32_t computed = static_cast<uint32_t>(crc32(0, p, kChecksummedBytes));
  if (stored != computed) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "file header CRC32 mismatch (stored 0x%08x, computed 0x%08x)", stored,
                  computed);
    warning = buf;
  }
  // Header block size 4096 is the only value seen (libyal); anything else is corruption, and the
  // chunks are found at 4096 anyway.
  if (header.header_block_size != kFileHeaderBlockSize) header.header_block_size = kFileHeaderBlockSize;
  return "";
}

}  // namespace iochound::evtx
