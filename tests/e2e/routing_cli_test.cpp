// End-to-end tests of routed inputs (`query --input`) and `iochound schema`, on the real binary.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "run_process.h"

namespace iochound::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = IOCHOUND_SOURCE_DIR;
const std::string kSample = kSourceDir + "/examples/dns_events.jsonl";
const std::string kSeedRule = kSourceDir + "/rules/nanocore/dns_hunt.kql";

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "iochound-routing-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& contents) const {
    std::string path = path_ + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

size_t Lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(RoutingCliTest, SeedQueryGivesTheSameHitsThroughInputAsThroughTable) {
  ProcessResult table = RunIochound({"query", "-f", kSeedRule, "--table", "DnsEvents=" + kSample});
  ProcessResult input = RunIochound({"query", "-f", kSeedRule, "--input", kSample});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  ASSERT_EQ(input.exit_code, 0) << input.err;
  EXPECT_EQ(input.out, table.out);
  EXPECT_EQ(Lines(input.out), 9u);
  std::ifstream sample(kSample);
  size_t records = Lines(std::string(std::istreambuf_iterator<char>(sample), {}));
  EXPECT_NE(input.err.find(fmt::format(
                "dns_events.jsonl: sentinel-export, {0} records; rows: DnsEvents {0}\n", records)),
            std::string::npos)
      << input.err;
}

TEST(RoutingCliTest, SummaryNamesUnmappedRecordsAndUnrecognisedFiles) {
  ScratchDir dir;
  dir.Write("mixed.jsonl", R"({"Type":"DnsEvents","TimeGenerated":"2026-04-17T12:00:00Z","Name":"a.example"})"
                           "\n"
                           R"({"Type":"MyApp_CL","TimeGenerated":"2026-04-17T12:00:02Z","Message":"hello"})"
                           "\n");
  dir.Write("junk.bin", std::string("\x01\x02\x03\x04", 4));
  ProcessResult result = RunIochound(
      {"query", "-q", "RawEvents | project Reason, SourceFormat", "--input", dir.path(), "--format", "csv"});
  EXPECT_EQ(result.exit_code, 1) << result.err;  // the unrecognised file is a data error
  EXPECT_EQ(result.out, "Reason,SourceFormat\nType 'MyApp_CL': no built-in table,sentinel-export\n");
  EXPECT_NE(result.err.find("junk.bin: not a telemetry format iochound recognises"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("not mapped: 1 (kept in RawEvents"), std::string::npos) << result.err;

  ProcessResult quiet = RunIochound({"query", "-q", "DnsEvents | count", "--input",
                                     dir.path() + "/mixed.jsonl", "--no-summary", "--format", "csv"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "Count\n1\n");
  EXPECT_EQ(quiet.err, "");
}

TEST(RoutingCliTest, InputFormatMustBeKnown) {
  ProcessResult result =
      RunIochound({"query", "-q", "DnsEvents", "--input", kSample, "--input-format", "nope"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown format 'nope'"), std::string::npos) << result.err;
}

TEST(RoutingCliTest, SchemaPrintsTablesColumnsAndFormats) {
  ProcessResult all = RunIochound({"schema"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("DnsEvents ("), std::string::npos);
  EXPECT_NE(all.out.find("RawEvents ("), std::string::npos);

  ProcessResult dns = RunIochound({"schema", "DnsEvents"});
  ASSERT_EQ(dns.exit_code, 0) << dns.err;
  EXPECT_NE(dns.out.find("  TimeGenerated datetime\n"), std::string::npos) << dns.out;
  EXPECT_NE(dns.out.find("  Name string\n"), std::string::npos) << dns.out;
  EXPECT_NE(dns.out.find("fed by: "), std::string::npos) << dns.out;

  ProcessResult typo = RunIochound({"schema", "DnsEvent"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean 'DnsEvents'"), std::string::npos) << typo.err;

  ProcessResult formats = RunIochound({"schema", "--formats"});
  ASSERT_EQ(formats.exit_code, 0) << formats.err;
  EXPECT_NE(formats.out.find("sentinel-export\n"), std::string::npos) << formats.out;
}

}  // namespace
}  // namespace iochound::e2e
