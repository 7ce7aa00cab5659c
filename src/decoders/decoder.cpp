#include "decoders/decoder.h"

#include "decoders/api_response_decoder.h"
#include "decoders/csv_decoder.h"
#include "decoders/json_array_decoder.h"
#include "decoders/json_lines_decoder.h"
#include "decoders/record_prefilter.h"
#include "sources/byte_reader.h"
#include "sources/input_buffer.h"

namespace iochound {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A decoder for a file with nothing in it.
class EmptyDecoder : public Decoder {
 public:
  bool Next(RecordVisitor&) override { return false; }
};

// Reads the rest of the input into the window, for the formats parsed as one document.
void ReadAll(InputBuffer& input) {
  while (input.Fill()) {
  }
}

}  // namespace

InputFormat DetectFormat(std::string_view head) {
  if (!head.empty() && head[0] == '[') return InputFormat::kJsonArray;
  if (!head.empty() && head[0] == '{') {
    // An API response is one object whose first key is "tables"; a JSON Lines record never is.
    size_t key = head.find_first_not_of(" \t\r\n", 1);
    if (key != std::string_view::npos && head.substr(key, 8) == "\"tables\"")
      return InputFormat::kApiResponse;
    return InputFormat::kJsonLines;
  }
  return InputFormat::kCsv;
}

std::optional<InputFormat> SniffFormat(InputBuffer& buffer) {
  buffer.Fill();
  if (buffer.data().substr(0, kUtf8Bom.size()) == kUtf8Bom) buffer.Consume(kUtf8Bom.size());
  // Blank lines before a CSV header would be read as the header; before JSON they are noise.
  size_t blank = 0;
  for (;;) {
    std::string_view data = buffer.data();
    while (blank < data.size() && IsSpace(data[blank])) ++blank;
    if (blank < data.size() || !buffer.Fill()) break;
  }
  std::string_view data = buffer.data();
  if (blank >= data.size()) return std::nullopt;
  // Leading whitespace is kept for JSON Lines and CSV so that line numbers stay right.
  return DetectFormat(data.substr(blank));
}

std::unique_ptr<Decoder> MakeDecoder(InputFormat format, std::unique_ptr<InputBuffer> buffer,
                                     std::string name, DataErrors& errors, Prefilters* prefilters,
                                     uint64_t lines_before) {
  std::shared_ptr<const RecordPrefilter> prefilter = prefilters ? prefilters->For(format) : nullptr;
  switch (format) {
    case InputFormat::kJsonArray:
      ReadAll(*buffer);
      return std::make_unique<JsonArrayDecoder>(std::move(buffer), std::move(name), errors);
    case InputFormat::kApiResponse:
      ReadAll(*buffer);
      return std::make_unique<ApiResponseDecoder>(std::move(buffer), std::move(name), errors);
    case InputFormat::kJsonLines:
      return std::make_unique<JsonLinesDecoder>(std::move(buffer), std::move(name), errors,
                                                std::move(prefilter), lines_before);
    case InputFormat::kCsv:
      break;
  }
  return std::make_unique<CsvDecoder>(std::move(buffer), std::move(name), errors, std::move(prefilter),
                                      lines_before);
}

std::unique_ptr<Decoder> OpenDecoder(const InputFile& input, DataErrors& errors, Prefilters* prefilters,
                                     size_t first_read) {
  auto buffer = std::make_unique<InputBuffer>(OpenInput(input), first_read);
  std::optional<InputFormat> format = SniffFormat(*buffer);
  if (!format) return std::make_unique<EmptyDecoder>();
  return MakeDecoder(*format, std::move(buffer), input.name, errors, prefilters);
}

}  // namespace iochound
