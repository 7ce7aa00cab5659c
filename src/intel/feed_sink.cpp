#include "intel/feed_sink.h"

#include <fmt/format.h>

#include <utility>

#include "intel/ioc_normalizer.h"

namespace iochound {

void FeedSink::Add(FeedRecord record) {
  std::optional<IocType> declared;
  if (!record.type.empty()) {
    declared = ParseIocType(record.type);
    if (!declared) {
      Skip();
      return;
    }
  }
  NormalizeResult result = NormalizeIoc(record.value, declared);
  if (!result.value) {
    std::string where = record.line == 0 && !record.entry.empty() ? record.entry + ": " : "";
    Reject(record.line, fmt::format("{}invalid IOC '{}': {}", where, record.value, result.error));
    return;
  }
  Ioc ioc = std::move(record.meta);
  ioc.type = result.value->type;
  ioc.value = std::move(result.value->value);
  ioc.port = result.value->port;
  if (ioc.sources.empty()) ioc.sources.push_back(stats_.file);
  ++stats_.accepted;
  ++stats_.by_feed_type[record.type.empty() ? std::string(IocTypeName(ioc.type)) : record.type];
  set_.Add(std::move(ioc));
}

void FeedSink::Reject(uint64_t line, std::string_view reason) {
  ++stats_.rejected;
  // JSON feeds have no useful line numbers: their readers name the entry in `reason` instead.
  if (line == 0) {
    errors_.ReportFile(stats_.file, reason);
  } else {
    errors_.Report(RecordLocation{stats_.file, line, 0}, reason);
  }
}

}  // namespace iochound
