// Reads the frames of a pcap or pcapng capture with libpcap, from the decompressed bytes of the input
// (so gzip/zstd-compressed captures are read like plain ones), streamed: memory does not grow with
// the capture.
#pragma once

#include <pcap/pcap.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "sources/input_files.h"

namespace iochound {

struct CaptureStream;

struct CapturedFrame {
  uint64_t number = 0;  // 1-based, as Wireshark numbers frames
  uint64_t offset = 0;  // byte offset of the frame's record in the capture
  int64_t time_ticks = 0;
  std::string_view data;  // valid until the next Next()
  uint32_t original_length = 0;
};

class CaptureReader {
 public:
  // Throws std::runtime_error naming the file when it cannot be read or is not a capture. Damage in
  // its compression ends it: Next() reads the frames before it, then says what went wrong.
  explicit CaptureReader(const InputFile& input);
  ~CaptureReader();
  CaptureReader(const CaptureReader&) = delete;
  CaptureReader& operator=(const CaptureReader&) = delete;

  // The next frame; false at the end or when the capture is cut short (then `error` says how).
  bool Next(CapturedFrame& frame, std::string& error);
  int link_type() const { return link_type_; }

  // Whether `head` starts with a pcap or pcapng magic number.
  static bool HasCaptureMagic(std::string_view head);

 private:
  std::unique_ptr<CaptureStream> stream_;  // the input, which libpcap reads through fopencookie
  pcap_t* pcap_ = nullptr;
  FILE* file_ = nullptr;  // owned by pcap_
  int link_type_ = 0;
  uint64_t frames_ = 0;
};

}  // namespace iochound
