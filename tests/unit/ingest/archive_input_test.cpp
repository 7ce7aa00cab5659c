// Archives among the inputs: each regular member is an input of its own, named `archive:member`,
// read through the same OpenInput as files; damage is reported naming archive and member.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostics.h"
#include "ingest_test_util.h"
#include "sources/archive_members.h"
#include "sources/input_files.h"
#include "sources/whole_input.h"

namespace iochound {
namespace {

using ingest_testing::ReadFile;
using ingest_testing::TempDir;
using ingest_testing::WriteFile;

using Members = std::vector<std::pair<std::string, std::string>>;  // path, contents

// Writes `members` (and a directory entry, which is no input) with libarchive in `format`
// (archive_write_set_format_* ) through `filter` (archive_write_add_filter_*).
void WriteArchive(const std::string& path, const Members& members, int (*format)(archive*),
                  int (*filter)(archive*)) {
  archive* out = archive_write_new();
  ASSERT_EQ(format(out), ARCHIVE_OK);
  ASSERT_EQ(filter(out), ARCHIVE_OK);
  ASSERT_EQ(archive_write_open_filename(out, path.c_str()), ARCHIVE_OK) << archive_error_string(out);
  archive_entry* entry = archive_entry_new();
  archive_entry_set_pathname(entry, "logs/");
  archive_entry_set_filetype(entry, AE_IFDIR);
  archive_entry_set_perm(entry, 0755);
  ASSERT_EQ(archive_write_header(out, entry), ARCHIVE_OK);
  for (const auto& [name, contents] : members) {
    archive_entry_clear(entry);
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(contents.size()));
    ASSERT_EQ(archive_write_header(out, entry), ARCHIVE_OK) << archive_error_string(out);
    ASSERT_EQ(archive_write_data(out, contents.data(), contents.size()),
              static_cast<la_ssize_t>(contents.size()));
  }
  archive_entry_free(entry);
  ASSERT_EQ(archive_write_close(out), ARCHIVE_OK);
  archive_write_free(out);
}

// Zeek-style JSON lines, different in every line so that deflate keeps them long.
std::string JsonLines(int count, std::string_view tag) {
  std::string text;
  for (int i = 0; i < count; ++i)
    text += "{\"ts\":" + std::to_string(1700000000 + i) + ",\"query\":\"" + std::string(tag) +
            std::to_string(i * 7919) + ".example.com\"}\n";
  return text;
}

std::vector<std::string> Names(const std::vector<InputFile>& files) {
  std::vector<std::string> names;
  for (const InputFile& file : files) names.push_back(file.name);
  return names;
}

TEST(ArchiveInputTest, ZipMembersAreInputsNamedArchiveColonMember) {
  TempDir dir;
  std::string zip = dir.File("export.zip");
  Members members = {{"logs/dns.json", JsonLines(50, "a")}, {"conn.json", JsonLines(3, "b")}};
  WriteArchive(zip, members, archive_write_set_format_zip, archive_write_add_filter_none);
  DataErrors errors;
  std::vector<InputFile> files = ResolveInputs(zip, errors);
  EXPECT_EQ(Names(files), (std::vector<std::string>{zip + ":logs/dns.json", zip + ":conn.json"}));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(ReadWholeInput(files[0]), members[0].second);
  EXPECT_EQ(ReadWholeInput(files[1]), members[1].second);
  EXPECT_EQ(ReadInputPrefix(files[0], 10), members[0].second.substr(0, 10));
  EXPECT_EQ(errors.count(), 0u);
}

TEST(ArchiveInputTest, TarPlainGzipAndZstdAndGzippedMembersAreRead) {
  TempDir dir;
  Members members = {{"a.json", JsonLines(5, "a")}, {"b.json.gz", ingest_testing::Gzip(JsonLines(4, "b"))}};
  const std::pair<const char*, int (*)(archive*)> filters[] = {
      {"plain.tar", archive_write_add_filter_none},
      {"packed.tar.gz", archive_write_add_filter_gzip},
      {"packed.tar.zst", archive_write_add_filter_zstd}};
  for (const auto& [name, filter] : filters) {
    std::string tar = dir.File(name);
    WriteArchive(tar, members, archive_write_set_format_pax_restricted, filter);
    DataErrors errors;
    std::vector<InputFile> files = ResolveInputs(tar, errors);
    ASSERT_EQ(Names(files), (std::vector<std::string>{tar + ":a.json", tar + ":b.json.gz"})) << name;
    EXPECT_EQ(ReadWholeInput(files[0]), members[0].second) << name;
    EXPECT_EQ(ReadWholeInput(files[1]), JsonLines(4, "b")) << name << ": a gzipped member is inflated";
    EXPECT_EQ(errors.count(), 0u) << name;
  }
}

TEST(ArchiveInputTest, DirectoriesExpandTheArchivesInThemNextToPlainFiles) {
  TempDir dir;
  WriteFile(dir.File("a.json"), JsonLines(2, "plain"));
  WriteArchive(dir.File("b.zip"), {{"inner.json", JsonLines(2, "zipped")}}, archive_write_set_format_zip,
               archive_write_add_filter_none);
  DataErrors errors;
  EXPECT_EQ(Names(ResolveInputs(dir.path(), errors)),
            (std::vector<std::string>{dir.File("a.json"), dir.File("b.zip") + ":inner.json"}));
}

TEST(ArchiveInputTest, CorruptMemberIsAnErrorNamingArchiveAndMemberAndTheOthersStillRead) {
  TempDir dir;
  std::string zip = dir.File("damaged.zip");
  Members members = {{"first.json", JsonLines(400, "first")}, {"second.json", JsonLines(20, "second")}};
  WriteArchive(zip, members, archive_write_set_format_zip, archive_write_add_filter_none);
  std::string bytes = ReadFile(zip);
  // The member's deflate data follows its local header (30 bytes ending with the name's and the extra
  // field's lengths), its name and the extra field; the name's first occurrence is in that header.
  size_t name = bytes.find("first.json");
  ASSERT_NE(name, std::string::npos);
  auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<unsigned char>(bytes[at]) |
                               static_cast<unsigned char>(bytes[at + 1]) << 8);
  };
  size_t data = name + u16(name - 4) + u16(name - 2);
  for (size_t i = data + 40; i < data + 60; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  WriteFile(zip, bytes);

  DataErrors errors;
  std::vector<InputFile> files = ResolveInputs(zip, errors);
  ASSERT_EQ(Names(files), (std::vector<std::string>{zip + ":first.json", zip + ":second.json"}));
  try {
    ReadWholeInput(files[0]);
    ADD_FAILURE() << "the damaged member read without an error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(zip + ":first.json: ")) << e.what();
  }
  EXPECT_EQ(ReadWholeInput(files[1]), members[1].second);
}

TEST(ArchiveInputTest, TruncatedArchiveKeepsTheMembersListedAndReportsTheRest) {
  TempDir dir;
  std::string tar = dir.File("cut.tar");
  Members members = {{"one.json", JsonLines(30, "one")}, {"two.json", JsonLines(30, "two")}};
  WriteArchive(tar, members, archive_write_set_format_pax_restricted, archive_write_add_filter_none);
  std::string bytes = ReadFile(tar);
  // Cut inside the second member's header block, which starts with its name.
  size_t second_header = bytes.find("two.json");
  ASSERT_NE(second_header, std::string::npos);
  WriteFile(tar, bytes.substr(0, second_header + 100));
  DataErrors errors;
  std::vector<InputFile> files = ResolveInputs(tar, errors);
  ASSERT_EQ(Names(files), (std::vector<std::string>{tar + ":one.json"}));
  EXPECT_EQ(ReadWholeInput(files[0]), members[0].second);
  EXPECT_EQ(errors.count(), 1u);
}

TEST(ArchiveInputTest, PlainFilesAreNotArchives) {
  EXPECT_FALSE(IsArchive("{\"ts\":1}\n"));
  EXPECT_FALSE(IsArchive(""));
  EXPECT_TRUE(IsArchive(std::string("PK\x03\x04", 4) + "rest"));
  std::string tar(512, '\0');
  tar.replace(257, 6, std::string("ustar\0", 6));
  EXPECT_TRUE(IsArchive(tar));
}

}  // namespace
}  // namespace iochound
