// The one model of a Windows event that every decoder of Windows events fills (EVTX, event XML, the
// JSON renderings of evtx_dump, Winlogbeat, NXLog and the Sentinel agents) and the table mapping
// reads: the EVTX decoder's EvtxEvent, whose texts are those Windows shows in the event's XML.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "decoders/evtx/evtx_event.h"
#include "types/dynamic.h"

namespace iochound {

using WindowsEvent = evtx::EvtxEvent;

// The value of the first data field named `name`; nullopt when the event has none.
std::optional<std::string_view> FindEventData(const WindowsEvent& event, std::string_view name);
// The same, empty when absent.
std::string_view EventDataValue(const WindowsEvent& event, std::string_view name);

// The event's data as a bag of strings, as the Azure Monitor Agent stores WindowsEvent's
// EventData: {"RuleName":"-","UtcTime":"..."}. A name that occurs more than once (unnamed <Data>
// elements all read "Data") gets an array of its values, as evtx_dump renders them. Bytes that
// are not valid UTF-8 become U+FFFD, as in any JSON iochound writes.
Dynamic EventDataBag(const WindowsEvent& event);

// The event's data as Windows event XML, as SecurityEvent's EventData holds it:
// <EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><Data Name="x">v</Data>...
// An event with UserData gets <UserData><Element xmlns=...><Name>v</Name>...</Element></UserData>.
std::string EventDataXml(const WindowsEvent& event);

// The data values as the Log Analytics agent's ParameterXml: <Param>v1</Param><Param>v2</Param>...
std::string ParameterXml(const WindowsEvent& event);

}  // namespace iochound
