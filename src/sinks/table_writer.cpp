// `table`: aligned columns for a terminal. Buffers every row (widths depend on all of them); numbers
// are right-aligned; control characters are shown escaped so a cell stays on one line; cells wider
// than kMaxCellWidth are cut with an ellipsis.
#include "sinks/sink_internal.h"

namespace iochound::sinks {

namespace {

constexpr size_t kMaxCellWidth = 80;
constexpr std::string_view kGap = "  ";

// One line, at most kMaxCellWidth columns wide.
std::string Displayable(std::string_view text) {
  std::string line;
  for (char c : text) {
    switch (c) {
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      case '\t':
        line += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
          line.push_back('?');
        else
          line.push_back(c);
    }
  }
  if (DisplayWidth(line) <= kMaxCellWidth) return line;
  // Cut on a character boundary, leaving a column for the ellipsis.
  std::string cut;
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    unsigned char lead = static_cast<unsigned char>(line[i]);
    if (lead >= 0xF0)
      len = 4;
    else if (lead >= 0xE0)
      len = 3;
    else if (lead >= 0xC0)
      len = 2;
    std::string_view ch = std::string_view(line).substr(i, len);
    size_t w = DisplayWidth(ch);
    if (width + w > kMaxCellWidth - 1) break;
    cut += ch;
    width += w;
    i += len;
  }
  return cut + "\xE2\x80\xA6";  // …
}

class TableWriter : public ResultWriter {
 public:
  explicit TableWriter(std::FILE* out) : out_(out) {}

  void Begin(const Schema& schema) override {
    schema_ = schema;
    std::vector<std::string> header;
    for (const Field& field : schema) {
      std::string name;
      AppendValidUtf8(name, field.name);
      header.push_back(Displayable(name));
    }
    rows_.push_back(std::move(header));
  }

  void Write(const Batch& batch) override {
    std::string cell;
    for (size_t row = 0; row < batch.rows; ++row) {
      std::vector<std::string> cells;
      cells.reserve(batch.columns.size());
      for (const ColumnPtr& column : batch.columns) {
        cell.clear();
        AppendTextCell(cell, *column, row);
        cells.push_back(Displayable(cell));
      }
      rows_.push_back(std::move(cells));
    }
  }

  void End() override {
    const size_t n = schema_.size();
    std::vector<size_t> widths(n, 0);
    std::vector<std::vector<size_t>> cell_widths;
    cell_widths.reserve(rows_.size());
    for (const auto& cells : rows_) {
      std::vector<size_t> w(n);
      for (size_t c = 0; c < n; ++c) {
        w[c] = DisplayWidth(cells[c]);
        widths[c] = std::max(widths[c], w[c]);
      }
      cell_widths.push_back(std::move(w));
    }
    std::string text;
    for (size_t r = 0; r < rows_.size(); ++r) {
      AppendLine(text, rows_[r], cell_widths[r], widths, r > 0);
      if (r == 0) {
        std::vector<std::string> rules;
        for (size_t c = 0; c < n; ++c) rules.emplace_back(widths[c], '-');
        AppendLine(text, rules, widths, widths, false);
      }
    }
    WriteAll(out_, text);
    rows_.clear();
    if (std::fflush(out_) != 0) throw std::runtime_error("error writing query results");
  }

 private:
  void AppendLine(std::string& text, const std::vector<std::string>& cells,
                  const std::vector<size_t>& cell_widths, const std::vector<size_t>& widths,
                  bool data) const {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line += kGap;
      size_t pad = widths[c] - cell_widths[c];
      if (data && IsNumeric(schema_[c].type)) {
        line.append(pad, ' ');
        line += cells[c];
      } else {
        line += cells[c];
        if (c + 1 < cells.size()) line.append(pad, ' ');  // no trailing blanks after the last column
      }
    }
    // No trailing blanks when the last cell is empty.
    if (!cells.empty() && cells.back().empty()) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
    }
    text += line;
    text.push_back('\n');
  }

  std::FILE* out_;
  Schema schema_;
  std::vector<std::vector<std::string>> rows_;  // the header first
};

}  // namespace

std::unique_ptr<ResultWriter> MakeTableWriter(std::FILE* out) {
  return std::make_unique<TableWriter>(out);
}

}  // namespace iochound::sinks
