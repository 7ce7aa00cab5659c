// Rows of the Defender and DNS tables derived from Sysmon events (Windows Sysmon and Sysmon for
// Linux share the schema): EID 1 DeviceProcessEvents, 3 DeviceNetworkEvents, 7
// DeviceImageLoadEvents, 11/23/26 DeviceFileEvents, 12/13/14 DeviceRegistryEvents, 22 DnsEvents.
// Times come from the event's UtcTime, which Sysmon writes in UTC whatever the host's zone.
// docs/tables.md lists which field feeds which column.
#pragma once

#include "common/diagnostics.h"
#include "normalizers/routing/row_sink.h"
#include "normalizers/windows/windows_event.h"

namespace iochound {

bool IsSysmonEvent(const WindowsEvent& event);

// Adds the rows `event` (a Sysmon event) yields; false when its event ID feeds no such table.
bool AddSysmonRows(const WindowsEvent& event, const RecordLocation& where, RowSink& sink);

}  // namespace iochound
