#include "normalizers/windows/evtx_format.h"

#include "decoders/evtx/evtx_reader.h"
#include "normalizers/windows/text_event_formats.h"
#include "normalizers/windows/windows_event_router.h"
#include "sources/byte_reader.h"

namespace iochound {
namespace {

class EvtxTelemetryReader : public TelemetryReader {
 public:
  EvtxTelemetryReader(const InputFile& input, DataErrors& errors)
      : name_(input.name),
        input_(OpenInput(input)),
        reader_(
            name_, [this](char* out, size_t capacity) { return input_->Read(out, capacity); }, errors) {}

  bool Next(RowSink& sink) override {
    if (!reader_.Next(event_)) return false;
    RouteWindowsEvent(event_, RecordLocation{name_, 0, reader_.event_offset()}, sink, BaseTables::kByChannel);
    return true;
  }

  uint64_t records() const override { return reader_.stats().events + reader_.stats().records_skipped; }

 private:
  std::string name_;
  std::unique_ptr<ByteReader> input_;  // read a chunk at a time
  evtx::EvtxReader reader_;
  WindowsEvent event_;
};

int DetectEvtx(const FormatProbe& probe) {
  return probe.head.starts_with(std::string_view("ElfFile\0", 8)) ? 100 : 0;
}

std::unique_ptr<TelemetryReader> OpenEvtx(const InputFile& input, DataErrors& errors) {
  return std::make_unique<EvtxTelemetryReader>(input, errors);
}

}  // namespace

const TelemetryFormat& EvtxTelemetryFormat() {
  static const TelemetryFormat format{
      "evtx",
      "Windows XML Event Log (.evtx): any channel; Sysmon events also feed the Defender and DNS tables",
      WindowsEventTables(), DetectEvtx, OpenEvtx};
  return format;
}

}  // namespace iochound
