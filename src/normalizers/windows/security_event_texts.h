// The texts Sentinel's SecurityEvent table derives from an event's ID and logon type.
#pragma once

#include <cstdint>
#include <string_view>

namespace iochound {

// The first line of the message of a Security-Auditing event ("A new process has been created."
// for 4688), which SecurityEvent's Activity column shows after the ID; empty for IDs not listed.
// Texts from Microsoft's "Audit ..." event reference
// (https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4688 and its
// siblings).
std::string_view SecurityEventDescription(uint32_t event_id);

// SecurityEvent's LogonTypeName for a logon type: "3 - Network" style; empty when unknown.
std::string_view LogonTypeName(int64_t logon_type);

}  // namespace iochound
