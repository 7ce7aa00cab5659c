// Loading packs: the Nanocore pack loads whole; every kind of mistake is an error naming the file,
// the line and what is wrong, and a pack with any error is not loaded.
#include "packs/pack_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "packs/exclusion_loader.h"

namespace iochound::packs {
namespace {

namespace fs = std::filesystem;

class PackLoaderTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("iochound_pack_test_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "q.kql") << "DnsEvents | take 1\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  // A valid pack with `rule_extra` appended to its one rule and `tail` after the rules.
  std::string Pack(const std::string& rule_extra = "", const std::string& tail = "") {
    return Write("pack.yaml",
                 "id: p\n"
                 "title: P\n"
                 "rules:\n"
                 "  - id: r1\n"
                 "    title: R1\n"
                 "    severity: high\n"
                 "    requires: [{table: DnsEvents}]\n"
                 "    query_file: q.kql\n" +
                     rule_extra + tail);
  }

  // The single error of loading `path`, which must fail.
  std::string OnlyError(const std::string& path) {
    PackLoad load = LoadPack(path);
    EXPECT_FALSE(load.pack.has_value());
    EXPECT_EQ(load.errors.size(), 1u) << testing::PrintToString(load.errors);
    return load.errors.empty() ? "" : load.errors.front();
  }

  fs::path dir_;
};

TEST_F(PackLoaderTest, NanocorePackLoads) {
  PackLoad load = LoadPack(std::string(IOCHOUND_SOURCE_DIR) + "/rules/nanocore");
  ASSERT_TRUE(load.pack.has_value()) << testing::PrintToString(load.errors);
  const auto& pack = *load.pack;
  EXPECT_EQ(pack.id, "nanocore");
  EXPECT_EQ(pack.rules.size(), 4u);
  EXPECT_EQ(pack.exclusions.size(), 5u);
  EXPECT_EQ(pack.iocs.size(), 2u);
  EXPECT_GE(pack.tests.size(), 3u);
  // The seed query is read verbatim from its file.
  EXPECT_NE(pack.rules[0].kql.find("DnsEvents\n| where Name has_any (malicious_domains)"), std::string::npos);
  EXPECT_EQ(pack.rules[0].requires_data[0].notes, "Ensure this data connector is enabled");
}

TEST_F(PackLoaderTest, DirectoryOrFileAndAMinimalPack) {
  std::string path = Pack();
  EXPECT_TRUE(LoadPack(path).pack.has_value());
  EXPECT_TRUE(LoadPack(dir_.string()).pack.has_value());
}

TEST_F(PackLoaderTest, UnknownKeySuggestsTheRightOne) {
  std::string error = OnlyError(Pack("    severty: low\n"));
  EXPECT_NE(error.find("pack.yaml:9:5: unknown key 'severty' in a rule (did you mean 'severity'?)"),
            std::string::npos)
      << error;
}

TEST_F(PackLoaderTest, BadValuesAreLocated) {
  std::string path = Write("bad.yaml",
                           "id: p\n"
                           "title: P\n"
                           "rules:\n"
                           "  - id: r1\n"
                           "    title: R1\n"
                           "    severity: urgent\n"
                           "    mitre: {tactics: [TA0011, command-control], techniques: [T1071.4]}\n"
                           "    requires: [{table: DnsEvents}]\n"
                           "    query_file: missing.kql\n"
                           "  - id: r1\n"
                           "    title: again\n"
                           "    severity: low\n"
                           "    requires: [{table: DnsEvents}]\n"
                           "    query: DnsEvents\n"
                           "    sigma: x.yml\n");
  PackLoad load = LoadPack(path);
  EXPECT_FALSE(load.pack.has_value());
  std::string all = testing::PrintToString(load.errors);
  EXPECT_NE(all.find("bad.yaml:6:15: severity must be one of"), std::string::npos) << all;
  EXPECT_NE(all.find("'command-control' is not an ATT&CK tactic"), std::string::npos) << all;
  EXPECT_NE(all.find("'T1071.4' is not an ATT&CK technique"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.yaml:9:17: query file"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.yaml:10:9: rule 'r1' is defined twice"), std::string::npos) << all;
  EXPECT_NE(all.find("exactly one of 'query', 'query_file' or 'sigma'"), std::string::npos) << all;
}

TEST_F(PackLoaderTest, MissingRequiredFields) {
  std::string path = Write("missing.yaml", "id: p\ntitle: P\nrules:\n  - id: r\n    query: T\n");
  PackLoad load = LoadPack(path);
  std::string all = testing::PrintToString(load.errors);
  EXPECT_NE(all.find("missing required key 'title'"), std::string::npos) << all;
  EXPECT_NE(all.find("missing required key 'severity'"), std::string::npos) << all;
  EXPECT_NE(all.find("needs 'requires'"), std::string::npos) << all;
}

TEST_F(PackLoaderTest, YamlSyntaxErrorIsLocated) {
  std::string error = OnlyError(Write("syntax.yaml", "id: p\ntitle: [unclosed\n"));
  EXPECT_NE(error.find("syntax.yaml:"), std::string::npos) << error;
  error = OnlyError((dir_ / "nowhere").string());
  EXPECT_NE(error.find("cannot read the pack"), std::string::npos) << error;
}

TEST_F(PackLoaderTest, ExclusionErrors) {
  std::string error = OnlyError(Pack("",
                                     "exclusions:\n  - id: e\n    rationale: r\n    rules: [r2]\n"
                                     "    match: {column: A, contains: x}\n"));
  EXPECT_NE(error.find("names rule 'r2', which the pack does not define"), std::string::npos) << error;
  error =
      OnlyError(Pack("", "exclusions:\n  - id: e\n    rules: [r1]\n    match: {column: A, contains: x}\n"));
  EXPECT_NE(error.find("missing required key 'rationale'"), std::string::npos) << error;
  error = OnlyError(Pack("",
                         "exclusions:\n  - id: e\n    rationale: r\n    rules: [r1]\n"
                         "    match: {column: A, path_under: ['LogFiles\\']}\n"));
  EXPECT_NE(error.find("pack.yaml:13:12: path_under needs absolute directories"), std::string::npos) << error;
}

TEST_F(PackLoaderTest, TestErrors) {
  std::string error = OnlyError(Pack("", "tests:\n  - name: t\n    tables: {DnsEvents: nowhere.jsonl}\n"));
  EXPECT_NE(error.find("fixture"), std::string::npos) << error;
  Write("f.jsonl", "{}\n");
  error = OnlyError(Pack("",
                         "tests:\n  - name: t\n    tables: {DnsEvents: f.jsonl}\n"
                         "    expect: [{rule: r1, suppressed_by: nope}]\n"));
  EXPECT_NE(error.find("suppressed_by 'nope', which the pack does not define"), std::string::npos) << error;
}

TEST_F(PackLoaderTest, LocalExclusionsFile) {
  std::vector<std::string> errors;
  auto exclusions = LoadExclusionsFile(Write("local.yaml",
                                             "exclusions:\n"
                                             "  - id: lab\n"
                                             "    rationale: the malware lab\n"
                                             "    tables: [DeviceProcessEvents]\n"
                                             "    match: {column: DeviceName, equals: lab01}\n"),
                                       errors);
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  ASSERT_EQ(exclusions.size(), 1u);
  EXPECT_EQ(exclusions[0].tables, std::vector<std::string>{"DeviceProcessEvents"});

  errors.clear();
  LoadExclusionsFile(Write("keyless.yaml",
                           "exclusions:\n  - id: x\n    rationale: r\n"
                           "    match: {column: A, equals: b}\n"),
                     errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("keyless.yaml:2:5: exclusion 'x' names no 'rules'"), std::string::npos)
      << errors[0];
}

}  // namespace
}  // namespace iochound::packs
