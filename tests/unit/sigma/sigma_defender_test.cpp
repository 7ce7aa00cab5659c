// The Defender XDR target: Sigma categories over DeviceProcessEvents, DeviceNetworkEvents, ... with
// pySigma's microsoft_xdr field names; fields a table lacks are reported, not dropped.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigma_test_util.h"

namespace iochound {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

SigmaOptions Defender() {
  SigmaOptions options;
  options.target = SigmaTarget::kDefender;
  return options;
}

// Row numbers of `rows` (a datatable body) the rule returns; `columns` declares the table.
std::vector<int> RunOver(const SigmaRule& rule, const std::string& table, const std::string& columns,
                         const std::string& rows) {
  auto out = testing::RunQuery("let " + table + " = datatable(Row:int, " + columns + ")[" + rows + "];\n" +
                               rule.kql + "\n| project Row");
  std::vector<int> result;
  for (const auto& row : out.rows) result.push_back(std::stoi(row.at(0)));
  return result;
}

TEST(SigmaDefenderTest, ProcessCreationRunsOverDeviceProcessEvents) {
  SigmaRule rule = sigma_testing::Compile(
      sigma_testing::Rule(
          "    selection:\n        Image|endswith: '\\whoami.exe'\n"
          "        ParentImage|endswith: '\\cmd.exe'\n    filter:\n        CommandLine|contains: '/\\?'\n"
          "    condition: selection and not filter\n"),
      Defender());
  EXPECT_THAT(rule.tables, ElementsAre("DeviceProcessEvents"));
  EXPECT_THAT(RunOver(rule, "DeviceProcessEvents",
                      "FolderPath:string, InitiatingProcessFolderPath:string, ProcessCommandLine:string",
                      R"(0, @'C:\Windows\System32\WHOAMI.EXE', @'C:\Windows\System32\cmd.exe', 'whoami /all',
                     1, @'C:\Windows\System32\whoami.exe', @'C:\Windows\explorer.exe', 'whoami',
                     2, @'C:\Windows\System32\whoami.exe', @'C:\Windows\System32\cmd.exe', 'whoami /?')"),
              ElementsAre(0));
}

TEST(SigmaDefenderTest, NetworkAndRegistryAndDns) {
  SigmaRule network = sigma_testing::Compile(
      sigma_testing::Rule(
          "    sel:\n        DestinationPort: 4444\n        DestinationIp|cidr: '10.0.0.0/8'\n"
          "    condition: sel\n",
          "category: network_connection"),
      Defender());
  EXPECT_THAT(RunOver(network, "DeviceNetworkEvents", "RemotePort:int, RemoteIP:string",
                      "0, 4444, '10.1.1.1', 1, 4444, '8.8.8.8', 2, 443, '10.1.1.1'"),
              ElementsAre(0));
  SigmaRule registry = sigma_testing::Compile(
      sigma_testing::Rule(
          "    sel:\n        TargetObject|contains: '\\CurrentVersion\\Run'\n    condition: sel\n",
          "category: registry_set"),
      Defender());
  EXPECT_THAT(
      RunOver(registry, "DeviceRegistryEvents", "ActionType:string, RegistryKey:string",
              R"(0, 'RegistryValueSet', @'HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Run',
                     1, 'RegistryKeyCreated', @'HKEY_LOCAL_MACHINE\Software\Microsoft\Windows\CurrentVersion\Run')"),
      ElementsAre(0));
  SigmaRule dns = sigma_testing::Compile(
      sigma_testing::Rule("    sel:\n        QueryName|endswith: '.in.net'\n    condition: sel\n",
                          "category: dns_query"),
      Defender());
  EXPECT_THAT(RunOver(dns, "DnsEvents", "Name:string", "0, 'project1.in.net', 1, 'example.com'"),
              ElementsAre(0));
}

TEST(SigmaDefenderTest, FieldsAndLogsourcesWithoutColumnsAreReported) {
  EXPECT_THAT(sigma_testing::FailureReason(
                  sigma_testing::Rule("    sel:\n        CurrentDirectory: 'C:\\x'\n    condition: sel\n"),
                  Defender()),
              HasSubstr("field 'CurrentDirectory' has no column in DeviceProcessEvents"));
  EXPECT_THAT(
      sigma_testing::FailureReason(
          sigma_testing::Rule("    sel:\n        EventID: 4624\n    condition: sel\n", "service: security"),
          Defender()),
      HasSubstr("no Defender table for logsource product=windows service=security"));
  EXPECT_THAT(
      sigma_testing::FailureReason(
          sigma_testing::Rule("    keywords:\n        - 'mimikatz'\n    condition: keywords\n"), Defender()),
      HasSubstr("keyword search"));
}

}  // namespace
}  // namespace iochound
