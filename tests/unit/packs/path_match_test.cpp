// Anchored, normalized path prefixes and image file names: the matchers exclusions rely on to be
// precise (the seed's log-directory scenario and its bypasses).
#include "packs/path_match.h"

#include <gtest/gtest.h>

namespace iochound::packs {
namespace {

bool Inside(std::string_view path, std::string_view dir) {
  auto p = NormalizePath(path);
  auto d = NormalizePath(dir);
  EXPECT_TRUE(d.has_value()) << dir;
  return p && d && IsInside(*p, *d);
}

TEST(PathMatchTest, WindowsLogDirectoryIsAnchoredAndCaseInsensitive) {
  const char* logs = R"(C:\Windows\System32\LogFiles\)";
  EXPECT_TRUE(Inside(R"(C:\Windows\System32\LogFiles\nanocore.log)", logs));
  EXPECT_TRUE(Inside(R"(c:\WINDOWS\system32\logfiles\sub\nanocore.log)", logs));
  EXPECT_TRUE(Inside(R"(C:/Windows/System32/LogFiles/nanocore.log)", logs));
  EXPECT_TRUE(Inside(R"("C:\Windows\System32\LogFiles\nanocore.log")", logs));
  // A folder named System32\LogFiles elsewhere is not the log directory (SigmaHQ PR #323).
  EXPECT_FALSE(Inside(R"(C:\Users\x\System32\LogFiles\nanocore.exe)", logs));
  EXPECT_FALSE(Inside(R"(D:\Windows\System32\LogFiles\nanocore.exe)", logs));
  // The directory itself, and names that merely start like it, are not inside it.
  EXPECT_FALSE(Inside(R"(C:\Windows\System32\LogFiles)", logs));
  EXPECT_FALSE(Inside(R"(C:\Windows\System32\LogFilesX\nanocore.exe)", logs));
}

TEST(PathMatchTest, DotDotIsResolvedBeforeMatching) {
  const char* logs = R"(C:\Windows\System32\LogFiles\)";
  EXPECT_FALSE(Inside(R"(C:\Windows\System32\LogFiles\..\..\Temp\nanocore.exe)", logs));
  EXPECT_FALSE(Inside(R"(C:\Windows\System32\LogFiles\..\nanocore.exe)", logs));
  EXPECT_TRUE(Inside(R"(C:\Windows\Temp\..\System32\LogFiles\nanocore.log)", logs));
  EXPECT_TRUE(Inside(R"(C:\Windows\System32\.\LogFiles\.\nanocore.log)", logs));
  EXPECT_FALSE(Inside("/var/log/../tmp/nanocore", "/var/log/"));
  EXPECT_FALSE(Inside("/var/log/../../tmp/nanocore", "/var/log/"));
  EXPECT_TRUE(Inside("/tmp/../var/log/nanocore.log", "/var/log/"));
  // `..` cannot climb above the root.
  EXPECT_TRUE(Inside("/../../var/log/nanocore.log", "/var/log/"));
}

TEST(PathMatchTest, PosixPathsAreCaseSensitiveAndSegmentAligned) {
  EXPECT_TRUE(Inside("/var/log/nanocore.log", "/var/log/"));
  EXPECT_TRUE(Inside("/var//log///nanocore.log", "/var/log"));
  EXPECT_FALSE(Inside("/var/logs/nanocore.log", "/var/log/"));
  EXPECT_FALSE(Inside("/var/log_evil/nanocore.log", "/var/log/"));
  EXPECT_FALSE(Inside("/VAR/LOG/nanocore.log", "/var/log/"));
  EXPECT_FALSE(Inside("/home/x/var/log/nanocore.log", "/var/log/"));
  // A POSIX directory never contains a Windows path, nor the reverse.
  EXPECT_FALSE(Inside(R"(C:\var\log\nanocore.log)", "/var/log/"));
}

TEST(PathMatchTest, Win32NameNormalizationCannotHideTheDirectory) {
  const char* logs = R"(C:\Windows\System32\LogFiles\)";
  // Win32 drops trailing dots and spaces: `LogFiles.` is LogFiles, `..` inside a name is not.
  EXPECT_TRUE(Inside(R"(C:\Windows\System32\LogFiles.\nanocore.log)", logs));
  EXPECT_TRUE(Inside(R"(C:\Windows\System32\LogFiles \nanocore.log)", logs));
  EXPECT_FALSE(Inside(R"(C:\Windows\System32\LogFiles.\..\nanocore.exe)", logs));
  // Namespace prefixes name the same file.
  EXPECT_TRUE(Inside(R"(\\?\C:\Windows\System32\LogFiles\nanocore.log)", logs));
  EXPECT_TRUE(Inside(R"(\??\C:\Windows\System32\LogFiles\nanocore.log)", logs));
}

TEST(PathMatchTest, RelativeAndUnexpandedPathsAreNeverInside) {
  EXPECT_FALSE(NormalizePath("var/log/nanocore.log").has_value());
  EXPECT_FALSE(NormalizePath(R"(Windows\System32\LogFiles\x.log)").has_value());
  EXPECT_FALSE(NormalizePath(R"(%SystemRoot%\System32\LogFiles\x.log)").has_value());
  EXPECT_FALSE(NormalizePath("").has_value());
  EXPECT_FALSE(Inside(R"(..\Windows\System32\LogFiles\x.log)", R"(C:\Windows\System32\LogFiles\)"));
}

TEST(PathMatchTest, UncRootsIncludeTheShare) {
  EXPECT_TRUE(Inside(R"(\\FS01\Logs\app\nanocore.log)", R"(\\fs01\logs\)"));
  EXPECT_FALSE(Inside(R"(\\fs01\other\nanocore.log)", R"(\\fs01\logs\)"));
  // As Win32 resolves it, `..` stops at the share: this is \\fs01\logs\other\nanocore.log.
  EXPECT_TRUE(Inside(R"(\\fs01\logs\..\other\nanocore.log)", R"(\\fs01\logs\)"));
  EXPECT_FALSE(Inside(R"(\\fs02\logs\nanocore.log)", R"(\\fs01\logs\)"));
}

TEST(PathMatchTest, ImageFileNameIsTheLastSegment) {
  EXPECT_EQ(ImageFileName(R"(C:\Program Files\Git\bin\git.exe)"), "git.exe");
  EXPECT_EQ(ImageFileName("/usr/bin/git"), "git");
  EXPECT_EQ(ImageFileName("git"), "git");
  EXPECT_EQ(ImageFileName(R"("C:\Program Files\Wireshark\Wireshark.exe")"), "Wireshark.exe");
}

}  // namespace
}  // namespace iochound::packs
