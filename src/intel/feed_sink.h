// Where feed readers deliver what they read: each record is normalized, validated, counted and
// merged into an IocSet; invalid ones are reported with file, line and reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "intel/ioc_set.h"

namespace iochound {

// What loading one feed file did.
struct FeedStats {
  std::string file;
  std::string format;  // FeedFormatName() of the detected format
  size_t accepted = 0;
  size_t rejected = 0;  // invalid entries, each also a data error
  size_t skipped = 0;   // valid entries that are not IOCs to hunt (MISP to_ids off, other types)
  // Accepted entries by the feed's own type name (MISP `hostname`, ThreatFox `sha256_hash`, ...),
  // or by the inferred type for feeds that state none.
  std::map<std::string, size_t> by_feed_type;
};

// One entry as a feed states it.
struct FeedRecord {
  std::string value;  // possibly defanged
  std::string type;   // the feed's type name; empty to infer it from the value
  Ioc meta;           // every other field; type, value and port are ignored
  uint64_t line = 0;  // 0 when the format has no lines
  std::string entry;  // names the entry in messages when there is no line: `IOC 1270007`
};

class FeedSink {
 public:
  FeedSink(IocSet& set, DataErrors& errors, FeedStats& stats) : set_(set), errors_(errors), stats_(stats) {}

  // Normalizes and adds the record, or rejects it. A type iochound does not hunt is skipped.
  void Add(FeedRecord record);
  // Reports an entry the reader could not even split into fields.
  void Reject(uint64_t line, std::string_view reason);
  // Counts a valid entry that is deliberately not loaded.
  void Skip() { ++stats_.skipped; }

 private:
  IocSet& set_;
  DataErrors& errors_;
  FeedStats& stats_;
};

}  // namespace iochound
