// Windows events rendered as JSON, read into the EvtxEvent model the EVTX decoder fills, so one
// mapping serves them all. Each reader takes one parsed record and returns what is wrong with it
// (empty when it was read).
#pragma once

#include <simdjson.h>

#include <string>

#include "decoders/evtx/evtx_event.h"

namespace iochound::windows_json {

// A JSON value as event text: strings as they are, numbers as written, booleans true/false, null
// empty, objects and arrays as compact JSON.
std::string ValueText(simdjson::dom::element value);

// evtx_dump (omerbenamram/evtx) and the SigmaHQ regression JSON: {"Event": {"#attributes": ...,
// "System": {"Provider": {"#attributes": {"Name", "Guid"}}, "EventID", ..., "TimeCreated":
// {"#attributes": {"SystemTime"}}, ...}, "EventData": {...} or "UserData": {...}}}. GUIDs, which
// evtx_dump writes bare and upper-case, are written as Windows renders them ({lower-case}).
std::string ReadEvtxDumpEvent(simdjson::dom::element record, evtx::EvtxEvent& event);

// Winlogbeat / Elastic Common Schema: {"@timestamp", "winlog": {"channel", "computer_name",
// "event_id", "provider_name", "provider_guid", "record_id", "process": {"pid", "thread": {"id"}},
// "user": {"identifier"}, "event_data": {...}, "user_data": {...}, ...}, "event": {"code", ...}}.
std::string ReadWinlogbeatEvent(simdjson::dom::element record, evtx::EvtxEvent& event);

// NXLog's im_msvistalog fields, flattened to the top level by NXLog or Logstash (the OTRF Security
// Datasets): EventID, SourceName, Hostname, Channel, Keywords, RecordNumber, ... beside the
// event's own data fields, which are every key NXLog does not add itself.
std::string ReadNxlogEvent(simdjson::dom::element record, evtx::EvtxEvent& event);

}  // namespace iochound::windows_json
