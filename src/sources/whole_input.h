// Reading a whole input, or its beginning, into memory: for readers whose records span lines in ways a
// sliding window cannot bound (Windows event XML), feeds, and format detection.
#pragma once

#include <string>

#include "common/diagnostics.h"
#include "sources/input_files.h"

namespace iochound {

// The whole (decompressed) content of `input`. Throws std::runtime_error naming the file when it
// cannot be read.
std::string ReadWholeInput(const InputFile& input);

// As ReadWholeInput, but damage part way (corrupt or truncated compressed data, a read error) keeps
// what was read before it: the error is reported to `errors` with the offset where reading stopped,
// and the intact bytes are returned for the decoder to read. Throws when `input` cannot be opened.
std::string ReadIntactInput(const InputFile& input, DataErrors& errors);

// The first `max_bytes` (decompressed) of `input`, or all of it when shorter: what format detection
// looks at. Throws as ReadWholeInput.
std::string ReadInputPrefix(const InputFile& input, size_t max_bytes);

}  // namespace iochound
