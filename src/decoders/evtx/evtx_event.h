// One Windows event as hunts see it: the System fields and the event's data as ordered name/value
// texts, read from the evaluated XML of a record. Texts are exactly what Windows shows in the
// event's XML (see evtx_values.h), so they compare equal to the same event exported by
// wevtutil, the Sentinel agents or evtx_dump.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "decoders/evtx/xml_tree.h"

namespace iochound::evtx {

struct EvtxDataField {
  std::string name;
  std::string value;
};

struct EvtxEvent {
  uint64_t record_id = 0;          // the record header's identifier
  int64_t written_ticks = 0;       // the record header's written time (types/datetime.h ticks)
  int64_t time_created_ticks = 0;  // System/TimeCreated/@SystemTime; the written time when absent

  // System
  std::string provider_name;
  std::string provider_guid;  // "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", empty when absent
  std::string event_source_name;
  uint32_t event_id = 0;
  std::optional<uint32_t> qualifiers;  // EventID/@Qualifiers (classic event sources)
  uint32_t version = 0;
  uint32_t level = 0;
  uint32_t task = 0;
  uint32_t opcode = 0;
  std::string keywords;  // as Windows renders it: "0x8000000000000000"
  uint64_t event_record_id = 0;
  std::string activity_id;  // Correlation/@ActivityID
  std::string related_activity_id;
  uint32_t process_id = 0;  // Execution/@ProcessID
  uint32_t thread_id = 0;
  std::string channel;
  std::string computer;
  std::string user_id;  // Security/@UserID, a SID

  // The event's data, in document order:
  // - EventData: <Data Name="x">v</Data> gives {x, v}; unnamed <Data> gives {"Data", v} for each
  //   (evtx_dump renders them as one "Data" list); other children (<Binary>) give {element, text}.
  // - UserData (and ProcessingErrorData): its single child element is flattened: every element
  //   without child elements gives {element, text}, every attribute but xmlns gives {attribute,
  //   value}, as evtx_dump lists the members of that child.
  std::vector<EvtxDataField> data;
  std::string user_data_element;  // the name of UserData's child element, empty for EventData
};

// Fills `event` from the evaluated record `tree` (its record_id/written_ticks are left alone).
// Reuses the event's strings and data entries, so a reader decoding into one event allocates
// little per record.
void ExtractEvent(const XmlTree& tree, EvtxEvent& event);

// Fills only `event`'s data (and user_data_element) from `element` of `tree`: an <EventData>,
// <UserData> or <ProcessingErrorData> element, read as ExtractEvent reads it inside an event.
void ExtractEventData(const XmlTree& tree, uint32_t element, EvtxEvent& event);

}  // namespace iochound::evtx
