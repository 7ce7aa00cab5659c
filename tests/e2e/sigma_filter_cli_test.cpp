// End-to-end tests of Sigma filters as audited exclusions: `hunt --sigma` with rules and filters
// (mixed in one directory, or a filter in a local exclusions file) suppresses exactly the hits the
// filter removes, lists them with --show-suppressed and `suppressed_by`, counts them per rule and
// per filter, and warns about filters naming rules that are not loaded. Also over SigmaHQ's own
// regression EVTX with the real rule.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "run_process.h"
#include "test_files.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

// A Sysmon process creation event (EID 1) as the Windows XML rendering.
std::string SysmonProcess(int record, const std::string& computer, const std::string& user,
                          const std::string& command_line) {
  return R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>)"
         R"(<Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/>)"
         R"(<EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode>)"
         R"(<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2026-04-18T10:00:00.0000000Z"/>)"
         "<EventRecordID>" +
         std::to_string(record) +
         R"(</EventRecordID><Execution ProcessID="3000" ThreadID="4000"/>)"
         R"(<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>)" +
         computer +
         R"(</Computer><Security UserID="S-1-5-18"/></System><EventData>)"
         R"(<Data Name="Image">C:\Windows\System32\whoami.exe</Data>)"
         R"(<Data Name="CommandLine">)" +
         command_line + R"(</Data><Data Name="User">)" + user + "</Data></EventData></Event>";
}

const char* const kRule = R"(title: Whoami run
id: 5b7f3c1a-2d4e-4f60-8a1b-9c0d1e2f3a4b
name: whoami_run
level: medium
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\whoami.exe'
    condition: selection
)";

const char* const kFilter = R"(title: Admin accounts run whoami in logon scripts
id: 7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b
description: adm_ accounts run whoami from the domain logon script
logsource:
    product: windows
    category: process_creation
filter:
    rules:
        - whoami_run
        - 00000000-0000-4000-8000-00000000dead
    selection:
        User|startswith: 'CORP\adm_'
    condition: not selection
)";

class SigmaFilterCliTest : public ScratchDirTest {
 protected:
  void SetUp() override {
    ScratchDirTest::SetUp();
    fs::create_directories(dir_ / "sigma");
    std::ofstream(dir_ / "sigma" / "whoami.yml") << kRule;
    events_ = (dir_ / "events.xml").string();
    std::ofstream(events_) << "<Events>" << SysmonProcess(1, "ws01", R"(CORP\adm_alice)", "whoami /all")
                           << SysmonProcess(2, "ws01", R"(CORP\bob)", "whoami")
                           // Near miss: adm_ not at the start of the account name.
                           << SysmonProcess(3, "ws02", R"(CORP\x_adm_eve)", "whoami /priv")
                           << SysmonProcess(4, "ws02", R"(CORP\ADM_carol)", "whoami /groups") << "</Events>";
  }
  // "CommandLine|suppressed_by id" per alert line.
  static std::multiset<std::string> Alerts(const std::string& jsonl) {
    std::multiset<std::string> alerts;
    simdjson::dom::parser parser;
    for (const auto& line : Lines(jsonl)) {
      simdjson::dom::element alert = parser.parse(line);
      std::string command{std::string_view(alert["evidence"]["EventData"]["CommandLine"])};
      auto by = alert["suppressed_by"];
      alerts.insert(command + "|" + (by.error() ? "" : std::string(std::string_view(by["id"]))));
    }
    return alerts;
  }

  std::string events_;
};

const std::multiset<std::string> kExpected = {
    "whoami|",
    "whoami /priv|",
    "whoami /all|7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b",
    "whoami /groups|7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b",
};

TEST_F(SigmaFilterCliTest, FilterMixedWithRulesSuppressesWhatItSelects) {
  std::ofstream(dir_ / "sigma" / "mf_admins.yml") << kFilter;
  ProcessResult result = RunIochound(
      {"hunt", "--sigma", (dir_ / "sigma").string(), "--show-suppressed", "--format", "jsonl", events_});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Alerts(result.out), kExpected) << result.out;
  EXPECT_NE(result.err.find("Sigma: 1 rules and 1 filters loaded, 0 not loaded"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("rule 5b7f3c1a-2d4e-4f60-8a1b-9c0d1e2f3a4b: 4 hits, 2 alerts, 2 suppressed"),
            std::string::npos)
      << result.err;
  std::string origin = (dir_ / "sigma" / "mf_admins.yml").string() + ":7";
  EXPECT_NE(result.err.find("exclusion 7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b (" + origin + "): 2 suppressed"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find(R"("origin":")" + origin + R"(")"), std::string::npos) << result.out;
  // The rule it names that is not loaded is reported, not ignored.
  EXPECT_NE(result.err.find("warning: " + origin +
                            ": Sigma filter '7e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b' "
                            "names rule '00000000-0000-4000-8000-00000000dead', which is not loaded"),
            std::string::npos)
      << result.err;

  // Without --show-suppressed only the two real alerts are written; the summary still counts all.
  ProcessResult quiet =
      RunIochound({"hunt", "--sigma", (dir_ / "sigma").string(), "--format", "jsonl", events_});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(Alerts(quiet.out), (std::multiset<std::string>{"whoami|", "whoami /priv|"})) << quiet.out;
  EXPECT_NE(quiet.err.find("4 hits, 2 alerts, 2 suppressed"), std::string::npos) << quiet.err;
}

TEST_F(SigmaFilterCliTest, FilterInALocalExclusionsFile) {
  std::string filter = (dir_ / "mf_admins.yml").string();
  std::ofstream(filter) << kFilter;
  ProcessResult result = RunIochound({"hunt", "--sigma", (dir_ / "sigma").string(), "--exclusions", filter,
                                      "--show-suppressed", "--format", "jsonl", events_});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(Alerts(result.out), kExpected) << result.out;
}

TEST_F(SigmaFilterCliTest, FilterOfAnotherLogsourceIsReportedAndNotApplied) {
  std::string filter = kFilter;
  filter.replace(filter.find("process_creation"), 16, "file_event");
  std::ofstream(dir_ / "sigma" / "mf_admins.yml") << filter;
  ProcessResult result = RunIochound(
      {"hunt", "--sigma", (dir_ / "sigma").string(), "--show-suppressed", "--format", "jsonl", events_});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("names rule '5b7f3c1a-2d4e-4f60-8a1b-9c0d1e2f3a4b', whose logsource "
                            "(product=windows category=process_creation) its logsource "
                            "(product=windows category=file_event) does not cover; not applied"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("4 hits, 4 alerts, 0 suppressed"), std::string::npos) << result.err;
}

// SigmaHQ's regression case for "System Restore Registry Modification via CommandLine": four reg.exe
// events, two under ...\Policies\Microsoft\Windows NT\SystemRestore. A filter removing those leaves
// exactly the other two as alerts.
TEST_F(SigmaFilterCliTest, RealRuleAndFilterOverRegressionEvtx) {
  const std::string shared = IOCHOUND_SHARED_DIR;
  const std::string rule = shared +
                           "/data/sigma/rules/windows/process_creation/"
                           "proc_creation_win_reg_system_restore_modification.yml";
  const std::string evtx = shared +
                           "/data/sigma/regression_data/rules/windows/process_creation/"
                           "proc_creation_win_reg_system_restore_modification/"
                           "7c06ab9b-b1d2-4ba9-b06e-09491ded20d9.evtx";
  if (!fs::exists(rule) || !fs::exists(evtx))
    GTEST_SKIP() << "SigmaHQ rules or regression data not in " << shared;
  std::string filter = (dir_ / "mf_policies.yml").string();
  std::ofstream(filter) << "title: System Restore policy set by GPO tooling\n"
                           "id: 3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98\n"
                           "logsource: {product: windows, category: process_creation}\n"
                           "filter:\n"
                           "    rules: [7c06ab9b-b1d2-4ba9-b06e-09491ded20d9]\n"
                           "    policy_key:\n"
                           "        CommandLine|contains: '\\SOFTWARE\\Policies\\'\n"
                           "    condition: not policy_key\n";
  ProcessResult result = RunIochound(
      {"hunt", "--sigma", rule, "--exclusions", filter, "--show-suppressed", "--format", "jsonl", evtx});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::multiset<std::string> seen;
  simdjson::dom::parser parser;
  for (const auto& line : Lines(result.out)) {
    simdjson::dom::element alert = parser.parse(line);
    std::string command{std::string_view(alert["evidence"]["EventData"]["CommandLine"])};
    bool suppressed = !alert["suppressed_by"].error();
    EXPECT_EQ(suppressed, command.find("\\SOFTWARE\\Policies\\") != std::string::npos) << line;
    seen.insert(command.substr(command.find("SOFTWARE")));
  }
  EXPECT_EQ(seen.size(), 4u) << result.out;
  EXPECT_NE(result.err.find("rule 7c06ab9b-b1d2-4ba9-b06e-09491ded20d9: 4 hits, 2 alerts, 2 suppressed"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace iochound::e2e
