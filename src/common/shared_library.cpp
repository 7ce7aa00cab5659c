#include "common/shared_library.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <stdexcept>

namespace iochound {

SharedLibrary::SharedLibrary(const char* soname, const char* purpose)
    : handle_(dlopen(soname, RTLD_NOW | RTLD_LOCAL)), soname_(soname), purpose_(purpose) {
  if (handle_ == nullptr)
    throw std::runtime_error(
        fmt::format("{} needs {}, which cannot be loaded: {}", purpose_, soname_, dlerror()));
}

void* SharedLibrary::Address(const char* name) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (address == nullptr)
    throw std::runtime_error(fmt::format("{} needs {} from {}, which lacks it", purpose_, name, soname_));
  return address;
}

}  // namespace iochound
