// Shared helpers of the EVTX decoder tests: the shared data folder, file reading, decoding.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "decoders/evtx/evtx_reader.h"

namespace iochound::evtx_testing {

// IOCHOUND_SHARED_DIR/data, or "" when the shared folder is absent.
std::string SharedDataDir();
// Every *.evtx under `root`, recursively, sorted.
std::vector<std::string> FindEvtxFiles(const std::string& root);
std::vector<uint8_t> ReadBytes(const std::string& path);

struct Decoded {
  std::vector<evtx::EvtxEvent> events;
  evtx::EvtxReader::Stats stats;
};
Decoded Decode(const std::string& name, const std::vector<uint8_t>& bytes, DataErrors& errors);

}  // namespace iochound::evtx_testing
