// Sigma logsources over the Defender XDR advanced-hunting tables (and Sentinel's DnsEvents for DNS
// queries). Field names follow pySigma's microsoft_xdr pipeline; a field a table has no column for
// makes the rule fail to load for this target, naming the field.
#include <fmt/format.h>

#include <map>

#include "engine/sigma/kql_text.h"
#include "engine/sigma/sigma_logsource.h"
#include "engine/sigma/sigma_value.h"
#include "normalizers/table_schemas.h"

namespace iochound::sigma {

namespace {

using Names = std::map<std::string_view, std::string_view, std::less<>>;

struct DefenderSource {
  std::string_view table;
  std::string predicate;  // e.g. an ActionType; empty for every row
  const Names* fields;
};

const Names kProcessFields = {
    {"ProcessId", "ProcessId"},
    {"Image", "FolderPath"},
    {"FileVersion", "ProcessVersionInfoProductVersion"},
    {"Description", "ProcessVersionInfoFileDescription"},
    {"Product", "ProcessVersionInfoProductName"},
    {"Company", "ProcessVersionInfoCompanyName"},
    {"OriginalFileName", "ProcessVersionInfoOriginalFileName"},
    {"CommandLine", "ProcessCommandLine"},
    {"User", "AccountName"},
    {"IntegrityLevel", "ProcessIntegrityLevel"},
    {"LogonId", "LogonId"},
    {"md5", "MD5"},
    {"sha1", "SHA1"},
    {"sha256", "SHA256"},
    {"ParentProcessId", "InitiatingProcessId"},
    {"ParentImage", "InitiatingProcessFolderPath"},
    {"ParentCommandLine", "InitiatingProcessCommandLine"},
    {"ParentUser", "InitiatingProcessAccountName"},
};

// The fields of an action (network, file, image load, registry) plus those of the process behind it.
Names WithInitiatingProcess(Names fields) {
  fields.insert({{"ProcessId", "InitiatingProcessId"},
                 {"Image", "InitiatingProcessFolderPath"},
                 {"CommandLine", "InitiatingProcessCommandLine"},
                 {"User", "InitiatingProcessAccountName"},
                 {"IntegrityLevel", "InitiatingProcessIntegrityLevel"}});
  return fields;
}

const Names kNetworkFields = WithInitiatingProcess({{"Protocol", "Protocol"},
                                                    {"SourceIp", "LocalIP"},
                                                    {"SourcePort", "LocalPort"},
                                                    {"DestinationIp", "RemoteIP"},
                                                    {"DestinationPort", "RemotePort"},
                                                    {"DestinationHostname", "RemoteUrl"}});

const Names kFileFields = WithInitiatingProcess({{"TargetFilename", "FolderPath"},
                                                 {"SourceFilename", "PreviousFolderPath"},
                                                 {"md5", "MD5"},
                                                 {"sha1", "SHA1"},
                                                 {"sha256", "SHA256"}});

const Names kImageLoadFields = WithInitiatingProcess(
    {{"ImageLoaded", "FolderPath"}, {"md5", "MD5"}, {"sha1", "SHA1"}, {"sha256", "SHA256"}});

const Names kRegistryFields = WithInitiatingProcess(
    {{"TargetObject", "RegistryKey"}, {"Details", "RegistryValueData"}, {"EventType", "ActionType"}});

const Names kDnsFields = {{"QueryName", "Name"}, {"QueryResults", "IPAddresses"}, {"Computer", "Computer"}};

const std::map<std::string_view, DefenderSource, std::less<>>& Categories() {
  static const std::map<std::string_view, DefenderSource, std::less<>> categories = {
      {"process_creation", {"DeviceProcessEvents", "", &kProcessFields}},
      {"network_connection", {"DeviceNetworkEvents", "", &kNetworkFields}},
      {"file_event", {"DeviceFileEvents", "", &kFileFields}},
      {"file_change", {"DeviceFileEvents", "ActionType == 'FileModified'", &kFileFields}},
      {"file_delete", {"DeviceFileEvents", "ActionType == 'FileDeleted'", &kFileFields}},
      {"file_rename", {"DeviceFileEvents", "ActionType == 'FileRenamed'", &kFileFields}},
      {"image_load", {"DeviceImageLoadEvents", "", &kImageLoadFields}},
      {"registry_add", {"DeviceRegistryEvents", "ActionType == 'RegistryKeyCreated'", &kRegistryFields}},
      {"registry_delete",
       {"DeviceRegistryEvents", "ActionType in ('RegistryKeyDeleted', 'RegistryValueDeleted')",
        &kRegistryFields}},
      {"registry_set", {"DeviceRegistryEvents", "ActionType == 'RegistryValueSet'", &kRegistryFields}},
      {"registry_event", {"DeviceRegistryEvents", "", &kRegistryFields}},
      {"dns_query", {"DnsEvents", "", &kDnsFields}},
  };
  return categories;
}

FieldExpr Column(const Schema& schema, std::string_view column) {
  int index = FindField(schema, column);
  Type type = index >= 0 ? schema[index].type : Type::String;
  std::string name(column);
  bool integer = type == Type::Int || type == Type::Long;
  bool string = type == Type::String;
  return {name,
          string ? name : fmt::format("tostring({})", name),
          IsNumeric(type) ? name : fmt::format("toreal({})", name),
          string ? fmt::format("isnotempty({})", name) : fmt::format("isnotnull({})", name),
          true,
          integer};
}

}  // namespace

LogsourceTarget MapDefender(const Logsource& logsource) {
  if (!logsource.product.empty() && logsource.product != "windows") {
    throw SigmaError(fmt::format("no Defender table for logsource {}", logsource.Describe()));
  }
  auto it = Categories().find(logsource.category);
  if (it == Categories().end() || !logsource.service.empty()) {
    throw SigmaError(fmt::format("no Defender table for logsource {}", logsource.Describe()));
  }
  const DefenderSource& source = it->second;
  const Schema* schema = FindBuiltinSchema(source.table);
  if (!schema) throw SigmaError(fmt::format("table {} has no built-in schema", source.table));
  std::string table(source.table);
  FieldMap fields = [schema, table, names = source.fields](std::string_view field) {
    auto found = names->find(field);
    if (found == names->end()) throw SigmaError(fmt::format("field '{}' has no column in {}", field, table));
    return Column(*schema, found->second);
  };
  return {table, {{source.predicate, fields}}, ""};
}

}  // namespace iochound::sigma
