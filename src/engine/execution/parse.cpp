// parse, parse-where and parse-kv: extracts typed columns from a string, one match per row.
#include <re2/re2.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/execution/evaluator.h"
#include "engine/execution/operator.h"

namespace iochound {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Letters and digits of any script (every non-ASCII byte counts as one): what parse-kv's keys and
// values are made of when no delimiters are given.
bool IsWordByte(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalnum(u);
}

// Splits parse-kv text into the values of the wanted keys (the first occurrence of each wins).
class KvSplitter {
 public:
  explicit KvSplitter(const ParseSpec& spec) : spec_(spec) {}

  // Fills found[k] / values[k] for spec.columns[k].
  void Split(std::string_view text, std::vector<bool>& found, std::vector<std::string>& values) const {
    found.assign(spec_.columns.size(), false);
    values.assign(spec_.columns.size(), std::string());
    auto offer = [&](std::string_view key, std::string value) {
      for (size_t k = 0; k < spec_.columns.size(); ++k) {
        if (!found[k] && spec_.columns[k].key == key) {
          found[k] = true;
          values[k] = std::move(value);
        }
      }
    };
    switch (spec_.mode) {
      case ParseSpec::Mode::kKvDelimited:
        SplitDelimited(text, offer);
        break;
      case ParseSpec::Mode::kKvAuto:
        SplitAuto(text, offer);
        break;
      case ParseSpec::Mode::kKvRegex: {
        re2::StringPiece input(text.data(), text.size());
        std::string key, value;
        while (RE2::FindAndConsume(&input, *spec_.regex, &key, &value))
          offer(Trim(key), std::string(Trim(value)));
        break;
      }
      case ParseSpec::Mode::kPattern:
        break;
    }
  }

 private:
  // The closing quote when `c` opens one.
  std::optional<char> Opens(char c) const {
    for (const auto& [open, close] : spec_.quotes) {
      if (c == open) return close;
    }
    return std::nullopt;
  }

  // Reads a quoted token at text[pos] (an opening quote), unescaping; pos ends after the closing quote.
  std::string ReadQuoted(std::string_view text, size_t& pos, char close) const {
    std::string out;
    for (++pos; pos < text.size() && text[pos] != close; ++pos) {
      if (spec_.escapes.find(text[pos]) != std::string::npos && pos + 1 < text.size()) ++pos;
      out += text[pos];
    }
    if (pos < text.size()) ++pos;
    return out;
  }

  // Where the value starting at `pos` ends: the next pair delimiter or, with greedy=true, the next
  // pair delimiter followed by a `key<kv_delimiter>` pair.
  size_t ValueEnd(std::string_view text, size_t pos) const {
    const std::string& pd = spec_.pair_delimiter;
    size_t end = text.find(pd, pos);
    while (spec_.greedy && end != std::string_view::npos) {
      size_t next = text.find(pd, end + pd.size());
      std::string_view segment =
          text.substr(end + pd.size(), next == std::string_view::npos ? next : next - end - pd.size());
      if (segment.find(spec_.kv_delimiter) != std::string_view::npos) break;
      end = next;
    }
    return end == std::string_view::npos ? text.size() : end;
  }

  template <typename Offer>
  void SplitDelimited(std::string_view text, Offer&& offer) const {
    const std::string& pd = spec_.pair_delimiter;
    const std::string& kd = spec_.kv_delimiter;
    size_t pos = 0;
    while (pos < text.size()) {
      while (pos < text.size() && IsSpace(text[pos])) ++pos;
      std::string key;
      if (pos < text.size() && Opens(text[pos])) {
        key = ReadQuoted(text, pos, *Opens(text[pos]));
      } else {
        size_t end = std::min(text.find(kd, pos), text.find(pd, pos));
        if (end == std::string_view::npos) end = text.size();
        key = Trim(text.substr(pos, end - pos));
        pos = end;
      }
      while (pos < text.size() && IsSpace(text[pos]) && text.compare(pos, pd.size(), pd) != 0) ++pos;
      if (text.compare(pos, kd.size(), kd) != 0) {
        // No value: skip to the next pair.
        size_t next = text.find(pd, pos);
        if (next == std::string_view::npos) return;
        pos = next + pd.size();
        continue;
      }
      pos += kd.size();
      while (pos < text.size() && IsSpace(text[pos]) && text.compare(pos, pd.size(), pd) != 0) ++pos;
      std::string value;
      if (pos < text.size() && Opens(text[pos])) {
        value = ReadQuoted(text, pos, *Opens(text[pos]));
        size_t next = text.find(pd, pos);
        pos = next == std::string_view::npos ? text.size() : next;
      } else {
        size_t end = ValueEnd(text, pos);
        value = Trim(text.substr(pos, end - pos));
        pos = end;
      }
      offer(key, std::move(value));
      if (pos < text.size()) pos += pd.size();
    }
  }

  template <typename Offer>
  void SplitAuto(std::string_view text, Offer&& offer) const {
    std::vector<std::string> tokens;
    size_t pos = 0;
    while (pos < text.size()) {
      if (auto close = Opens(text[pos])) {
        tokens.push_back(ReadQuoted(text, pos, *close));
      } else if (IsWordByte(text[pos])) {
        size_t end = pos;
        while (end < text.size() && IsWordByte(text[end])) ++end;
        tokens.emplace_back(text.substr(pos, end - pos));
        pos = end;
      } else {
        ++pos;
      }
    }
    // A token naming a wanted key takes the token after it as its value.
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      for (const auto& column : spec_.columns) {
        if (column.key == tokens[i]) {
          offer(tokens[i], tokens[i + 1]);
          ++i;
          break;
        }
      }
    }
  }

  const ParseSpec& spec_;
};

class ParseStream : public BatchStream {
 public:
  ParseStream(const PlanNode& plan, std::unique_ptr<BatchStream> input, const EvalContext& context)
      : plan_(plan), spec_(*plan.parse), input_(std::move(input)), context_(context), splitter_(spec_) {
    if (spec_.mode == ParseSpec::Mode::kPattern) groups_.resize(spec_.regex->NumberOfCapturingGroups() + 1);
  }

  std::optional<Batch> Next() override {
    while (auto batch = input_->Next()) {
      ColumnPtr source = Evaluate(*plan_.exprs[0], *batch, context_);
      std::vector<std::shared_ptr<Column>> extracted;
      for (const auto& column : spec_.columns) {
        extracted.push_back(std::make_shared<Column>(column.type));
        extracted.back()->Reserve(batch->rows);
      }
      std::vector<uint32_t> kept;
      for (size_t row = 0; row < batch->rows; ++row) {
        bool matched = Extract(source->IsNull(row) ? std::string_view() : source->StringAt(row));
        for (size_t k = 0; k < extracted.size(); ++k) {
          // Kusto's strings are never null: an unmatched string column is empty.
          if (matched && !row_values_[k].is_null())
            extracted[k]->Append(row_values_[k]);
          else if (spec_.columns[k].type == Type::String)
            extracted[k]->AppendString("");
          else
            extracted[k]->AppendNull();
        }
        if (matched) kept.push_back(static_cast<uint32_t>(row));
      }
      Batch out;
      out.rows = batch->rows;
      for (int source_index : spec_.outputs) {
        out.columns.push_back(source_index >= 0 ? batch->columns[static_cast<size_t>(source_index)]
                                                : extracted[static_cast<size_t>(-source_index - 1)]);
      }
      if (!spec_.drop_unmatched) return out;
      if (kept.empty()) continue;
      if (kept.size() == out.rows) return out;
      return GatherRows(out, kept);
    }
    return std::nullopt;
  }

 private:
  // The typed value of one extracted column's text; null when it does not convert.
  Value Convert(const ParseSpec::Column& column, std::string text) const {
    Value value = Value::String(std::move(text));
    if (column.convert == nullptr) return value;
    Value args[] = {std::move(value)};
    return column.convert->eval(args, context_);
  }

  // Fills row_values_ for one source text; false when the row does not match.
  bool Extract(std::string_view text) {
    row_values_.assign(spec_.columns.size(), Value());
    if (spec_.mode == ParseSpec::Mode::kPattern) {
      re2::StringPiece input(text.data(), text.size());
      if (!spec_.regex->Match(input, 0, input.size(), RE2::UNANCHORED, groups_.data(),
                              static_cast<int>(groups_.size()))) {
        return false;
      }
      for (size_t k = 0; k < spec_.columns.size(); ++k) {
        const re2::StringPiece& group = groups_[static_cast<size_t>(spec_.columns[k].group)];
        row_values_[k] = Convert(spec_.columns[k], std::string(group.data(), group.size()));
        // kind=simple and kind=regex: every column must have its type, or the row does not match.
        if (row_values_[k].is_null() && !spec_.relaxed) return false;
      }
      return true;
    }
    splitter_.Split(text, found_, texts_);
    for (size_t k = 0; k < spec_.columns.size(); ++k) {
      if (found_[k]) row_values_[k] = Convert(spec_.columns[k], std::move(texts_[k]));
    }
    return true;
  }

  const PlanNode& plan_;
  const ParseSpec& spec_;
  std::unique_ptr<BatchStream> input_;
  const EvalContext& context_;
  KvSplitter splitter_;
  std::vector<re2::StringPiece> groups_;
  std::vector<Value> row_values_;
  std::vector<bool> found_;
  std::vector<std::string> texts_;
};

}  // namespace

std::unique_ptr<BatchStream> MakeParse(const PlanNode& plan, std::unique_ptr<BatchStream> input,
                                       const EvalContext& context) {
  return std::make_unique<ParseStream>(plan, std::move(input), context);
}

}  // namespace iochound
