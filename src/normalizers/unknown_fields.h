// Remembers which fields outside a table's schema were already reported, so each is reported once
// per table however many records, files and scans carry it.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "common/diagnostics.h"

namespace iochound {

class UnknownFields {
 public:
  explicit UnknownFields(DataErrors& errors) : errors_(errors) {}
  void Report(std::string_view field, const RecordLocation& where);

 private:
  DataErrors& errors_;
  std::mutex mutex_;
  std::set<std::string, std::less<>> reported_;
};

}  // namespace iochound
