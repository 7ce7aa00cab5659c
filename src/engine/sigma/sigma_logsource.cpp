// Windows logsources over the WindowsEvent table: System fields are columns, every event data field
// is a key of the EventData bag under its Windows name, which is the name Sigma rules use.
// Category → Sysmon event ids follow SigmaHQ's logsource guides and pySigma's sysmon pipeline;
// service → channel follows pySigma's windows_logsource_mapping (sigma/pipelines/common.py).
#include "engine/sigma/sigma_logsource.h"

#include <fmt/format.h>

#include <cctype>
#include <map>

#include "engine/function/string_ops.h"
#include "engine/sigma/kql_text.h"
#include "engine/sigma/sigma_value.h"

namespace iochound::sigma {

namespace {

constexpr std::string_view kSysmonProvider = "Microsoft-Windows-Sysmon";
constexpr std::string_view kSecurityProvider = "Microsoft-Windows-Security-Auditing";

struct WindowsColumn {
  std::string_view column;
  bool integer;
};

// Sigma's names for System fields (`<Provider Name>` is Provider_Name, as the specification's
// Field Usage section says) → WindowsEvent columns.
const std::map<std::string_view, WindowsColumn, std::less<>>& SystemColumns() {
  static const std::map<std::string_view, WindowsColumn, std::less<>> columns = {
      {"EventID", {"EventID", true}},
      {"Provider_Name", {"Provider", false}},
      {"Provider", {"Provider", false}},
      {"Channel", {"Channel", false}},
      {"Computer", {"Computer", false}},
      {"Level", {"EventLevel", true}},
      {"Task", {"Task", true}},
      {"Version", {"Version", true}},
      {"Opcode", {"Opcode", false}},
      {"Keywords", {"Keywords", false}},
      {"EventRecordID", {"EventRecordId", false}},
      {"Execution_ProcessID", {"SystemProcessId", true}},
      {"Execution_ThreadID", {"SystemThreadId", true}},
      {"Security_UserID", {"SystemUserId", false}},
  };
  return columns;
}

FieldExpr WindowsField(std::string_view name) {
  const auto& columns = SystemColumns();
  if (auto it = columns.find(name); it != columns.end()) {
    std::string column(it->second.column);
    bool integer = it->second.integer;
    return {column,
            integer ? fmt::format("tostring({})", column) : column,
            integer ? column : fmt::format("toreal({})", column),
            "true",
            true,
            integer};
  }
  std::string key = KqlString(name);
  std::string raw = fmt::format("EventData[{}]", key);
  // Unnamed <Data> elements of classic events are one list under "Data"; its values are searched
  // one per line.
  std::string text =
      name == "Data"
          ? fmt::format("iff(gettype({0}) == 'array', strcat_array({0}, '\\n'), tostring({0}))", raw)
          : fmt::format("tostring({})", raw);
  return {raw,   text, fmt::format("toreal({})", raw), fmt::format("bag_has_key(EventData, {})", key),
          false, false};
}

// "SourceName" for "Source Name": words split where a lower-case letter meets a capital.
std::string SpacedName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])) &&
        std::isupper(static_cast<unsigned char>(name[i]))) {
      out += ' ';
    }
    out += name[i];
  }
  return out;
}

// Windows Defender names its event data with spaces ("Threat Name", "Source Name"); Sigma rules
// write them without (the specification's Field Usage: "strip all spaces"). Either name is read.
FieldExpr DefenderField(std::string_view name) {
  std::string spaced = SpacedName(name);
  if (spaced == name || SystemColumns().contains(name)) return WindowsField(name);
  FieldExpr plain = WindowsField(name), with_spaces = WindowsField(spaced);
  std::string raw = fmt::format("coalesce({}, {})", plain.raw, with_spaces.raw);
  return {raw,
          fmt::format("tostring({})", raw),
          fmt::format("toreal({})", raw),
          fmt::format("({} or {})", plain.exists, with_spaces.exists),
          false,
          false};
}

// Security 4688 names the Sysmon process-creation fields differently; the rest keep their names
// (fields 4688 lacks, like OriginalFileName or Hashes, are simply absent from its events).
// Source: pySigma's windows audit field mappings and the 4688 event schema.
FieldExpr Security4688Field(std::string_view name) {
  static const std::map<std::string_view, std::string_view, std::less<>> renames = {
      {"Image", "NewProcessName"},   {"ParentImage", "ParentProcessName"},
      {"ProcessId", "NewProcessId"}, {"ParentProcessId", "ProcessId"},
      {"LogonId", "SubjectLogonId"}, {"IntegrityLevel", "MandatoryLabel"},
  };
  auto it = renames.find(name);
  return WindowsField(it == renames.end() ? name : it->second);
}

std::string EventIds(std::string_view provider, std::initializer_list<int> ids) {
  std::string list;
  for (int id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
  if (ids.size() == 1) return fmt::format("Provider == {} and EventID == {}", KqlString(provider), list);
  return fmt::format("Provider == {} and EventID in ({})", KqlString(provider), list);
}

std::string Sysmon(std::initializer_list<int> ids) {
  return EventIds(kSysmonProvider, ids);
}

// Categories whose events one provider's event ids select.
const std::map<std::string_view, std::string, std::less<>>& WindowsCategories() {
  static const std::map<std::string_view, std::string, std::less<>> categories = {
      {"file_change", Sysmon({2})},
      {"network_connection", Sysmon({3})},
      {"sysmon_status", Sysmon({4, 16})},
      {"process_termination", Sysmon({5})},
      {"driver_load", Sysmon({6})},
      {"image_load", Sysmon({7})},
      {"create_remote_thread", Sysmon({8})},
      {"raw_access_thread", Sysmon({9})},
      {"process_access", Sysmon({10})},
      {"file_event", Sysmon({11})},
      {"registry_add", Sysmon({12}) + " and tostring(EventData['EventType']) == 'CreateKey'"},
      {"registry_delete",
       Sysmon({12}) + " and tostring(EventData['EventType']) in ('DeleteKey', 'DeleteValue')"},
      {"registry_set", Sysmon({13})},
      {"registry_rename", Sysmon({14})},
      {"registry_event", Sysmon({12, 13, 14})},
      {"create_stream_hash", Sysmon({15})},
      {"pipe_created", Sysmon({17, 18})},
      {"wmi_event", Sysmon({19, 20, 21})},
      {"dns_query", Sysmon({22})},
      {"file_delete", Sysmon({23, 26})},
      {"clipboard_capture", Sysmon({24})},
      {"process_tampering", Sysmon({25})},
      {"file_delete_detected", Sysmon({26})},
      {"file_block_executable", Sysmon({27})},
      {"file_block_shredding", Sysmon({28})},
      {"file_executable_detected", Sysmon({29})},
      {"sysmon_error", Sysmon({255})},
      {"ps_module", EventIds("Microsoft-Windows-PowerShell", {4103})},
      {"ps_script", EventIds("Microsoft-Windows-PowerShell", {4104})},
      {"ps_classic_start", "Channel == 'Windows PowerShell' and EventID == 400"},
      {"ps_classic_provider_start", "Channel == 'Windows PowerShell' and EventID == 600"},
      {"ps_classic_script", "Channel == 'Windows PowerShell' and EventID == 800"},
  };
  return categories;
}

const std::map<std::string_view, std::vector<std::string_view>, std::less<>>& WindowsChannels() {
  static const std::map<std::string_view, std::vector<std::string_view>, std::less<>> channels = {
      {"security", {"Security"}},
      {"application", {"Application"}},
      {"system", {"System"}},
      {"sysmon", {"Microsoft-Windows-Sysmon/Operational"}},
      {"powershell", {"Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"}},
      {"powershell-classic", {"Windows PowerShell"}},
      {"taskscheduler", {"Microsoft-Windows-TaskScheduler/Operational"}},
      {"wmi", {"Microsoft-Windows-WMI-Activity/Operational"}},
      {"dns-server", {"DNS Server"}},
      {"dns-server-audit", {"Microsoft-Windows-DNS-Server/Audit"}},
      {"dns-server-analytic", {"Microsoft-Windows-DNS-Server/Analytical"}},
      {"driver-framework", {"Microsoft-Windows-DriverFrameworks-UserMode/Operational"}},
      {"ntlm", {"Microsoft-Windows-NTLM/Operational"}},
      {"dhcp", {"Microsoft-Windows-DHCP-Server/Operational"}},
      {"msexchange-management", {"MSExchange Management"}},
      {"applocker",
       {"Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL",
        "Microsoft-Windows-AppLocker/Packaged app-Deployment",
        "Microsoft-Windows-AppLocker/Packaged app-Execution"}},
      {"printservice-admin", {"Microsoft-Windows-PrintService/Admin"}},
      {"printservice-operational", {"Microsoft-Windows-PrintService/Operational"}},
      {"codeintegrity-operational", {"Microsoft-Windows-CodeIntegrity/Operational"}},
      {"smbclient-security", {"Microsoft-Windows-SmbClient/Security"}},
      {"smbclient-connectivity", {"Microsoft-Windows-SmbClient/Connectivity"}},
      {"smbserver-connectivity", {"Microsoft-Windows-SMBServer/Connectivity"}},
      {"firewall-as", {"Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"}},
      {"bits-client", {"Microsoft-Windows-Bits-Client/Operational"}},
      {"windefend", {"Microsoft-Windows-Windows Defender/Operational"}},
      {"terminalservices-localsessionmanager",
       {"Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"}},
      {"microsoft-servicebus-client", {"Microsoft-ServiceBus-Client"}},
      {"ldap_debug", {"Microsoft-Windows-LDAP-Client/Debug"}},
      {"security-mitigations",
       {"Microsoft-Windows-Security-Mitigations/Kernel Mode",
        "Microsoft-Windows-Security-Mitigations/User Mode"}},
      {"diagnosis-scripted", {"Microsoft-Windows-Diagnosis-Scripted/Operational"}},
      {"shell-core", {"Microsoft-Windows-Shell-Core/Operational"}},
      {"openssh", {"OpenSSH/Operational"}},
      {"bitlocker", {"Microsoft-Windows-BitLocker/BitLocker Management"}},
      {"vhdmp", {"Microsoft-Windows-VHDMP/Operational"}},
      {"appxdeployment-server", {"Microsoft-Windows-AppXDeploymentServer/Operational"}},
      {"lsa-server", {"Microsoft-Windows-LSA/Operational"}},
      {"appxpackaging-om", {"Microsoft-Windows-AppxPackaging/Operational"}},
      {"dns-client", {"Microsoft-Windows-DNS Client Events/Operational"}},
      {"appmodel-runtime", {"Microsoft-Windows-AppModel-Runtime/Admin"}},
      {"capi2", {"Microsoft-Windows-CAPI2/Operational"}},
      {"certificateservicesclient-lifecycle-system",
       {"Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"}},
      {"iis-configuration", {"Microsoft-IIS-Configuration/Operational"}},
      {"kernel-shimengine", {"Microsoft-Windows-Kernel-ShimEngine/Operational"}},
      {"hyper-v-worker", {"Microsoft-Windows-Hyper-V-Worker"}},
  };
  return channels;
}

std::string ChannelPredicate(const std::vector<std::string_view>& channels) {
  if (channels.size() == 1) return fmt::format("Channel == {}", KqlString(channels.front()));
  std::string list;
  for (std::string_view channel : channels) list += (list.empty() ? "" : ", ") + KqlString(channel);
  return fmt::format("Channel in ({})", list);
}

std::string And(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + " and " + b;
}

LogsourceTarget MapWindows(const Logsource& logsource) {
  LogsourceTarget target{"WindowsEvent", {}, "tostring(EventData)"};
  std::string service_predicate;
  if (!logsource.service.empty()) {
    auto it = WindowsChannels().find(logsource.service);
    if (it == WindowsChannels().end()) {
      throw SigmaError(fmt::format("no Windows channel known for logsource service '{}'", logsource.service));
    }
    service_predicate = ChannelPredicate(it->second);
  }
  if (logsource.category.empty()) {
    target.branches.push_back(
        {service_predicate, logsource.service == "windefend" ? DefenderField : WindowsField});
    return target;
  }
  if (logsource.category == "process_creation") {
    target.branches.push_back({And(Sysmon({1}), service_predicate), WindowsField});
    target.branches.push_back(
        {And(EventIds(kSecurityProvider, {4688}), service_predicate), Security4688Field});
    return target;
  }
  auto it = WindowsCategories().find(logsource.category);
  if (it == WindowsCategories().end()) {
    throw SigmaError(
        fmt::format("no Windows event source known for logsource category '{}'", logsource.category));
  }
  target.branches.push_back({And(it->second, service_predicate), WindowsField});
  return target;
}

}  // namespace

LogsourceTarget MapLogsource(const Logsource& logsource, SigmaTarget target) {
  if (target == SigmaTarget::kDefender) return MapDefender(logsource);
  if (logsource.product == "windows") return MapWindows(logsource);
  throw SigmaError(fmt::format("no table mapping for logsource {}", logsource.Describe()));
}

}  // namespace iochound::sigma

namespace iochound {

bool SigmaLogsource::Covers(const SigmaLogsource& rule) const {
  auto covers = [](const std::string& mine, const std::string& theirs) {
    return mine.empty() || string_ops::EqualsIgnoreCase(mine, theirs);
  };
  return covers(product, rule.product) && covers(category, rule.category) && covers(service, rule.service);
}

std::string SigmaLogsource::Describe() const {
  std::string out;
  auto add = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, value);
  };
  add("product", product);
  add("category", category);
  add("service", service);
  return out.empty() ? "(empty)" : out;
}

}  // namespace iochound
