// Zeek dns.log and conn.log records as DnsEvents and DeviceNetworkEvents rows (docs/tables.md,
// "Zeek"). Other logs are kept unmapped, in the raw table.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "decoders/zeek/zeek_record.h"
#include "normalizers/routing/row_sink.h"

namespace iochound {

// Routes one record by its log: dns → DnsEvents, conn → DeviceNetworkEvents, others → Unmapped.
void RouteZeekRecord(const ZeekRecord& record, RowSink& sink);

// Zeek's `ts`: epoch seconds with a fraction (the TSV writer, JSON with the default timestamp
// format) or ISO 8601 (JSON written with `JSON::TS_ISO8601`). nullopt when neither.
std::optional<int64_t> ParseZeekTime(std::string_view text);

// DeviceNetworkEvents' ActionType for a Zeek conn_state (the states of Zeek's conn.log reference).
std::string_view ConnStateAction(std::string_view conn_state);

}  // namespace iochound
