#include "normalizers/dns_server/dns_server_formats.h"
#include "normalizers/exports/export_format.h"
#include "normalizers/pcap/pcap_format.h"
#include "normalizers/routing/telemetry_format.h"
#include "normalizers/suricata/suricata_format.h"
#include "normalizers/windows/evtx_format.h"
#include "normalizers/windows/text_event_formats.h"
#include "normalizers/zeek/zeek_format.h"

namespace iochound {

const std::vector<TelemetryFormat>& TelemetryFormats() {
  static const std::vector<TelemetryFormat> formats = [] {
    std::vector<TelemetryFormat> all = {EvtxTelemetryFormat(), PcapFormat()};
    for (auto more : {XmlWindowsEventFormats(), JsonWindowsEventFormats()})
      all.insert(all.end(), more.begin(), more.end());
    all.push_back(SentinelExportFormat());
    all.insert(all.end(), {ZeekTsvFormat(), ZeekJsonFormat(), SuricataEveFormat(), WindowsDnsDebugFormat(),
                           BindQueryLogFormat(), DnsmasqLogFormat()});
    return all;
  }();
  return formats;
}

const TelemetryFormat* FindTelemetryFormat(std::string_view name) {
  for (const TelemetryFormat& format : TelemetryFormats())
    if (format.name == name) return &format;
  return nullptr;
}

const TelemetryFormat* DetectTelemetryFormat(const FormatProbe& probe) {
  const TelemetryFormat* best = nullptr;
  int best_score = 0;
  for (const TelemetryFormat& format : TelemetryFormats()) {
    int score = format.detect(probe);
    if (score > best_score) {
      best = &format;
      best_score = score;
    }
  }
  return best;
}

}  // namespace iochound
