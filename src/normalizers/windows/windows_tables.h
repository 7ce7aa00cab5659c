// The rows of Sentinel's three Windows event tables, derived from one event:
// - WindowsEvent (Azure Monitor Agent): every event, its data as a dynamic bag;
// - SecurityEvent (Security channel through the agents): the data fields as columns;
// - Event (Log Analytics agent, every other channel): the data as XML in a string.
// docs/tables.md lists which field feeds which column.
#pragma once

#include "common/diagnostics.h"
#include "normalizers/routing/row_sink.h"
#include "normalizers/windows/windows_event.h"

namespace iochound {

void AddWindowsEventRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink);
void AddSecurityEventRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink);
void AddEventRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink);

}  // namespace iochound
