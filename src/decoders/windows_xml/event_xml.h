// Windows event XML as text (wevtutil, Event Viewer's "Save as XML", Sysmon for Linux's syslog
// lines, the EventData strings of Sentinel's SecurityEvent and Event tables) read into the same
// XmlTree the EVTX decoder evaluates records into, so one extraction (evtx_event.h) gives the same
// EvtxEvent from either.
#pragma once

#include <string>
#include <string_view>

#include "decoders/evtx/evtx_event.h"
#include "decoders/evtx/xml_tree.h"

namespace iochound::windows_xml {

// Parses one XML element (with its children) into `tree`, replacing its content. Handles the XML
// that event renderers write: elements, attributes in ' or ", character and the five predefined
// entity references, comments, CDATA, an <?xml ...?> declaration. Whitespace that only indents
// child elements is dropped; text of a leaf element is kept exactly. Returns an empty string, or
// what is wrong and at which byte ("expected > at byte 120"). XML that just stops (syslog cuts
// long messages) is `truncated`: the tree holds what was read, its open elements closed.
std::string ParseXmlElement(std::string_view xml, evtx::XmlTree& tree, bool* truncated = nullptr);

// Parses `xml`, one <Event> element, and extracts the event. Returns the problem, empty if none.
// A truncated event is still extracted (the problem says it was cut, `truncated` is set), so the
// fields before the cut are not lost. The event's record_id is its EventRecordID.
std::string ParseEventXml(std::string_view xml, evtx::XmlTree& tree, evtx::EvtxEvent& event,
                          bool* truncated = nullptr);

// Reads an <EventData> or <UserData> element (as SecurityEvent and Event export it, possibly
// wrapped in the agent's <DataItem>) into `event`'s data, leaving its System fields alone.
std::string ParseEventDataXml(std::string_view xml, evtx::XmlTree& tree, evtx::EvtxEvent& event);

}  // namespace iochound::windows_xml
