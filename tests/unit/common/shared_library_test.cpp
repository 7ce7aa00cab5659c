#include "common/shared_library.h"

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace iochound {
namespace {

std::string ErrorOf(const auto& act) {
  try {
    act();
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

TEST(SharedLibraryTest, FindsAFunctionByItsDeclaration) {
  SharedLibrary libc("libc.so.6", "testing");
  auto length = IOCHOUND_LIBRARY_FUNCTION(libc, strlen);
  EXPECT_EQ(length("iochound"), 8u);
}

TEST(SharedLibraryTest, SaysWhatNeededALibraryThatCannotBeLoaded) {
  std::string error = ErrorOf([] { SharedLibrary("libiochound-missing.so.1", "reading captures"); });
  EXPECT_NE(error.find("reading captures needs libiochound-missing.so.1, which cannot be loaded"),
            std::string::npos)
      << error;
}

TEST(SharedLibraryTest, SaysWhichFunctionALibraryLacks) {
  SharedLibrary libc("libc.so.6", "reading archives");
  std::string error = ErrorOf([&] { libc.Function<void (*)()>("iochound_no_such_function"); });
  EXPECT_EQ(error, "reading archives needs iochound_no_such_function from libc.so.6, which lacks it");
}

}  // namespace
}  // namespace iochound
