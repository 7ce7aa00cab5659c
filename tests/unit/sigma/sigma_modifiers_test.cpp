// Each value modifier of the Sigma modifiers appendix, compiled to KQL and run over events whose
// expected matches follow from the specification's wording.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/base64.h"
#include "sigma_test_util.h"

namespace iochound {
namespace {

using sigma_testing::Event;
using sigma_testing::Field;
using sigma_testing::Matches;
using sigma_testing::Rule;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SigmaModifiersTest, PlainValueIsCaseInsensitiveWholeValueEquality) {
  auto rows = Matches(Rule("    sel:\n        Image: 'C:\\Windows\\System32\\cmd.exe'\n    condition: sel\n"),
                      {{Field("Image", R"(c:\windows\system32\CMD.EXE)")},
                       {Field("Image", R"(C:\Windows\System32\cmd.exe.bak)")},
                       {Field("Image", R"(D:\C:\Windows\System32\cmd.exe)")}});
  EXPECT_THAT(rows, ElementsAre(0));
}

TEST(SigmaModifiersTest, ContainsStartswithEndswith) {
  std::vector<Event> events = {{Field("CommandLine", "powershell -NoP -enc AAA")},
                               {Field("CommandLine", "cmd /c whoami")},
                               {Field("CommandLine", "x POWERSHELL")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|contains: 'NOP -ENC'\n    condition: sel\n"), events),
      ElementsAre(0));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|startswith: 'PowerShell'\n    condition: sel\n"), events),
      ElementsAre(0));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|endswith: 'powershell'\n    condition: sel\n"), events),
      ElementsAre(2));
}

TEST(SigmaModifiersTest, CasedMakesMatchingCaseSensitive) {
  std::vector<Event> events = {{Field("CommandLine", "run Mimikatz now")},
                               {Field("CommandLine", "run mimikatz now")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|contains|cased: 'Mimikatz'\n    condition: sel\n"), events),
      ElementsAre(0));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|cased: 'run mimikatz now'\n    condition: sel\n"), events),
      ElementsAre(1));
}

TEST(SigmaModifiersTest, WildcardsAndEscapes) {
  std::vector<Event> events = {{Field("Image", R"(C:\Tools\a\cmd.exe)")},
                               {Field("Image", R"(C:\Tools\cmd.exe)")},
                               {Field("Image", "prog*.exe")},
                               {Field("Image", "progA.exe")},
                               {Field("Image", "progAB.exe")}};
  // `*` is any run of characters, `?` exactly one; `\\*` is a backslash then a wildcard.
  EXPECT_THAT(
      Matches(Rule("    sel:\n        Image: 'c:\\tools\\\\*\\cmd.exe'\n    condition: sel\n"), events),
      ElementsAre(0));
  EXPECT_THAT(Matches(Rule("    sel:\n        Image: 'prog?.exe'\n    condition: sel\n"), events),
              ElementsAre(2, 3));
  // `\*` is a literal star.
  EXPECT_THAT(Matches(Rule("    sel:\n        Image: 'prog\\*.exe'\n    condition: sel\n"), events),
              ElementsAre(2));
}

TEST(SigmaModifiersTest, BackslashEscapesFollowTheSpecification) {
  // `\\` is one backslash; `\\*` a backslash then a wildcard; a lone backslash is literal.
  std::vector<Event> events = {
      {Field("P", R"(\\srv\share)")}, {Field("P", R"(\srv\share)")}, {Field("P", R"(a\b*)")}};
  EXPECT_THAT(Matches(Rule("    sel:\n        P: '\\\\\\\\srv\\share'\n    condition: sel\n"), events),
              ElementsAre(0));
  EXPECT_THAT(Matches(Rule("    sel:\n        P: '\\\\srv\\\\share'\n    condition: sel\n"), events),
              ElementsAre(1));
  EXPECT_THAT(Matches(Rule("    sel:\n        P: 'a\\\\*'\n    condition: sel\n"), events), ElementsAre(2));
  EXPECT_THAT(Matches(Rule("    sel:\n        P: 'a\\\\\\*'\n    condition: sel\n"), events), IsEmpty());
  EXPECT_THAT(Matches(Rule("    sel:\n        P: 'a\\b\\*'\n    condition: sel\n"), events), ElementsAre(2));
}

TEST(SigmaModifiersTest, QuotesInValuesAreQuotedForKql) {
  std::vector<Event> events = {{Field("CommandLine", R"(echo 'it"s' \" done)")},
                               {Field("CommandLine", "other")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|contains: \"'it\\\"s' \\\\\\\"\"\n    condition: sel\n"),
              events),
      ElementsAre(0));
}

TEST(SigmaModifiersTest, ListsAreOrAndAllMakesThemAnd) {
  std::vector<Event> events = {{Field("CommandLine", "net user /add")},
                               {Field("CommandLine", "net user")},
                               {Field("CommandLine", "whoami")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|contains:\n            - ' user'\n            - 'whoami'\n"
                   "    condition: sel\n"),
              events),
      ElementsAre(0, 1, 2));
  EXPECT_THAT(
      Matches(
          Rule("    sel:\n        CommandLine|contains|all:\n            - ' user'\n            - '/add'\n"
               "    condition: sel\n"),
          events),
      ElementsAre(0));
}

TEST(SigmaModifiersTest, RegexIsCaseSensitiveUnlessI) {
  std::vector<Event> events = {
      {Field("CommandLine", "abc123")}, {Field("CommandLine", "ABC123")}, {Field("CommandLine", "abc")}};
  EXPECT_THAT(Matches(Rule("    sel:\n        CommandLine|re: 'abc[0-9]+'\n    condition: sel\n"), events),
              ElementsAre(0));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|re|i: '^abc[0-9]+$'\n    condition: sel\n"), events),
      ElementsAre(0, 1));
}

TEST(SigmaModifiersTest, RegexMultilineAndDotAll) {
  std::vector<Event> events = {{Field("ScriptBlockText", "first\nsecond line")},
                               {Field("ScriptBlockText", "first second")}};
  // Without m, ^ is only the start of the text; with m, the start of every line.
  EXPECT_THAT(Matches(Rule("    sel:\n        ScriptBlockText|re: '^second'\n    condition: sel\n"), events),
              IsEmpty());
  EXPECT_THAT(
      Matches(Rule("    sel:\n        ScriptBlockText|re|m: '^second'\n    condition: sel\n"), events),
      ElementsAre(0));
  // Without s, `.` stops at a newline.
  EXPECT_THAT(
      Matches(Rule("    sel:\n        ScriptBlockText|re: 'first.second'\n    condition: sel\n"), events),
      ElementsAre(1));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        ScriptBlockText|re|s: 'first.second'\n    condition: sel\n"), events),
      ElementsAre(0, 1));
}

TEST(SigmaModifiersTest, CidrIpv4AndIpv6) {
  std::string rule = Rule(
      "    sel:\n        DestinationIp|cidr:\n            - '10.0.0.0/8'\n            - 'fe80::/10'\n"
      "            - '::1/128'\n    condition: sel\n",
      "category: network_connection");
  std::vector<Event> events;
  for (const char* ip : {"10.1.2.3", "11.0.0.1", "fe80::1", "FEBF::abcd", "fec0::1", "::1", "::2"}) {
    events.push_back({Field("DestinationIp", ip), 3});
  }
  EXPECT_THAT(Matches(rule, events), ElementsAre(0, 2, 3, 5));
}

TEST(SigmaModifiersTest, WindashPermutesDashesAndSlashes) {
  std::vector<Event> events = {
      {Field("CommandLine", "x.exe -enc AA")},      {Field("CommandLine", "x.exe /enc AA")},
      {Field("CommandLine", "x.exe \u2013enc AA")}, {Field("CommandLine", "x.exe \u2014enc AA")},
      {Field("CommandLine", "x.exe \u2015enc AA")}, {Field("CommandLine", "x.exe enc AA")},
      {Field("CommandLine", "x.exe a-enc AA")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|contains|windash: ' -enc '\n    condition: sel\n"), events),
      ElementsAre(0, 1, 2, 3, 4));
}

TEST(SigmaModifiersTest, Base64EncodesTheWholeValue) {
  // base64("hello") is aGVsbG8= (RFC 4648 test vectors).
  std::vector<Event> events = {{Field("Payload", "aGVsbG8=")}, {Field("Payload", "hello")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        Payload|base64: 'hello'\n    condition: sel\n", "service: system"),
              {{Field("Payload", "aGVsbG8="), 7045, "Service Control Manager", "System"},
               {Field("Payload", "hello"), 7045, "Service Control Manager", "System"}}),
      ElementsAre(0));
}

TEST(SigmaModifiersTest, Base64offsetFindsTheValueAtEveryAlignment) {
  std::string rule =
      Rule("    sel:\n        CommandLine|base64offset|contains: 'http://'\n    condition: sel\n");
  // The three well-known encodings of "http://" (SigmaHQ rules list them by hand).
  std::vector<Event> events = {{Field("CommandLine", "x aHR0cDovL y")},
                               {Field("CommandLine", "x h0dHA6Ly y")},
                               {Field("CommandLine", "x odHRwOi8v y")},
                               {Field("CommandLine", "aHR0cHM6Ly9")}};
  EXPECT_THAT(Matches(rule, events), ElementsAre(0, 1, 2));
  // And inside real encodings of a longer text at each of the three offsets.
  std::vector<Event> encoded;
  for (const char* prefix : {"", "a", "ab", "abc"}) {
    encoded.push_back({Field("CommandLine", Base64Encode(std::string(prefix) + "http://evil.example/x"))});
  }
  encoded.push_back({Field("CommandLine", Base64Encode("https://evil.example/x"))});
  EXPECT_THAT(Matches(rule, encoded), ElementsAre(0, 1, 2, 3));
}

TEST(SigmaModifiersTest, Utf16EncodingsBeforeBase64) {
  // "cmd" as UTF-16LE is 63 00 6d 00 64 00, as UTF-16BE 00 63 00 6d 00 64 (the appendix's examples).
  std::vector<Event> events = {{Field("CommandLine", Base64Encode(std::string("c\0m\0d\0", 6)))},
                               {Field("CommandLine", Base64Encode(std::string("\0c\0m\0d", 6)))},
                               {Field("CommandLine", Base64Encode(std::string("\xff\xfe"
                                                                              "c\0m\0d\0",
                                                                              8)))},
                               {Field("CommandLine", Base64Encode("cmd"))}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|utf16le|base64: 'cmd'\n    condition: sel\n"), events),
      ElementsAre(0));
  EXPECT_THAT(Matches(Rule("    sel:\n        CommandLine|wide|base64: 'cmd'\n    condition: sel\n"), events),
              ElementsAre(0));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|utf16be|base64: 'cmd'\n    condition: sel\n"), events),
      ElementsAre(1));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|utf16|base64: 'cmd'\n    condition: sel\n"), events),
      ElementsAre(2));
  // PowerShell -EncodedCommand text: UTF-16LE then base64, the value anywhere in it.
  std::vector<Event> encoded = {
      {Field("CommandLine", "powershell -enc " + Base64Encode(std::string("I\0E\0X\0 \0(\0N\0e\0w\0", 16)))},
      {Field("CommandLine", "powershell -enc " + Base64Encode(std::string("x\0I\0E\0X\0 \0(\0", 12)))},
      {Field("CommandLine", "powershell -enc " + Base64Encode(std::string("x\0y\0I\0E\0X\0 \0(\0", 14)))},
      {Field("CommandLine", "powershell -enc " + Base64Encode("IEX ("))}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        CommandLine|wide|base64offset|contains: 'IEX ('\n    condition: sel\n"),
              encoded),
      ElementsAre(0, 1, 2));
}

TEST(SigmaModifiersTest, ExistsChecksPresenceNotValue) {
  std::vector<Event> events = {
      {R"({"PasswordLastSet": ""})", 4738, "Microsoft-Windows-Security-Auditing", "Security"},
      {R"({"Other": "x"})", 4738, "Microsoft-Windows-Security-Auditing", "Security"}};
  EXPECT_THAT(Matches(Rule("    sel:\n        PasswordLastSet|exists: true\n    condition: sel\n",
                           "service: security"),
                      events),
              ElementsAre(0));
  EXPECT_THAT(Matches(Rule("    sel:\n        PasswordLastSet|exists: false\n    condition: sel\n",
                           "service: security"),
                      events),
              ElementsAre(1));
}

TEST(SigmaModifiersTest, NullAndEmptyValues) {
  std::vector<Event> events = {
      {R"({"PasswordLastSet": null})", 4738, "Microsoft-Windows-Security-Auditing", "Security"},
      {R"({"Other": "x"})", 4738, "Microsoft-Windows-Security-Auditing", "Security"},
      {R"({"PasswordLastSet": ""})", 4738, "Microsoft-Windows-Security-Auditing", "Security"},
      {R"({"PasswordLastSet": "%%1794"})", 4738, "Microsoft-Windows-Security-Auditing", "Security"}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        PasswordLastSet: null\n    condition: sel\n", "service: security"),
              events),
      ElementsAre(0, 1));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        PasswordLastSet: ''\n    condition: sel\n", "service: security"),
              events),
      ElementsAre(0, 1, 2));
}

TEST(SigmaModifiersTest, ExpandReadsPlaceholderValuesFromFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / "sigma_placeholders";
  fs::create_directories(dir);
  std::ofstream(dir / "Admins.txt") << "# administrators\nadm_*\n\nroot\n";
  SigmaOptions options;
  options.placeholder_dir = dir.string();
  std::vector<Event> events = {{Field("User", "ADM_bob")},
                               {Field("User", "root")},
                               {Field("User", "bob")},
                               {Field("User", "%Admins%")}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        User|expand: '%Admins%'\n    condition: sel\n"), events, options),
      ElementsAre(0, 1));
  // Without expand, a placeholder is a literal value; `\%` escapes a percent sign.
  EXPECT_THAT(Matches(Rule("    sel:\n        User: '%Admins%'\n    condition: sel\n"), events, options),
              ElementsAre(3));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        User|expand: '\\%Admins%'\n    condition: sel\n"), events, options),
      ElementsAre(3));
  std::string reason = sigma_testing::FailureReason(
      Rule("    sel:\n        User|expand: '%Nobody%'\n    condition: sel\n"), options);
  EXPECT_THAT(reason, ::testing::HasSubstr("%Nobody%"));
}

TEST(SigmaModifiersTest, FieldrefComparesTwoFields) {
  std::vector<Event> events = {{R"({"Image": "C:\\a.exe", "ParentImage": "c:\\A.EXE"})"},
                               {R"({"Image": "C:\\a.exe", "ParentImage": "C:\\b.exe"})"}};
  EXPECT_THAT(Matches(Rule("    sel:\n        Image|fieldref: ParentImage\n    condition: sel\n"), events),
              ElementsAre(0));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        Image|fieldref|neq: ParentImage\n    condition: sel\n"), events),
      ElementsAre(1));
}

TEST(SigmaModifiersTest, NumericComparisons) {
  std::vector<Event> events = {{Field("DestinationPort", "80"), 3},
                               {Field("DestinationPort", "443"), 3},
                               {Field("DestinationPort", "8080"), 3}};
  std::string ls = "category: network_connection";
  EXPECT_THAT(Matches(Rule("    sel:\n        DestinationPort|lt: 443\n    condition: sel\n", ls), events),
              ElementsAre(0));
  EXPECT_THAT(Matches(Rule("    sel:\n        DestinationPort|lte: 443\n    condition: sel\n", ls), events),
              ElementsAre(0, 1));
  EXPECT_THAT(Matches(Rule("    sel:\n        DestinationPort|gt: 443\n    condition: sel\n", ls), events),
              ElementsAre(2));
  EXPECT_THAT(Matches(Rule("    sel:\n        DestinationPort|gte: 443\n    condition: sel\n", ls), events),
              ElementsAre(1, 2));
  EXPECT_THAT(Matches(Rule("    sel:\n        DestinationPort|neq: 443\n    condition: sel\n", ls), events),
              ElementsAre(0, 2));
}

TEST(SigmaModifiersTest, TimeModifiersCompareAPartOfADate) {
  std::vector<Event> events = {{Field("UtcTime", "2026-03-07 23:15:00.000")},
                               {Field("UtcTime", "2026-03-07 09:45:00.000")},
                               {Field("UtcTime", "not a date")}};
  EXPECT_THAT(Matches(Rule("    sel:\n        UtcTime|hour: 23\n    condition: sel\n"), events),
              ElementsAre(0));
  EXPECT_THAT(Matches(Rule("    sel:\n        UtcTime|minute|gte: 30\n    condition: sel\n"), events),
              ElementsAre(1));
  EXPECT_THAT(
      Matches(Rule("    sel:\n        UtcTime|month: 3\n        UtcTime|day: 7\n        UtcTime|year: 2026\n"
                   "    condition: sel\n"),
              events),
      ElementsAre(0, 1));
  // 2026-03-07 is a Saturday in ISO week 10.
  EXPECT_THAT(Matches(Rule("    sel:\n        UtcTime|week: 10\n    condition: sel\n"), events),
              ElementsAre(0, 1));
}

TEST(SigmaModifiersTest, UnnamedDataListsAreSearchedElementByElement) {
  // Classic events (PowerShell 400, MSSQL audit ...) carry unnamed <Data> elements: a list.
  std::vector<Event> events = {
      {R"({"Data": ["Started", "HostApplication=C:\\Windows\\powershell.exe -nop"]})", 400, "PowerShell",
       "Windows PowerShell"},
      {R"({"Data": "HostApplication=C:\\Windows\\powershell.exe"})", 400, "PowerShell", "Windows PowerShell"},
      {R"({"Data": ["Stopped", "HostApplication=C:\\x.exe"]})", 400, "PowerShell", "Windows PowerShell"}};
  EXPECT_THAT(
      Matches(Rule("    sel:\n        Data|contains: '=C:\\Windows\\powershell'\n    condition: sel\n",
                   "category: ps_classic_start"),
              events),
      ElementsAre(0, 1));
}

TEST(SigmaModifiersTest, EventIdComparesAsNumber) {
  std::vector<Event> events = {{"{}", 4624, "Microsoft-Windows-Security-Auditing", "Security"},
                               {"{}", 4625, "Microsoft-Windows-Security-Auditing", "Security"}};
  EXPECT_THAT(
      Matches(
          Rule("    sel:\n        EventID:\n            - 4625\n            - '4771'\n    condition: sel\n",
               "service: security"),
          events),
      ElementsAre(1));
}

TEST(SigmaModifiersTest, KeywordsSearchTheWholeEvent) {
  std::vector<Event> events = {{R"({"A": "x", "B": "event::clear now"})"},
                               {R"({"A": "C:\\Temp\\evil.exe"})"},
                               {R"({"A": "OabVirtualDirectory -ExternalUrl x"})"},
                               {R"({"A": "OabVirtualDirectory"})"}};
  EXPECT_THAT(
      Matches(
          Rule(
              "    keywords:\n        - 'EVENT::CLEAR'\n        - '\\Temp\\evil'\n    condition: keywords\n"),
          events),
      ElementsAre(0, 1));
  EXPECT_THAT(Matches(Rule("    keywords:\n        '|all':\n            - 'OabVirtualDirectory'\n"
                           "            - ' -ExternalUrl '\n    condition: keywords\n"),
                      events),
              ElementsAre(2));
}

TEST(SigmaModifiersTest, UnknownOrMisusedModifiersAreReportedWithTheReason) {
  using sigma_testing::FailureReason;
  EXPECT_THAT(FailureReason(Rule("    sel:\n        Image|sounds_like: 'x'\n    condition: sel\n")),
              ::testing::HasSubstr("unknown modifier 'sounds_like'"));
  EXPECT_THAT(FailureReason(Rule("    sel:\n        Image|i: 'x'\n    condition: sel\n")),
              ::testing::HasSubstr("without 're'"));
  EXPECT_THAT(FailureReason(Rule("    sel:\n        Image|utf16le: 'x'\n    condition: sel\n")),
              ::testing::HasSubstr("base64"));
  EXPECT_THAT(FailureReason(Rule("    sel:\n        Image|base64: 'x*'\n    condition: sel\n")),
              ::testing::HasSubstr("wildcards"));
  // RE2 has no look-ahead: the engine rejects the pattern when the rule is prepared.
  EXPECT_THAT(FailureReason(Rule("    sel:\n        Image|re: 'a(?!b)'\n    condition: sel\n")),
              ::testing::HasSubstr("does not prepare"));
}

}  // namespace
}  // namespace iochound
