// The telemetry formats `query --input` understands, each detected from the content of a file (magic
// bytes, headers, field names; never the file name alone, as SOCs rename files freely) and read by
// a TelemetryReader that routes every record to the built-in tables it feeds.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "normalizers/routing/row_sink.h"
#include "sources/input_files.h"

namespace iochound {

class TelemetryReader {
 public:
  virtual ~TelemetryReader() = default;
  // Reads the next source record and routes what it yields to `sink`: rows of one or more tables,
  // or Unmapped. Returns false at the end of the input. Broken records are reported to the
  // DataErrors the reader was opened with, naming the file and line/offset, and skipped.
  virtual bool Next(RowSink& sink) = 0;
  // Source records read so far (routed, unmapped or broken).
  virtual uint64_t records() const = 0;
};

// What a format looks at to recognise a file: its first bytes, decompressed.
struct FormatProbe {
  std::string_view file_name;
  std::string_view head;  // up to kProbeBytes; the whole file when shorter
  static constexpr size_t kProbeBytes = 64 * 1024;
};

struct TelemetryFormat {
  std::string_view name;                 // for --input-format and the summary: "evtx", "zeek-tsv", ...
  std::string_view description;          // one line for `iochound schema` and --help
  std::vector<std::string_view> tables;  // the tables it can feed, for `iochound schema`
  // How sure the format is that the probed file is one of its own: 0 (no) to 100 (magic bytes).
  // The highest score wins; ties go to the format listed first.
  int (*detect)(const FormatProbe& probe);
  // Opens the file for reading. Throws std::runtime_error naming the file when it cannot be read.
  std::unique_ptr<TelemetryReader> (*open)(const InputFile& input, DataErrors& errors);
};

// Every format, in detection-priority order.
const std::vector<TelemetryFormat>& TelemetryFormats();
// nullptr when no format has that name.
const TelemetryFormat* FindTelemetryFormat(std::string_view name);
// The format of `probe`'s file, or nullptr when no format recognises it.
const TelemetryFormat* DetectTelemetryFormat(const FormatProbe& probe);

}  // namespace iochound
