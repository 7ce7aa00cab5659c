#include "normalizers/pcap/pcap_format.h"

#include <fmt/format.h>

#include <optional>

#include "decoders/pcap/capture_reader.h"
#include "normalizers/pcap/pcap_router.h"

namespace iochound {
namespace {

class PcapTelemetryReader : public TelemetryReader {
 public:
  PcapTelemetryReader(const InputFile& input, DataErrors& errors)
      : name_(input.name), errors_(errors), capture_(input), router_(name_, capture_.link_type(), errors) {
    if (!IsSupportedLinkType(capture_.link_type()))
      errors_.ReportFile(name_,
                         fmt::format("link type {} is not supported; its frames are reported as malformed",
                                     capture_.link_type()));
  }

  bool Next(RowSink& sink) override {
    std::string error;
    if (capture_.Next(frame_, error)) {
      router_.Route(frame_, sink);
      return true;
    }
    if (!error.empty()) errors_.ReportFile(name_, fmt::format("capture cut short: {}", error));
    router_.Flush(sink);
    return false;
  }
  uint64_t records() const override { return frame_.number; }

 private:
  std::string name_;
  DataErrors& errors_;
  CaptureReader capture_;
  PcapRouter router_;
  CapturedFrame frame_;
};

std::unique_ptr<TelemetryReader> OpenPcap(const InputFile& input, DataErrors& errors) {
  return std::make_unique<PcapTelemetryReader>(input, errors);
}

int DetectPcap(const FormatProbe& probe) {
  return CaptureReader::HasCaptureMagic(probe.head) ? 100 : 0;
}

}  // namespace

TelemetryFormat PcapFormat() {
  return {"pcap",
          "pcap and pcapng captures (libpcap); DNS over UDP and TCP is decoded and paired",
          {"DnsEvents", "DeviceNetworkEvents"},
          DetectPcap,
          OpenPcap};
}

}  // namespace iochound
