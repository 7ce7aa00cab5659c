#include "normalizers/windows/sysmon_tables.h"

#include "normalizers/windows/event_values.h"
#include "normalizers/windows/sysmon_dns.h"
#include "types/datetime.h"

namespace iochound {
namespace {

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// Sysmon's Hashes field: "SHA1=...,MD5=...,SHA256=...,IMPHASH=..." (only the configured ones).
// Defender's hash columns hold lowercase hex. The algorithm names are the column names.
void SetHashes(TableRow& row, std::string_view hashes) {
  while (!hashes.empty()) {
    size_t comma = hashes.find(',');
    std::string_view item = hashes.substr(0, comma);
    hashes = comma == std::string_view::npos ? std::string_view() : hashes.substr(comma + 1);
    size_t equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view algorithm = item.substr(0, equals);
    if (algorithm == "SHA1" || algorithm == "SHA256" || algorithm == "MD5") {
      row.SetOwned(algorithm, Lowercase(item.substr(equals + 1)));
    }
  }
}

void SetLongIfNumber(TableRow& row, std::string_view column, std::string_view text) {
  if (std::optional<int64_t> number = ParseEventInteger(text)) row.SetLong(column, *number);
}

void SetAccount(TableRow& row, std::string_view user, std::string_view domain_column,
                std::string_view name_column) {
  if (IsBlank(user)) return;
  AccountText account = SplitAccount(user);
  if (!account.domain.empty()) row.Set(domain_column, account.domain);
  row.Set(name_column, account.name);
}

// The process an event is about when it is not the subject: Image, ProcessId and User.
void SetInitiatingProcess(TableRow& row, const WindowsEvent& event) {
  std::string_view image = EventDataValue(event, "Image");
  if (!image.empty()) {
    row.Set("InitiatingProcessFileName", FileNameOf(image));
    row.Set("InitiatingProcessFolderPath", image);
  }
  SetLongIfNumber(row, "InitiatingProcessId", EventDataValue(event, "ProcessId"));
  SetAccount(row, EventDataValue(event, "User"), "InitiatingProcessAccountDomain",
             "InitiatingProcessAccountName");
}

// Starts a Defender row: the columns every Sysmon-derived Device* row shares.
void SetDeviceColumns(TableRow& row, const WindowsEvent& event, int64_t time, std::string_view table,
                      std::string_view action) {
  row.SetDatetime("Timestamp", time);
  row.SetDatetime("TimeGenerated", time);
  row.Set("DeviceName", event.computer);
  row.Set("ActionType", action);
  row.SetLong("ReportId", static_cast<int64_t>(event.event_record_id));
  row.Set("Type", table);
}

int64_t SysmonTime(const WindowsEvent& event) {
  std::optional<int64_t> utc = ParseDateTime(EventDataValue(event, "UtcTime"));
  return utc ? *utc : event.time_created_ticks;
}

void AddProcessRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time) {
  TableRow row(sink, "DeviceProcessEvents", where);
  if (!row.wanted()) return;
  SetDeviceColumns(row, event, time, "DeviceProcessEvents", "ProcessCreated");
  std::string_view image = EventDataValue(event, "Image");
  row.Set("FileName", FileNameOf(image));
  row.Set("FolderPath", image);
  row.Set("ProcessCommandLine", EventDataValue(event, "CommandLine"));
  SetLongIfNumber(row, "ProcessId", EventDataValue(event, "ProcessId"));
  row.SetDatetime("ProcessCreationTime", time);
  row.Set("ProcessIntegrityLevel", EventDataValue(event, "IntegrityLevel"));
  row.Set("ProcessVersionInfoCompanyName", EventDataValue(event, "Company"));
  row.Set("ProcessVersionInfoProductName", EventDataValue(event, "Product"));
  row.Set("ProcessVersionInfoOriginalFileName", EventDataValue(event, "OriginalFileName"));
  row.Set("ProcessVersionInfoFileDescription", EventDataValue(event, "Description"));
  SetHashes(row, EventDataValue(event, "Hashes"));
  SetAccount(row, EventDataValue(event, "User"), "AccountDomain", "AccountName");
  SetLongIfNumber(row, "LogonId", EventDataValue(event, "LogonId"));
  std::string_view parent = EventDataValue(event, "ParentImage");
  if (!IsBlank(parent)) {
    row.Set("InitiatingProcessFileName", FileNameOf(parent));
    row.Set("InitiatingProcessFolderPath", parent);
  }
  row.Set("InitiatingProcessCommandLine", EventDataValue(event, "ParentCommandLine"));
  SetLongIfNumber(row, "InitiatingProcessId", EventDataValue(event, "ParentProcessId"));
  SetAccount(row, EventDataValue(event, "ParentUser"), "InitiatingProcessAccountDomain",
             "InitiatingProcessAccountName");
  row.SetDynamic("AdditionalFields", EventDataBag(event));
  row.Commit();
}

void AddNetworkRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time) {
  TableRow row(sink, "DeviceNetworkEvents", where);
  if (!row.wanted()) return;
  // Sysmon names the ends by who initiated: for an inbound connection (Initiated false) the source
  // is the remote peer and the destination this host.
  bool outbound = EventDataValue(event, "Initiated") != "false";
  std::string_view local = outbound ? "Source" : "Destination";
  std::string_view remote = outbound ? "Destination" : "Source";
  auto field = [&](std::string_view end, std::string_view name) {
    return EventDataValue(event, std::string(end) + std::string(name));
  };
  SetDeviceColumns(row, event, time, "DeviceNetworkEvents",
                   outbound ? "ConnectionSuccess" : "InboundConnectionAccepted");
  row.Set("LocalIP", field(local, "Ip"));
  SetLongIfNumber(row, "LocalPort", field(local, "Port"));
  row.Set("RemoteIP", field(remote, "Ip"));
  SetLongIfNumber(row, "RemotePort", field(remote, "Port"));
  std::string_view hostname = field(remote, "Hostname");
  if (!IsBlank(hostname)) row.Set("RemoteUrl", hostname);
  std::string_view protocol = EventDataValue(event, "Protocol");
  if (protocol == "tcp")
    row.Set("Protocol", "Tcp");
  else if (protocol == "udp")
    row.Set("Protocol", "Udp");
  else
    row.Set("Protocol", protocol);
  SetInitiatingProcess(row, event);
  row.SetDynamic("AdditionalFields", EventDataBag(event));
  row.Commit();
}

void AddImageLoadRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time) {
  TableRow row(sink, "DeviceImageLoadEvents", where);
  if (!row.wanted()) return;
  SetDeviceColumns(row, event, time, "DeviceImageLoadEvents", "ImageLoaded");
  std::string_view loaded = EventDataValue(event, "ImageLoaded");
  row.Set("FileName", FileNameOf(loaded));
  row.Set("FolderPath", loaded);
  SetHashes(row, EventDataValue(event, "Hashes"));
  SetInitiatingProcess(row, event);
  row.Commit();
}

void AddFileRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time,
                std::string_view action) {
  TableRow row(sink, "DeviceFileEvents", where);
  if (!row.wanted()) return;
  SetDeviceColumns(row, event, time, "DeviceFileEvents", action);
  std::string_view target = EventDataValue(event, "TargetFilename");
  row.Set("FileName", FileNameOf(target));
  row.Set("FolderPath", target);
  SetHashes(row, EventDataValue(event, "Hashes"));
  SetInitiatingProcess(row, event);
  row.SetDynamic("AdditionalFields", EventDataBag(event));
  row.Commit();
}

// Defender spells registry hives out in full.
std::string FullHiveName(std::string_view key) {
  static constexpr std::pair<std::string_view, std::string_view> kHives[] = {{"HKLM", "HKEY_LOCAL_MACHINE"},
                                                                             {"HKU", "HKEY_USERS"},
                                                                             {"HKCU", "HKEY_CURRENT_USER"},
                                                                             {"HKCR", "HKEY_CLASSES_ROOT"},
                                                                             {"HKCC", "HKEY_CURRENT_CONFIG"}};
  for (const auto& [short_name, long_name] : kHives) {
    if (key.starts_with(short_name) && (key.size() == short_name.size() || key[short_name.size()] == '\\')) {
      return std::string(long_name) + std::string(key.substr(short_name.size()));
    }
  }
  return std::string(key);
}

// Sysmon's Details of a value set: "DWORD (0x00000001)", "QWORD (...)", "Binary Data", or the string.
std::string_view RegistryValueType(std::string_view details) {
  if (details.starts_with("DWORD (")) return "Dword";
  if (details.starts_with("QWORD (")) return "Qword";
  if (details == "Binary Data") return "Binary";
  return "String";
}

void AddRegistryRow(const WindowsEvent& event, const RecordLocation& where, RowSink& sink, int64_t time) {
  TableRow row(sink, "DeviceRegistryEvents", where);
  if (!row.wanted()) return;
  std::string_view kind = EventDataValue(event, "EventType");
  std::string target = FullHiveName(EventDataValue(event, "TargetObject"));
  bool value_event = kind == "SetValue" || kind == "DeleteValue" || kind == "CreateValue";
  std::string_view action = kind == "CreateKey"     ? "RegistryKeyCreated"
                            : kind == "DeleteKey"   ? "RegistryKeyDeleted"
                            : kind == "DeleteValue" ? "RegistryValueDeleted"
                            : kind == "RenameKey"   ? "RegistryKeyRenamed"
                                                    : "RegistryValueSet";
  SetDeviceColumns(row, event, time, "DeviceRegistryEvents", action);
  if (value_event) {
    size_t slash = target.find_last_of('\\');
    row.SetOwned("RegistryKey", target.substr(0, slash == std::string::npos ? 0 : slash));
    row.SetOwned("RegistryValueName", slash == std::string::npos ? target : target.substr(slash + 1));
  } else if (kind != "RenameKey") {
    row.SetOwned("RegistryKey", target);
  }
  if (kind == "SetValue") {
    std::string_view details = EventDataValue(event, "Details");
    row.Set("RegistryValueData", details);
    row.Set("RegistryValueType", RegistryValueType(details));
  }
  if (kind == "RenameKey") {
    row.SetOwned("PreviousRegistryKey", target);
    row.SetOwned("RegistryKey", FullHiveName(EventDataValue(event, "NewName")));
  }
  SetInitiatingProcess(row, event);
  row.Commit();
}

}  // namespace

bool IsSysmonEvent(const WindowsEvent& event) {
  return event.provider_name == "Microsoft-Windows-Sysmon" || event.provider_name == "Linux-Sysmon";
}

bool AddSysmonRows(const WindowsEvent& event, const RecordLocation& where, RowSink& sink) {
  const int64_t time = SysmonTime(event);
  switch (event.event_id) {
    case 1:
      AddProcessRow(event, where, sink, time);
      return true;
    case 3:
      AddNetworkRow(event, where, sink, time);
      return true;
    case 7:
      AddImageLoadRow(event, where, sink, time);
      return true;
    case 11:
      AddFileRow(event, where, sink, time, "FileCreated");
      return true;
    case 23:
    case 26:
      AddFileRow(event, where, sink, time, "FileDeleted");
      return true;
    case 12:
    case 13:
    case 14:
      AddRegistryRow(event, where, sink, time);
      return true;
    case 22:
      AddSysmonDnsRow(event, where, sink, time);
      return true;
    default:
      return false;
  }
}

}  // namespace iochound
