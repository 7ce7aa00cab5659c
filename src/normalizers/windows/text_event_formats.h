// The telemetry formats of Windows events rendered as text, each decoded into the WindowsEvent
// model and routed by RouteWindowsEvent (the EVTX format is in evtx_format.h):
// - "windows-xml": event XML (wevtutil qe /f:xml, Event Viewer's "Save as XML"), <Events> or one
//   <Event> per line;
// - "syslog-sysmon": syslog lines carrying Sysmon for Linux's event XML;
// - "evtx-json": evtx_dump's JSON (and the SigmaHQ regression data);
// - "winlogbeat": Winlogbeat / ECS JSON;
// - "nxlog-windows": NXLog's fields flattened by NXLog or Logstash (the OTRF Security Datasets);
// - "sentinel-windows": Sentinel exports of WindowsEvent, SecurityEvent, Event and Syslog rows,
//   which keep their own table and also yield the Sysmon-derived rows.
#pragma once

#include <vector>

#include "normalizers/routing/telemetry_format.h"

namespace iochound {

// The JSON formats (text_event_formats.cpp) and the XML ones (xml_event_formats.cpp).
std::vector<TelemetryFormat> JsonWindowsEventFormats();
std::vector<TelemetryFormat> XmlWindowsEventFormats();

// The tables a Windows event in its native form feeds (RouteWindowsEvent with kByChannel).
std::vector<std::string_view> WindowsEventTables();

}  // namespace iochound
