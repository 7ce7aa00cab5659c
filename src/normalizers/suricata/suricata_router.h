// Suricata EVE events routed to tables (docs/tables.md, "Suricata"). DNS events become one
// DnsEvents row per query: Suricata logs a query and its response as separate events (the response
// as one event per answer record in the v1 layout, or one event with `answers[]`/`grouped` in the
// v2/v3 layouts), so a query waits for its response, paired by flow and DNS transaction id, and the
// pair is written once. A response whose query was not logged becomes a row on its own; a query
// no response follows within a minute of log time is written unanswered. Flow events become
// DeviceNetworkEvents rows; other events are kept unmapped.
#pragma once

#include <optional>
#include <string>
#include <tuple>

#include "decoders/suricata/eve_reader.h"
#include "normalizers/network/dns_event.h"
#include "normalizers/network/pending_lookups.h"
#include "normalizers/routing/row_sink.h"

namespace iochound {

class SuricataRouter {
 public:
  SuricataRouter();
  // Routes one event; rows of paired DNS events may be written by a later call or by Flush().
  void Route(const EveEvent& event, RowSink& sink);
  // Writes every lookup still waiting (at the end of the input).
  void Flush(RowSink& sink);

 private:
  // flow_id, DNS id, client address: what ties a response to its query.
  using Key = std::tuple<int64_t, int64_t, std::string>;
  struct Pending {
    DnsLookup lookup;
    RecordLocation where;  // of the event that started the lookup
  };

  void RouteDns(const EveEvent& event, int64_t time, RowSink& sink);
  void EmitGroup(RowSink& sink);
  // A lookup seen first in `event`: a query, or a response whose query was not logged.
  static Pending Start(const EveEvent& event, bool query, int64_t time, std::string_view name,
                       std::string_view type);
  // The waiting query of `key`, or a lookup started from the response when its query was not seen.
  Pending TakeOrStart(const Key& key, const EveEvent& event, int64_t time, std::string_view name,
                      std::string_view type);

  PendingLookups<Key, Pending> queries_;
  // The v1 response being collected: one event per answer record, written consecutively.
  std::optional<std::pair<Key, Pending>> group_;
};

}  // namespace iochound
