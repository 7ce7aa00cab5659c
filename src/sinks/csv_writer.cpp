// `csv`: a header of column names, then a line per row. Fields are quoted, RFC 4180 style, only
// when they hold a comma, a double quote or a line break; nulls are empty fields. Lines end in \n.
#include "sinks/sink_internal.h"

namespace iochound::sinks {

namespace {

void AppendField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

class CsvWriter : public ResultWriter {
 public:
  explicit CsvWriter(std::FILE* out) : out_(out) {}

  void Begin(const Schema& schema) override {
    std::string text;
    for (size_t i = 0; i < schema.size(); ++i) {
      if (i > 0) text.push_back(',');
      std::string name;
      AppendValidUtf8(name, schema[i].name);
      AppendField(text, name);
    }
    text.push_back('\n');
    WriteAll(out_, text);
  }

  void Write(const Batch& batch) override {
    std::string text, cell;
    for (size_t row = 0; row < batch.rows; ++row) {
      for (size_t c = 0; c < batch.columns.size(); ++c) {
        if (c > 0) text.push_back(',');
        cell.clear();
        AppendTextCell(cell, *batch.columns[c], row);
        AppendField(text, cell);
      }
      text.push_back('\n');
    }
    WriteAll(out_, text);
  }

  void End() override {
    if (std::fflush(out_) != 0) throw std::runtime_error("error writing query results");
  }

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeCsvWriter(std::FILE* out) {
  return std::make_unique<CsvWriter>(out);
}

}  // namespace iochound::sinks
