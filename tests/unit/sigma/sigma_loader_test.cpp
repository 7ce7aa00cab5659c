// Loading Sigma files: metadata, MITRE tags, logsource mapping, filters, and every document that is
// not loaded reported with its path and reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sigma_test_util.h"

namespace iochound {
namespace {

namespace fs = std::filesystem;
using sigma_testing::Event;
using sigma_testing::Field;
using sigma_testing::MatchingRows;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* const kRule = R"(title: Suspicious Whoami
id: 8de1cbe3-f6f5-4d9d-a2f1-2f1b0a7ad0f2
status: test
description: whoami run by a service account
author: test
date: 2026-01-01
references:
    - https://example.com/whoami
tags:
    - attack.discovery
    - attack.t1033
    - attack.t1059.001
    - car.2016-03-001
    - attack.g0016
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\whoami.exe'
    condition: selection
fields:
    - CommandLine
falsepositives:
    - Admin scripts
level: high
)";

TEST(SigmaLoaderTest, ReadsMetadataAndMitreTags) {
  SigmaRule rule = sigma_testing::Compile(kRule);
  EXPECT_EQ(rule.id, "8de1cbe3-f6f5-4d9d-a2f1-2f1b0a7ad0f2");
  EXPECT_EQ(rule.title, "Suspicious Whoami");
  EXPECT_EQ(rule.status, "test");
  EXPECT_EQ(rule.level, "high");
  EXPECT_EQ(rule.description, "whoami run by a service account");
  EXPECT_EQ(rule.path, "test.yml");
  EXPECT_THAT(rule.tags, ElementsAre("attack.discovery", "attack.t1033", "attack.t1059.001",
                                     "car.2016-03-001", "attack.g0016"));
  EXPECT_THAT(rule.mitre_techniques, ElementsAre("T1033", "T1059.001"));
  EXPECT_THAT(rule.mitre_tactics, ElementsAre("discovery"));
  EXPECT_THAT(rule.falsepositives, ElementsAre("Admin scripts"));
  EXPECT_THAT(rule.fields, ElementsAre("CommandLine"));
  EXPECT_THAT(rule.references, ElementsAre("https://example.com/whoami"));
  EXPECT_THAT(rule.tables, ElementsAre("WindowsEvent"));
  EXPECT_EQ(rule.logsource.Describe(), "product=windows category=process_creation");
  EXPECT_TRUE(rule.kql.starts_with("WindowsEvent\n| where ")) << rule.kql;
}

TEST(SigmaLoaderTest, ProcessCreationCoversSysmonAndSecurity4688) {
  SigmaRule rule = sigma_testing::Compile(kRule);
  const std::string sysmon = "Microsoft-Windows-Sysmon", security = "Microsoft-Windows-Security-Auditing";
  std::vector<Event> events = {
      {Field("Image", R"(C:\Windows\System32\whoami.exe)"), 1, sysmon},
      {Field("NewProcessName", R"(C:\Windows\System32\whoami.exe)"), 4688, security, "Security"},
      {Field("Image", R"(C:\Windows\System32\whoami.exe)"), 4688, security, "Security"},
      {Field("Image", R"(C:\Windows\System32\whoami.exe)"), 3, sysmon},
      {Field("Image", R"(C:\Windows\System32\whoami.exe)"), 1, "Other-Provider"}};
  EXPECT_THAT(MatchingRows(rule, events), ElementsAre(0, 1));
}

TEST(SigmaLoaderTest, CategoriesAndServicesSelectTheirEvents) {
  auto rule = [](const std::string& logsource) {
    return sigma_testing::Compile(
        sigma_testing::Rule("    sel:\n        X: '1'\n    condition: sel\n", logsource));
  };
  const std::string sysmon = "Microsoft-Windows-Sysmon";
  std::vector<Event> events = {
      {Field("X", "1"), 22, sysmon},
      {Field("X", "1"), 3, sysmon},
      {Field("X", "1"), 4104, "Microsoft-Windows-PowerShell", "Microsoft-Windows-PowerShell/Operational"},
      {Field("X", "1"), 4624, "Microsoft-Windows-Security-Auditing", "Security"},
      {Field("X", "1"), 7045, "Service Control Manager", "System"},
      {R"({"X": "1", "EventType": "CreateKey"})", 12, sysmon},
      {R"({"X": "1", "EventType": "SetValue"})", 13, sysmon}};
  EXPECT_THAT(MatchingRows(rule("category: dns_query"), events), ElementsAre(0));
  EXPECT_THAT(MatchingRows(rule("category: network_connection"), events), ElementsAre(1));
  EXPECT_THAT(MatchingRows(rule("category: ps_script"), events), ElementsAre(2));
  EXPECT_THAT(MatchingRows(rule("service: security"), events), ElementsAre(3));
  EXPECT_THAT(MatchingRows(rule("service: system"), events), ElementsAre(4));
  EXPECT_THAT(MatchingRows(rule("category: registry_add"), events), ElementsAre(5));
  EXPECT_THAT(MatchingRows(rule("category: registry_set"), events), ElementsAre(6));
  EXPECT_THAT(MatchingRows(rule("category: registry_event"), events), ElementsAre(5, 6));
}

TEST(SigmaLoaderTest, SystemFieldsAreColumns) {
  SigmaRule rule =
      sigma_testing::Compile(sigma_testing::Rule("    sel:\n        Provider_Name: 'Service Control "
                                                 "Manager'\n        EventID: 7045\n    condition: sel\n",
                                                 "service: system"));
  std::vector<Event> events = {{"{}", 7045, "Service Control Manager", "System"},
                               {"{}", 7045, "Other", "System"},
                               {"{}", 7036, "Service Control Manager", "System"}};
  EXPECT_THAT(MatchingRows(rule, events), ElementsAre(0));
}

TEST(SigmaLoaderTest, DefenderFieldsWithSpacesAreFoundWithoutThem) {
  SigmaRule rule = sigma_testing::Compile(
      sigma_testing::Rule("    sel:\n        EventID: 1116\n        ThreatName|endswith: 'EICAR_Test_File'\n"
                          "        SourceName: 'Real-Time Protection'\n    condition: sel\n",
                          "service: windefend"));
  const std::string defender = "Microsoft-Windows-Windows Defender",
                    channel = "Microsoft-Windows-Windows Defender/Operational";
  std::vector<Event> events = {
      {R"({"Threat Name": "Virus:DOS/EICAR_Test_File", "Source Name": "Real-Time Protection"})", 1116,
       defender, channel},
      {R"({"ThreatName": "Virus:DOS/EICAR_Test_File", "SourceName": "Real-Time Protection"})", 1116, defender,
       channel},
      {R"({"Threat Name": "Trojan:Win32/Other", "Source Name": "Real-Time Protection"})", 1116, defender,
       channel},
      {R"({"Threat Name": "Virus:DOS/EICAR_Test_File", "Source Name": "Real-Time Protection"})", 1116,
       defender, "System"}};
  EXPECT_THAT(MatchingRows(rule, events), ElementsAre(0, 1));
}

TEST(SigmaLoaderTest, UnsupportedDocumentsAreReportedWithTheirReason) {
  std::string correlation = R"(title: Many failed logons
correlation:
    type: event_count
    rules:
        - failed_logon
    group-by:
        - TargetUserName
    timespan: 5m
    condition:
        gte: 10
)";
  SigmaLoadResult result = LoadSigmaText(std::string(kRule) + "---\n" + correlation, "multi.yml");
  ASSERT_EQ(result.rules.size(), 1u);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].path, "multi.yml (document 2)");
  EXPECT_THAT(result.failures[0].reason,
              HasSubstr("correlation rules (type 'event_count') are not supported"));

  EXPECT_THAT(sigma_testing::FailureReason(
                  "title: x\nlogsource:\n    product: linux\n    category: process_creation\n"
                  "detection:\n    sel:\n        a: b\n    condition: sel\n"),
              HasSubstr("no table mapping for logsource product=linux category=process_creation"));
  EXPECT_THAT(sigma_testing::FailureReason("title: x\nlogsource:\n    product: windows\n    service: nosuch\n"
                                           "detection:\n    sel:\n        a: b\n    condition: sel\n"),
              HasSubstr("service 'nosuch'"));
  EXPECT_THAT(sigma_testing::FailureReason("logsource:\n    product: windows\n"), HasSubstr("no title"));
  EXPECT_THAT(sigma_testing::FailureReason("title: x\ndetection: [\n"), HasSubstr("YAML error at line"));
  EXPECT_THAT(sigma_testing::FailureReason("title: x\nlogsource:\n    product: windows\n"),
              HasSubstr("no detection"));
}

TEST(SigmaLoaderTest, FiltersCompileToConditionsAndedWithTheRulesTheyName) {
  // The form of https://sigmahq.io/docs/meta/filters.html: `not selection` filters the selection out.
  std::string filter = R"(title: Filter Administrator account
id: 0f0e0d0c-0b0a-4900-8800-770066005500
description: The valid administrator account start with adm_
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - 8de1cbe3-f6f5-4d9d-a2f1-2f1b0a7ad0f2
        - proc_creation_win_whoami
    selection:
        User|startswith: 'adm_'
    condition: not selection
)";
  SigmaLoadResult result = LoadSigmaText(filter, "mf_admins.yml");
  ASSERT_TRUE(result.failures.empty()) << result.failures[0].reason;
  ASSERT_EQ(result.filters.size(), 1u);
  const SigmaFilter& f = result.filters[0];
  EXPECT_EQ(f.title, "Filter Administrator account");
  EXPECT_EQ(f.id, "0f0e0d0c-0b0a-4900-8800-770066005500");
  EXPECT_EQ(f.file, "mf_admins.yml");
  EXPECT_EQ(f.line, 7);  // the line of `filter:`
  EXPECT_EQ(f.logsource.Describe(), "product=windows category=process_creation");
  EXPECT_THAT(f.rules, ElementsAre("8de1cbe3-f6f5-4d9d-a2f1-2f1b0a7ad0f2", "proc_creation_win_whoami"));
  EXPECT_THAT(f.tables, ElementsAre("WindowsEvent"));
  // The rule with the filter's condition and-ed to its own, as pySigma applies filters.
  SigmaRule rule = sigma_testing::Compile(kRule);
  rule.kql += "\n| where " + f.condition;
  std::vector<Event> events = {{R"({"Image": "C:\\w\\whoami.exe", "User": "ADM_alice"})"},
                               {R"({"Image": "C:\\w\\whoami.exe", "User": "bob"})"}};
  EXPECT_THAT(MatchingRows(rule, events), ElementsAre(1));
}

TEST(SigmaLoaderTest, FilterRulesMayBeAnyAndMustBeGiven) {
  const std::string head = "title: f\nlogsource:\n    product: windows\nfilter:\n";
  const std::string body = "    selection:\n        User: x\n    condition: not selection\n";
  SigmaLoadResult any = LoadSigmaText(head + "    rules: any\n" + body, "mf.yml");
  ASSERT_EQ(any.filters.size(), 1u);
  EXPECT_TRUE(any.filters[0].rules.empty());
  EXPECT_THAT(sigma_testing::FailureReason(head + body), HasSubstr("has no 'rules'"));
  EXPECT_THAT(sigma_testing::FailureReason(head + "    rules: [a]\n    selection:\n        User: x\n"
                                                  "    condition: [selection, not selection]\n"),
              HasSubstr("exactly one condition"));
}

TEST(SigmaLoaderTest, DirectoriesAreSearchedRecursivelyAndMissingPathsReported) {
  fs::path dir = fs::path(::testing::TempDir()) / "sigma_loader_dir";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "b.yml") << kRule;
  std::ofstream(dir / "a.yaml")
      << "title: broken\nlogsource:\n    product: windows\ndetection:\n    condition: sel\n";
  std::ofstream(dir / "notes.txt") << "not a rule";
  SigmaLoadResult result = LoadSigmaRules({dir.string(), (dir / "missing.yml").string()});
  ASSERT_EQ(result.rules.size(), 1u);
  EXPECT_EQ(result.rules[0].path, (dir / "sub" / "b.yml").string());
  ASSERT_EQ(result.failures.size(), 2u);
  EXPECT_EQ(result.failures[0].path, (dir / "a.yaml").string());
  EXPECT_THAT(result.failures[0].reason, HasSubstr("'sel'"));
  EXPECT_EQ(result.failures[1].path, (dir / "missing.yml").string());
  EXPECT_THAT(result.failures[1].reason, HasSubstr("no such file"));
}

}  // namespace
}  // namespace iochound
