// Public API of the EVTX decoder: iterates the events of a Windows XML Event Log file, read chunk
// after chunk (each 64 KiB chunk is self-contained), so a file of any size costs one chunk of memory.
// Problems are data errors, never crashes: a chunk whose signature or
// CRC32s are wrong is reported (with its number and file offset) and skipped, a record that cannot
// be evaluated is reported and skipped, and reading goes on with the rest of the file.
//
//   evtx::EvtxReader reader(path, bytes, errors);
//   evtx::EvtxEvent event;
//   while (reader.Next(event)) { ... event.data ... }
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "decoders/evtx/binxml_reader.h"
#include "decoders/evtx/evtx_chunk.h"
#include "decoders/evtx/evtx_event.h"
#include "decoders/evtx/evtx_file_header.h"
#include "decoders/evtx/xml_tree.h"

namespace iochound::evtx {

class EvtxReader {
 public:
  struct Stats {
    uint64_t chunks = 0;          // chunks with a valid header and records
    uint64_t chunks_skipped = 0;  // corrupt chunks (reported)
    uint64_t events = 0;
    uint64_t records_skipped = 0;  // broken records (reported)
  };

  // Reads the file in order: up to `capacity` bytes into `out`, 0 at the end (ByteReader::Read).
  // A std::runtime_error it throws is reported as a read error that ends the file.
  using Read = std::function<size_t(char* out, size_t capacity)>;

  // `file_name` names the file in error reports. A file that is not EVTX is reported once and
  // yields no events.
  EvtxReader(std::string_view file_name, Read read, DataErrors& errors);
  // A file held in memory; `data` must outlive the reader.
  EvtxReader(std::string_view file_name, std::span<const uint8_t> data, DataErrors& errors);

  // Decodes the next event into `event`; false at the end of the file.
  bool Next(EvtxEvent& event);

  // The Windows event XML of the event Next() returned last.
  std::string RenderXml() const { return tree_.RenderXml(); }

  // File offset of the record of the event Next() returned last, for messages about it.
  uint64_t event_offset() const { return event_offset_; }

  const Stats& stats() const { return stats_; }

 private:
  // Moves to the next chunk that verifies; false when none is left.
  bool NextChunk();
  // Up to `size` bytes of the file into buffer_ (fewer at its end or after a read error).
  size_t ReadBlock(size_t size);
  void ReportChunk(std::string_view what);
  void ReportRecord(uint64_t file_offset, std::string_view what);

  std::string file_name_;
  Read read_;
  bool at_end_ = false;
  std::vector<uint8_t> buffer_;  // the open chunk (first the file header)
  DataErrors& errors_;
  Stats stats_;
  uint64_t next_chunk_offset_ = 0;  // file offset of the next chunk to open
  size_t chunk_number_ = 0;         // 0-based index of the open chunk
  std::span<const uint8_t> chunk_;
  ChunkHeader chunk_header_;
  uint32_t record_offset_ = 0;  // chunk offset of the next record
  uint64_t event_offset_ = 0;
  BinXmlReader binxml_;
  XmlTree tree_;
};

}  // namespace iochound::evtx
