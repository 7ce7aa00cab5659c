#include "normalizers/zeek/zeek_format.h"

#include "decoders/zeek/zeek_log_reader.h"
#include "normalizers/network/probe.h"
#include "normalizers/zeek/zeek_mapping.h"

namespace iochound {
namespace {

class ZeekTelemetryReader : public TelemetryReader {
 public:
  ZeekTelemetryReader(const InputFile& input, DataErrors& errors) : reader_(input, errors) {}

  bool Next(RowSink& sink) override {
    if (!reader_.Next(record_)) return false;
    RouteZeekRecord(record_, sink);
    return true;
  }
  uint64_t records() const override { return reader_.records(); }

 private:
  ZeekLogReader reader_;
  ZeekRecord record_;
};

std::unique_ptr<TelemetryReader> OpenZeek(const InputFile& input, DataErrors& errors) {
  return std::make_unique<ZeekTelemetryReader>(input, errors);
}

int DetectZeekTsv(const FormatProbe& probe) {
  // The ASCII writer always starts a log with its separator line.
  return probe.head.starts_with("#separator ") ? 95 : 0;
}

int DetectZeekJson(const FormatProbe& probe) {
  std::string_view line = FirstLine(probe.head);
  if (!line.starts_with("{")) return 0;
  bool has_id = line.find("\"id.orig_h\":") != std::string_view::npos ||
                line.find("\"id_orig_h\":") != std::string_view::npos;
  return has_id && line.find("\"uid\":") != std::string_view::npos &&
                 line.find("\"ts\":") != std::string_view::npos
             ? 80
             : 0;
}

}  // namespace

TelemetryFormat ZeekTsvFormat() {
  return {"zeek-tsv",
          "Zeek logs from the ASCII writer (#fields/#types headers); dns and conn are mapped",
          {"DnsEvents", "DeviceNetworkEvents"},
          DetectZeekTsv,
          OpenZeek};
}

TelemetryFormat ZeekJsonFormat() {
  return {"zeek-json",
          "Zeek logs from the JSON writer (id.orig_h or id_orig_h keys); dns and conn are mapped",
          {"DnsEvents", "DeviceNetworkEvents"},
          DetectZeekJson,
          OpenZeek};
}

}  // namespace iochound
