// `jsonl`: one JSON object per row, keys in column order.
#include "sinks/sink_internal.h"
#include "types/dynamic.h"

namespace iochound::sinks {

namespace {

class JsonLinesWriter : public ResultWriter {
 public:
  explicit JsonLinesWriter(std::FILE* out) : out_(out) {}

  void Begin(const Schema& schema) override {
    // Keys are escaped once, not per row.
    keys_.clear();
    for (const Field& field : schema) {
      std::string key;
      AppendJsonString(key, field.name);
      key.push_back(':');
      keys_.push_back(std::move(key));
    }
  }

  void Write(const Batch& batch) override {
    std::string text;
    for (size_t row = 0; row < batch.rows; ++row) {
      text.push_back('{');
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) text.push_back(',');
        text += keys_[c];
        AppendJsonCell(text, *batch.columns[c], row);
      }
      text += "}\n";
    }
    WriteAll(out_, text);
  }

  void End() override {
    if (std::fflush(out_) != 0) throw std::runtime_error("error writing query results");
  }

 private:
  std::FILE* out_;
  std::vector<std::string> keys_;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeJsonLinesWriter(std::FILE* out) {
  return std::make_unique<JsonLinesWriter>(out);
}

}  // namespace iochound::sinks
