#include "normalizers/windows/windows_tables.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>

#include "decoders/evtx/xml_tree.h"
#include "normalizers/table_schemas.h"
#include "normalizers/windows/event_values.h"
#include "normalizers/windows/security_event_texts.h"
#include "types/datetime.h"

namespace iochound {
namespace {

// Well-known SIDs the Log Analytics agent renders as names in Event's UserName
// (https://learn.microsoft.com/windows/win32/secauthz/well-known-sids).
std::string_view WellKnownAccount(std::string_view sid) {
  if (sid == "S-1-5-18") return "NT AUTHORITY\\SYSTEM";
  if (sid == "S-1-5-19") return "NT AUTHORITY\\LOCAL SERVICE";
  if (sid == "S-1-5-20") return "NT AUTHORITY\\NETWORK SERVICE";
  return {};
}

void SetTimeGenerated(TableRow& row, const WindowsEvent& event) {
  if (event.time_created_ticks != 0) row.SetDatetime("TimeGenerated", event.time_created_ticks);
}

// SecurityEvent columns that event data fields of the same name feed, with their types. Columns
// the mapping derives itself (system fields, Account, Activity ...) are left out, so a data field
// that happens to share their name cannot overwrite them.
const std::unordered_map<std::string_view, Type>& SecurityEventDataColumns() {
  static const std::unordered_map<std::string_view, Type> columns = [] {
    static constexpr std::string_view kDerived[] = {"Account",
                                                    "AccountType",
                                                    "Activity",
                                                    "Channel",
                                                    "Computer",
                                                    "EventData",
                                                    "EventID",
                                                    "EventSourceName",
                                                    "Level",
                                                    "LogonTypeName",
                                                    "Process",
                                                    "SourceSystem",
                                                    "SubjectAccount",
                                                    "TargetAccount",
                                                    "Task",
                                                    "TenantId",
                                                    "TimeGenerated",
                                                    "Type",
                                                    "_ResourceId",
                                                    "_SubscriptionId",
                                                    "_BilledSize",
                                                    "_IsBillable",
                                                    "ManagementGroupName",
                                                    "AzureDeploymentID"};
    std::unordered_map<std::string_view, Type> result;
    for (const Field& field : *FindBuiltinSchema("SecurityEvent")) result.emplace(field.name, field.type);
    for (std::string_view name : kDerived) result.erase(name);
    return result;
  }();
  return columns;
}

std::string JoinAccount(std::string_view domain, std::string_view name) {
  return fmt::format("{}\\{}", domain, name);
}

// Sentinel's Account is the account the event is about: the target when the event names one,
// otherwise the subject; AccountType is Machine for computer and service accounts.
void SetSecurityAccounts(TableRow& row, const WindowsEvent& event) {
  std::optional<std::string_view> subject_name = FindEventData(event, "SubjectUserName");
  std::optional<std::string_view> target_name = FindEventData(event, "TargetUserName");
  std::string subject, target;
  if (subject_name) {
    subject = JoinAccount(EventDataValue(event, "SubjectDomainName"), *subject_name);
    row.SetOwned("SubjectAccount", subject);
  }
  if (target_name) {
    target = JoinAccount(EventDataValue(event, "TargetDomainName"), *target_name);
    row.SetOwned("TargetAccount", target);
  }
  bool use_target = target_name && !IsBlank(*target_name);
  const std::string& account = use_target ? target : subject;
  if (account.empty()) return;
  row.SetOwned("Account", account);
  std::string_view sid = EventDataValue(event, use_target ? "TargetUserSid" : "SubjectUserSid");
  bool machine = account.ends_with('$') || sid == "S-1-5-18" || sid == "S-1-5-19" || sid == "S-1-5-20";
  row.Set("AccountType", machine ? "Machine" : "User");
}

}  // namespace

void AddWindowsEventRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink) {
  TableRow row(sink, "WindowsEvent", where);
  if (!row.wanted()) return;
  SetTimeGenerated(row, event);
  row.Set("Provider", event.provider_name);
  row.Set("Channel", event.channel);
  row.Set("Computer", event.computer);
  row.SetLong("EventID", event.event_id);
  row.SetLong("EventLevel", event.level);
  row.Set("EventLevelName", LevelName(event.level));
  row.SetOwned("EventRecordId", std::to_string(event.event_record_id));
  row.Set("Keywords", event.keywords);
  row.SetOwned("Opcode", std::to_string(event.opcode));
  row.SetLong("Task", event.task);
  row.SetLong("Version", event.version);
  row.SetLong("SystemProcessId", event.process_id);
  row.SetLong("SystemThreadId", event.thread_id);
  row.Set("SystemUserId", event.user_id);
  row.Set("Correlation", event.activity_id);
  row.SetDynamic("EventData", EventDataBag(event));
  row.Set("Type", "WindowsEvent");
  row.Commit();
}

void AddSecurityEventRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink) {
  TableRow row(sink, "SecurityEvent", where);
  if (!row.wanted()) return;
  SetTimeGenerated(row, event);
  row.Set("Computer", event.computer);
  row.Set("Channel", event.channel);
  row.Set("EventSourceName", event.provider_name);
  row.SetLong("EventID", event.event_id);
  std::string_view description = SecurityEventDescription(event.event_id);
  row.SetOwned("Activity", description.empty() ? std::to_string(event.event_id)
                                               : fmt::format("{} - {}", event.event_id, description));
  row.SetOwned("Level", std::to_string(event.level));
  row.SetLong("Task", event.task);
  const auto& columns = SecurityEventDataColumns();
  for (const evtx::EvtxDataField& field : event.data) {
    auto column = columns.find(field.name);
    if (column == columns.end()) continue;
    if (column->second == Type::String) {
      row.Set(column->first, field.value);
    } else if (std::optional<int64_t> number = ParseEventInteger(field.value)) {
      row.SetLong(column->first, *number);
    }
  }
  SetSecurityAccounts(row, event);
  std::string_view image = EventDataValue(event, "NewProcessName");
  if (image.empty()) image = EventDataValue(event, "ProcessName");
  if (!image.empty()) row.Set("Process", FileNameOf(image));
  if (std::optional<int64_t> logon_type = ParseEventInteger(EventDataValue(event, "LogonType"))) {
    std::string_view name = LogonTypeName(*logon_type);
    if (!name.empty()) row.Set("LogonTypeName", name);
  }
  row.SetOwned("EventData", EventDataXml(event));
  row.Set("Type", "SecurityEvent");
  row.Commit();
}

void AddEventRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink) {
  TableRow row(sink, "Event", where);
  if (!row.wanted()) return;
  SetTimeGenerated(row, event);
  row.Set("Computer", event.computer);
  row.Set("EventLog", event.channel);
  row.Set("Source", event.event_source_name.empty() ? event.provider_name : event.event_source_name);
  row.SetLong("EventID", event.event_id);
  row.SetLong("EventLevel", event.level);
  row.Set("EventLevelName", LevelName(event.level));
  row.SetLong("EventCategory", event.task);
  std::string_view user = WellKnownAccount(event.user_id);
  row.Set("UserName", user.empty() ? std::string_view(event.user_id) : user);
  row.SetOwned("ParameterXml", ParameterXml(event));
  // The Log Analytics agent wraps the event's data in its DataItem envelope.
  std::string data = "<DataItem type=\"System.XmlData\" time=\"";
  data += FormatDateTime(event.time_created_ticks);
  data += "\">" + EventDataXml(event) + "</DataItem>";
  row.SetOwned("EventData", std::move(data));
  row.Set("RenderedDescription", "");
  row.Set("Type", "Event");
  row.Commit();
}

}  // namespace iochound
