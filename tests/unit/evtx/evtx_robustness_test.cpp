// Hostile and damaged input: empty and foreign files, truncated logs, flipped bytes caught by the
// chunk checksums (reported with the chunk number, the other chunks still read), and flipped bytes
// behind recomputed checksums, which reach the BinXML reader itself. Run under ASan/UBSan with
// -DIOCHOUND_SANITIZE=ON.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>

#include "decoders/evtx/evtx_chunk.h"
#include "decoders/evtx/evtx_file_header.h"
#include "evtx_test_util.h"

namespace iochound {
namespace {

using evtx::kChunkHeaderSize;
using evtx::kChunkSize;
using evtx::kFileHeaderBlockSize;
using evtx_testing::Decode;
using evtx_testing::Decoded;
using evtx_testing::ReadBytes;
using evtx_testing::SharedDataDir;

constexpr const char* kMultiChunkFile = "/real/evtx-attack-samples/Sysmon_UACME_64.evtx";

size_t ChunkOffset(size_t chunk) {
  return kFileHeaderBlockSize + chunk * kChunkSize;
}

// Events of `decoded` whose record identifier lies in chunk `chunk`'s declared range.
size_t EventsInChunk(const std::vector<uint8_t>& file, size_t chunk, const Decoded& decoded) {
  uint64_t first, last;
  std::memcpy(&first, file.data() + ChunkOffset(chunk) + 24, 8);
  std::memcpy(&last, file.data() + ChunkOffset(chunk) + 32, 8);
  size_t n = 0;
  for (const auto& e : decoded.events) n += e.record_id >= first && e.record_id <= last;
  return n;
}

// Makes a chunk's checksums match its (modified) bytes again.
void FixChunkChecksums(std::vector<uint8_t>& file, size_t chunk) {
  uint8_t* p = file.data() + ChunkOffset(chunk);
  uint32_t free_space;
  std::memcpy(&free_space, p + 48, 4);
  free_space = std::clamp<uint32_t>(free_space, kChunkHeaderSize, kChunkSize);
  uint32_t records = static_cast<uint32_t>(crc32(0, p + kChunkHeaderSize, free_space - kChunkHeaderSize));
  std::memcpy(p + 52, &records, 4);
  uint32_t header = static_cast<uint32_t>(crc32(crc32(0, p, 120), p + 128, kChunkHeaderSize - 128));
  std::memcpy(p + 124, &header, 4);
}

class EvtxRobustnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (SharedDataDir().empty()) GTEST_SKIP() << "shared data absent: " IOCHOUND_SHARED_DIR "/data not found";
    file_ = ReadBytes(SharedDataDir() + kMultiChunkFile);
    ASSERT_GT(file_.size(), ChunkOffset(4));
    DataErrors errors;
    intact_ = Decode("intact", file_, errors);
    ASSERT_EQ(errors.count(), 0u);
    ASSERT_EQ(intact_.events.size(), 530u);
  }

  // Decodes `bytes`, capturing what the error collector printed.
  Decoded DecodeCapturing(const std::vector<uint8_t>& bytes, size_t& error_count, std::string& printed) {
    DataErrors errors;
    ::testing::internal::CaptureStderr();
    Decoded decoded = Decode("damaged.evtx", bytes, errors);
    printed = ::testing::internal::GetCapturedStderr();
    error_count = errors.count();
    return decoded;
  }

  std::vector<uint8_t> file_;
  Decoded intact_;
};

TEST(EvtxInputTest, EmptyAndForeignFilesAreReportedWithoutEvents) {
  for (std::string text : {std::string(), std::string("not a log\n"), std::string("{\"Event\":{}}"),
                           std::string("ElfFile\0", 8), std::string(5000, '\0')}) {
    std::vector<uint8_t> bytes(text.begin(), text.end());
    DataErrors errors(0);
    Decoded decoded = Decode("foreign", bytes, errors);
    EXPECT_TRUE(decoded.events.empty());
    EXPECT_EQ(errors.count(), 1u) << text.size();
  }
}

TEST_F(EvtxRobustnessTest, TruncatedFilesYieldTheirCompleteChunks) {
  for (size_t cut : {size_t{0}, size_t{7}, size_t{100}, kFileHeaderBlockSize, kFileHeaderBlockSize + 100,
                     ChunkOffset(1) + 30000, ChunkOffset(3), ChunkOffset(16) - 1, file_.size() - 1}) {
    std::vector<uint8_t> truncated(file_.begin(), file_.begin() + cut);
    size_t error_count;
    std::string printed;
    Decoded decoded = DecodeCapturing(truncated, error_count, printed);
    size_t complete_chunks = cut < kFileHeaderBlockSize ? 0 : (cut - kFileHeaderBlockSize) / kChunkSize;
    size_t expected = 0;
    for (size_t c = 0; c < complete_chunks; ++c) expected += EventsInChunk(file_, c, intact_);
    EXPECT_EQ(decoded.events.size(), expected) << "cut at " << cut;
    // A cut through a chunk in use is reported; one through the zero-filled unused chunks at the
    // end of a log is not.
    size_t partial_begin = ChunkOffset(complete_chunks);
    bool partial_chunk_in_use =
        cut > partial_begin &&
        std::any_of(file_.begin() + partial_begin, file_.begin() + cut, [](uint8_t b) { return b != 0; });
    bool header_cut = cut < 128;  // the used part of the file header
    EXPECT_EQ(error_count, header_cut || partial_chunk_in_use ? 1u : 0u) << "cut at " << cut;
    if (partial_chunk_in_use) {
      EXPECT_NE(printed.find("EVTX chunk " + std::to_string(complete_chunks) + ": "), std::string::npos)
          << printed;
      EXPECT_NE(printed.find("truncated chunk"), std::string::npos) << printed;
    }
  }
}

// Read as a stream (a file is read a chunk at a time), in pieces of any size, the file gives the
// same events; a read that fails part way is reported with its offset and keeps what came before.
TEST_F(EvtxRobustnessTest, StreamedInPiecesOrCutByAReadErrorYieldsTheChunksRead) {
  for (size_t piece : {size_t{1000}, size_t{65536}, size_t{1} << 20}) {
    for (bool fail : {false, true}) {
      const size_t fail_at = ChunkOffset(2) + 100;
      size_t done = 0, largest_request = 0;
      evtx::EvtxReader::Read read = [&](char* out, size_t capacity) -> size_t {
        largest_request = std::max(largest_request, capacity);
        if (fail && done >= fail_at) throw std::runtime_error("disk on fire");
        size_t n = std::min({capacity, piece, file_.size() - done, fail ? fail_at - done : file_.size()});
        std::memcpy(out, file_.data() + done, n);
        done += n;
        return n;
      };
      DataErrors errors;
      ::testing::internal::CaptureStderr();
      evtx::EvtxReader reader("streamed.evtx", read, errors);
      evtx::EvtxEvent event;
      size_t events = 0;
      while (reader.Next(event)) ++events;
      std::string printed = ::testing::internal::GetCapturedStderr();
      SCOPED_TRACE(std::to_string(piece) + (fail ? ", failing" : ""));
      EXPECT_LE(largest_request, kChunkSize);
      if (!fail) {
        EXPECT_EQ(events, intact_.events.size());
        EXPECT_EQ(errors.count(), 0u) << printed;
        continue;
      }
      EXPECT_EQ(events, EventsInChunk(file_, 0, intact_) + EventsInChunk(file_, 1, intact_));
      EXPECT_NE(printed.find("disk on fire; read up to byte " + std::to_string(fail_at)), std::string::npos)
          << printed;
    }
  }
}

TEST_F(EvtxRobustnessTest, FlippedRecordByteSkipsOnlyItsChunk) {
  std::vector<uint8_t> damaged = file_;
  damaged[ChunkOffset(2) + kChunkHeaderSize + 1000] ^= 0x5a;
  size_t error_count;
  std::string printed;
  Decoded decoded = DecodeCapturing(damaged, error_count, printed);
  EXPECT_EQ(error_count, 1u);
  EXPECT_NE(printed.find("(byte offset 135168): EVTX chunk 2: event records CRC32 mismatch"),
            std::string::npos)
      << printed;
  EXPECT_EQ(decoded.events.size(), intact_.events.size() - EventsInChunk(file_, 2, intact_));
  EXPECT_GT(EventsInChunk(file_, 2, intact_), 0u);
  EXPECT_EQ(decoded.stats.chunks_skipped, 1u);
}

TEST_F(EvtxRobustnessTest, DamagedChunkHeadersSkipOnlyTheirChunks) {
  std::vector<uint8_t> damaged = file_;
  damaged[ChunkOffset(0) + 3] ^= 0xff;   // signature
  damaged[ChunkOffset(3) + 60] ^= 0x01;  // covered by the header CRC32
  size_t error_count;
  std::string printed;
  Decoded decoded = DecodeCapturing(damaged, error_count, printed);
  EXPECT_EQ(error_count, 2u);
  EXPECT_NE(printed.find("(byte offset 4096): EVTX chunk 0: bad chunk signature"), std::string::npos)
      << printed;
  EXPECT_NE(printed.find("(byte offset 200704): EVTX chunk 3: chunk header CRC32 mismatch"),
            std::string::npos)
      << printed;
  EXPECT_EQ(decoded.events.size(),
            intact_.events.size() - EventsInChunk(file_, 0, intact_) - EventsInChunk(file_, 3, intact_));
}

TEST_F(EvtxRobustnessTest, DamagedFileHeaderIsReportedAndTheChunksStillRead) {
  std::vector<uint8_t> damaged = file_;
  damaged[42] ^= 0x7f;  // chunk count, covered by the header CRC32
  size_t error_count;
  std::string printed;
  Decoded decoded = DecodeCapturing(damaged, error_count, printed);
  EXPECT_EQ(error_count, 1u);
  EXPECT_NE(printed.find("file header CRC32 mismatch"), std::string::npos) << printed;
  EXPECT_EQ(decoded.events.size(), intact_.events.size());
}

// Bytes flipped behind recomputed checksums reach the record framing and the BinXML reader: every
// outcome is fine except a crash, a hang or an event that was not in some record.
TEST_F(EvtxRobustnessTest, CorruptBinXmlBehindValidChecksumsNeverCrashes) {
  std::mt19937 rng(20240418);
  const size_t chunks = (file_.size() - kFileHeaderBlockSize) / kChunkSize;
  size_t decoded_events = 0, errors_total = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<uint8_t> damaged = file_;
    size_t chunk = rng() % chunks;
    int flips = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < flips; ++i) {
      size_t at = ChunkOffset(chunk) + kChunkHeaderSize + rng() % (kChunkSize - kChunkHeaderSize);
      damaged[at] = static_cast<uint8_t>(rng());
    }
    FixChunkChecksums(damaged, chunk);
    DataErrors errors(0);
    evtx::EvtxReader reader("fuzzed.evtx", damaged, errors);
    evtx::EvtxEvent event;
    size_t n = 0;
    while (reader.Next(event)) {
      EXPECT_FALSE(reader.RenderXml().empty());
      ++n;
    }
    EXPECT_LE(n, intact_.events.size() + 64) << "round " << round;
    decoded_events += n;
    errors_total += errors.count();
  }
  std::printf("[ evtx     ] 300 fuzzed copies: %zu events decoded, %zu data errors reported\n",
              decoded_events, errors_total);
}

TEST(EvtxHeaderTest, DetectsTheFormatBySignature) {
  EXPECT_TRUE(evtx::HasEvtxSignature(std::string_view("ElfFile\0\1\2", 10)));
  EXPECT_FALSE(evtx::HasEvtxSignature("ElfFile"));
  EXPECT_FALSE(evtx::HasEvtxSignature("ElfChnk"));
}

}  // namespace
}  // namespace iochound
