#include "decoders/csv_decoder.h"

#include <fmt/format.h>

#include <algorithm>

namespace iochound {
namespace {

std::string_view HeaderName(std::string_view name) {
  constexpr std::string_view kUtcSuffix = " [UTC]";
  if (name.size() > kUtcSuffix.size() && name.substr(name.size() - kUtcSuffix.size()) == kUtcSuffix) {
    name.remove_suffix(kUtcSuffix.size());
  }
  return name;
}

}  // namespace

size_t CsvDecoder::ParseRow(std::string_view data, bool at_end) {
  spans_.clear();
  scratch_.clear();
  unterminated_quote_ = false;
  size_t newlines = 0;
  size_t i = 0;
  const size_t n = data.size();
  for (;;) {
    // One field starts at i.
    if (i < n && data[i] == '"') {
      size_t scratch_begin = scratch_.size();
      ++i;
      for (;;) {
        size_t quote = data.find('"', i);
        if (quote == std::string_view::npos) {
          if (!at_end) return 0;
          unterminated_quote_ = true;
          newlines += static_cast<size_t>(std::count(data.begin() + i, data.end(), '\n'));
          scratch_.append(data.substr(i));
          i = n;
          break;
        }
        newlines += static_cast<size_t>(std::count(data.begin() + i, data.begin() + quote, '\n'));
        scratch_.append(data.substr(i, quote - i));
        i = quote + 1;
        if (i < n && data[i] == '"') {  // a doubled quote stands for one
          scratch_.push_back('"');
          ++i;
          continue;
        }
        if (i == n && !at_end) return 0;  // the next byte decides whether the quote is doubled
        break;
      }
      // Text between the closing quote and the delimiter is not RFC 4180; keep it rather than lose it.
      while (i < n && data[i] != ',' && data[i] != '\n' &&
             !(data[i] == '\r' && i + 1 < n && data[i + 1] == '\n')) {
        scratch_.push_back(data[i++]);
      }
      spans_.push_back(FieldSpan{scratch_begin, scratch_.size() - scratch_begin, true});
    } else {
      size_t end = data.find_first_of(",\n", i);
      if (end == std::string_view::npos) {
        if (!at_end) return 0;
        end = n;
      }
      size_t length = end - i;
      if (end < n && data[end] == '\n' && length > 0 && data[end - 1] == '\r') --length;
      spans_.push_back(FieldSpan{i, length, false});
      i = end;
    }
    if (i < n && data[i] == '\r' && i + 1 < n && data[i + 1] == '\n') ++i;
    if (i >= n) {
      if (!at_end) return 0;
      break;
    }
    if (data[i] == '\n') {
      ++newlines;
      ++i;
      break;
    }
    ++i;  // ','
  }
  next_line_ += newlines;
  return i;
}

std::string_view CsvDecoder::Field(const FieldSpan& span, std::string_view data) const {
  return span.in_scratch ? std::string_view(scratch_).substr(span.begin, span.length)
                         : data.substr(span.begin, span.length);
}

bool CsvDecoder::ReadRow() {
  for (;;) {
    uint64_t start_line = next_line_;
    std::string_view data = input_->data();
    size_t consumed = data.empty() ? 0 : ParseRow(data, false);
    if (consumed == 0) {
      if (input_->Fill()) continue;
      data = input_->data();
      if (data.empty()) return false;
      consumed = ParseRow(data, true);
    }
    row_line_ = start_line;
    row_offset_ = input_->offset();
    fields_.clear();
    for (const FieldSpan& span : spans_) fields_.push_back(Field(span, data));
    // The views stay valid until the next Fill(), which only the next ReadRow() calls.
    input_->Consume(consumed);
    if (unterminated_quote_) {
      errors_.Report(RecordLocation{name_, row_line_, row_offset_},
                     "quoted field not closed at the end of the file");
    }
    // A blank line is no record, unless the table has a single column whose value may be empty.
    bool blank = fields_.size() == 1 && fields_[0].empty() && !unterminated_quote_;
    if (!blank || slots_.size() == 1) return true;
  }
}

bool CsvDecoder::Next(RecordVisitor& visitor) {
  if (!header_read_) {
    header_read_ = true;
    if (!ReadRow()) return false;
    RecordLocation header{name_, row_line_, row_offset_};
    for (std::string_view name : fields_)
      slots_.push_back(visitor.FieldSlot(HeaderName(name), Type::Null, header));
  }
  if (!ReadRow()) return false;
  RecordLocation where{name_, row_line_, row_offset_};
  visitor.BeginRecord(where);
  size_t common = std::min(fields_.size(), slots_.size());
  for (size_t i = 0; i < common; ++i) {
    if (slots_[i] != RecordVisitor::kSkip)
      visitor.SetField(slots_[i], RawValue{RawValue::Kind::kString, fields_[i]});
  }
  if (fields_.size() < slots_.size()) {
    errors_.Report(where, fmt::format("row has {} fields but the header has {}; the missing fields are null",
                                      fields_.size(), slots_.size()));
  } else if (fields_.size() > slots_.size()) {
    errors_.Report(where,
                   fmt::format("row has {} fields but the header has {}; the extra values are not kept",
                               fields_.size(), slots_.size()));
  }
  visitor.EndRecord();
  return true;
}

}  // namespace iochound
