// A shared library opened when a run first needs it, not by the dynamic loader at every start.
// libarchive and libpcap, with the libraries they bring (libxml2, D-Bus, systemd, libgcrypt, ...),
// were 15 of the 32 shared objects mapped and relocated before main(): ~5 ms of every run, a
// twentieth of a two-thread hunt over 1 GB, though few runs read an archive or a capture.
#pragma once

#include <string>

namespace iochound {

class SharedLibrary {
 public:
  // Opens `soname`. Throws std::runtime_error saying what needed it (`purpose`, such as "reading
  // archives") and why it could not be opened.
  SharedLibrary(const char* soname, const char* purpose);
  // The library stays loaded until the process ends, so the functions found in it stay callable.
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // The function `name`, as the type of a pointer to its declaration (decltype(&function)).
  // Throws std::runtime_error when the library has no such function.
  template <typename FunctionPointer>
  FunctionPointer Function(const char* name) const {
    return reinterpret_cast<FunctionPointer>(Address(name));
  }

 private:
  void* Address(const char* name) const;

  void* handle_;
  std::string soname_;
  std::string purpose_;
};

}  // namespace iochound

// `library`'s function `name`, the name spelled once for its symbol and its type.
#define IOCHOUND_LIBRARY_FUNCTION(library, name) (library).Function<decltype(&name)>(#name)
