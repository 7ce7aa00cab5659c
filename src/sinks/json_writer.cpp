// `json`: one document, {"columns":[{"name":..,"type":..}],"rows":[[..],..]}, with a row per line
// so it streams and stays readable.
#include "sinks/sink_internal.h"
#include "types/dynamic.h"

namespace iochound::sinks {

namespace {

class JsonWriter : public ResultWriter {
 public:
  explicit JsonWriter(std::FILE* out) : out_(out) {}

  void Begin(const Schema& schema) override {
    std::string text = "{\"columns\":[";
    for (size_t i = 0; i < schema.size(); ++i) {
      if (i > 0) text.push_back(',');
      text += "{\"name\":";
      AppendJsonString(text, schema[i].name);
      text += ",\"type\":";
      AppendJsonString(text, TypeName(schema[i].type));
      text.push_back('}');
    }
    text += "],\"rows\":[";
    WriteAll(out_, text);
  }

  void Write(const Batch& batch) override {
    std::string text;
    for (size_t row = 0; row < batch.rows; ++row) {
      text += rows_ == 0 ? "\n[" : ",\n[";
      ++rows_;
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) text.push_back(',');
        AppendJsonCell(text, *batch.columns[c], row);
      }
      text.push_back(']');
    }
    WriteAll(out_, text);
  }

  void End() override {
    WriteAll(out_, rows_ == 0 ? "]}\n" : "\n]}\n");
    if (std::fflush(out_) != 0) throw std::runtime_error("error writing query results");
  }

 private:
  std::FILE* out_;
  size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeJsonWriter(std::FILE* out) {
  return std::make_unique<JsonWriter>(out);
}

}  // namespace iochound::sinks
