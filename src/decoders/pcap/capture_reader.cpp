#include "decoders/pcap/capture_reader.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "decoders/pcap/libpcap_functions.h"
#include "sources/byte_reader.h"
#include "types/datetime.h"

namespace iochound {

// The input libpcap reads (through fopencookie).
struct CaptureStream {
  std::unique_ptr<ByteReader> input;
  uint64_t position = 0;  // bytes read from `input`
  std::string error;      // why reading `input` failed
};

namespace {

// libpcap reads a FILE: these make one of a ByteReader. Exceptions must not cross libpcap's C
// frames, so a failed read is kept and returned as EIO.
ssize_t ReadCookie(void* cookie, char* out, size_t size) {
  auto& stream = *static_cast<CaptureStream*>(cookie);
  try {
    size_t n = stream.input->Read(out, size);
    stream.position += n;
    return static_cast<ssize_t>(n);
  } catch (const std::exception& e) {
    stream.error = e.what();
    errno = EIO;
    return -1;
  }
}

// Only where the stream is (ftell), for the frames' offsets.
int SeekCookie(void* cookie, off64_t* offset, int whence) {
  if (whence != SEEK_CUR || *offset != 0) {
    errno = ESPIPE;
    return -1;
  }
  *offset = static_cast<off64_t>(static_cast<CaptureStream*>(cookie)->position);
  return 0;
}

}  // namespace

bool CaptureReader::HasCaptureMagic(std::string_view head) {
  if (head.size() < 4) return false;
  static constexpr std::string_view kMagics[] = {
      "\xA1\xB2\xC3\xD4", "\xD4\xC3\xB2\xA1",  // pcap, microseconds
      "\xA1\xB2\x3C\x4D", "\x4D\x3C\xB2\xA1",  // pcap, nanoseconds
      "\x0A\x0D\x0D\x0A",                      // pcapng section header block
  };
  for (std::string_view magic : kMagics)
    if (head.substr(0, 4) == magic) return true;
  return false;
}

CaptureReader::CaptureReader(const InputFile& input) : stream_(std::make_unique<CaptureStream>()) {
  const LibpcapFunctions& libpcap = Libpcap();  // before the input is opened: it may throw
  stream_->input = OpenInput(input);
  file_ = fopencookie(stream_.get(), "rb", cookie_io_functions_t{ReadCookie, nullptr, SeekCookie, nullptr});
  if (file_ == nullptr)
    throw std::runtime_error(
        fmt::format("{}: cannot open the capture: {}", input.name, std::strerror(errno)));
  char error[PCAP_ERRBUF_SIZE] = "";
  pcap_ = libpcap.fopen_offline_with_tstamp_precision(file_, PCAP_TSTAMP_PRECISION_NANO, error);
  if (pcap_ == nullptr) {
    std::fclose(file_);
    if (!stream_->error.empty())
      throw std::runtime_error(fmt::format("{}: cannot read the capture: {}", input.name, stream_->error));
    if (stream_->position == 0) throw std::runtime_error(fmt::format("{}: empty capture file", input.name));
    throw std::runtime_error(fmt::format("{}: not a readable pcap/pcapng capture: {}", input.name, error));
  }
  link_type_ = libpcap.datalink(pcap_);
}

CaptureReader::~CaptureReader() {
  if (pcap_) Libpcap().close(pcap_);  // closes file_ too
}

bool CaptureReader::Next(CapturedFrame& frame, std::string& error) {
  error.clear();
  long offset = std::ftell(file_);
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int status = Libpcap().next_ex(pcap_, &header, &data);
  if (status == PCAP_ERROR_BREAK) return false;
  if (status != 1) {
    error = fmt::format("frame {} at offset {}: {}", frames_ + 1, offset, Libpcap().geterr(pcap_));
    if (!stream_->error.empty()) error += fmt::format(" ({})", stream_->error);
    return false;
  }
  frame.number = ++frames_;
  frame.offset = offset < 0 ? 0 : static_cast<uint64_t>(offset);
  frame.time_ticks = static_cast<int64_t>(header->ts.tv_sec) * kTicksPerSecond + header->ts.tv_usec / 100;
  frame.data = std::string_view(reinterpret_cast<const char*>(data), header->caplen);
  frame.original_length = header->len;
  return true;
}

}  // namespace iochound
