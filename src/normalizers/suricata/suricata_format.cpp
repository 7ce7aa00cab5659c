#include "normalizers/suricata/suricata_format.h"

#include "decoders/suricata/eve_reader.h"
#include "normalizers/network/probe.h"
#include "normalizers/suricata/suricata_router.h"

namespace iochound {
namespace {

class SuricataTelemetryReader : public TelemetryReader {
 public:
  SuricataTelemetryReader(const InputFile& input, DataErrors& errors) : reader_(input, errors) {}

  bool Next(RowSink& sink) override {
    if (reader_.Next(event_)) {
      router_.Route(event_, sink);
      return true;
    }
    router_.Flush(sink);
    return false;
  }
  uint64_t records() const override { return reader_.records(); }

 private:
  EveReader reader_;
  EveEvent event_;
  SuricataRouter router_;
};

std::unique_ptr<TelemetryReader> OpenSuricata(const InputFile& input, DataErrors& errors) {
  return std::make_unique<SuricataTelemetryReader>(input, errors);
}

int DetectSuricata(const FormatProbe& probe) {
  std::string_view line = FirstLine(probe.head);
  return line.starts_with("{") && line.find("\"event_type\":") != std::string_view::npos &&
                 line.find("\"timestamp\":") != std::string_view::npos
             ? 85
             : 0;
}

}  // namespace

TelemetryFormat SuricataEveFormat() {
  return {"suricata-eve",
          "Suricata EVE JSON; dns events (v1, v2 and v3 layouts) and flows are mapped",
          {"DnsEvents", "DeviceNetworkEvents"},
          DetectSuricata,
          OpenSuricata};
}

}  // namespace iochound
