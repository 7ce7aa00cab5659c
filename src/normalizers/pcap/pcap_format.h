// The packet-capture telemetry format: pcap and pcapng files, recognised by their magic numbers.
#pragma once

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

TelemetryFormat PcapFormat();

}  // namespace iochound
