// Reading a whole input into memory, for decoders that need random access to the file (EVTX chunks)
// or whose records span lines in ways a sliding window cannot bound (pretty-printed JSON).
#pragma once

#include <string>

#include "sources/input_files.h"

namespace iochound {

// The whole (decompressed) content of `input`. Throws std::runtime_error naming the file when it
// cannot be read.
std::string ReadWholeInput(const InputFile& input);

}  // namespace iochound
