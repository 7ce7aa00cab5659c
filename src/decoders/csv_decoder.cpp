#include "decoders/csv_decoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "common/ascii.h"

namespace iochound {
namespace {

std::string_view HeaderName(std::string_view name) {
  constexpr std::string_view kUtcSuffix = " [UTC]";
  if (name.size() > kUtcSuffix.size() && name.substr(name.size() - kUtcSuffix.size()) == kUtcSuffix) {
    name.remove_suffix(kUtcSuffix.size());
  }
  return name;
}

// The quote closing the quoted field whose opening quote is at `open`, or npos when it does not close
// in `text`: a doubled quote is two quotes in a row, and one at the end of `text` closes.
size_t ClosingQuote(std::string_view text, size_t open) {
  size_t close = text.find('"', open + 1);
  while (close != std::string_view::npos && close + 1 < text.size() && text[close + 1] == '"')
    close = text.find('"', close + 2);
  return close;
}

// The fields of `line` (one line, without its '\n') read as a row by ParseRow's rules, or 0 when a
// quoted field does not close within it (the row goes on past the line).
size_t CsvLineFields(std::string_view line) {
  size_t fields = 1;
  for (size_t i = 0;;) {
    if (i < line.size() && line[i] == '"') {
      size_t close = ClosingQuote(line, i);
      if (close == std::string_view::npos) return 0;
      i = close + 1;
    }
    size_t comma = line.find(',', i);
    if (comma == std::string_view::npos) return fields;
    ++fields;
    i = comma + 1;
  }
}

// Whether every field of `line` (one line, without its '\n') that ParseRow reads as quoted closes
// within it, so that the line is a whole row. Only its quotes are looked at: a quote opens a field
// at the line's start or after a ',' outside quoted fields, and is text anywhere else.
bool ClosesItsQuotes(std::string_view line) {
  for (size_t quote = line.find('"'); quote != std::string_view::npos; quote = line.find('"', quote)) {
    if (quote > 0 && line[quote - 1] != ',') {
      ++quote;
      continue;
    }
    size_t close = ClosingQuote(line, quote);
    if (close == std::string_view::npos) return false;
    quote = close + 1;
  }
  return true;
}

}  // namespace

size_t CsvRowEnd(std::string_view data, size_t i) {
  for (;;) {
    if (i < data.size() && data[i] == '"') {
      size_t close = ClosingQuote(data, i);
      if (close == std::string_view::npos) return std::string_view::npos;
      i = close + 1;
    }
    size_t end = FindEitherByte(data, ',', '\n', i);
    if (end == std::string_view::npos) return std::string_view::npos;
    if (data[end] == '\n') return end + 1;
    i = end + 1;
  }
}

size_t CsvWholeRowsEnd(std::string_view data, uint64_t& newlines) {
  size_t last = 0, i = 0;
  uint64_t lines = 0;
  while (i < data.size()) {
    const char* newline = static_cast<const char*>(std::memchr(data.data() + i, '\n', data.size() - i));
    if (newline == nullptr) break;
    size_t line_end = static_cast<size_t>(newline - data.data()) + 1;
    if (ClosesItsQuotes(data.substr(i, line_end - 1 - i))) {
      i = last = line_end;
      ++lines;
      continue;
    }
    size_t row_end = CsvRowEnd(data, i);
    if (row_end == std::string_view::npos) break;
    lines += CountNewlines(data.substr(i, row_end - i));
    i = last = row_end;
  }
  newlines = lines;
  return last;
}

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
          newlines += CountNewlines(data.substr(i));
          scratch_.append(data.substr(i));
          i = n;
          break;
        }
        newlines += CountNewlines(data.substr(i, quote - i));
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
      size_t end = FindEitherByte(data, ',', '\n', i);
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

bool CsvDecoder::SkipToCandidate() {
  // We start at a row's start. Skip the lines that are whole rows with the header's number of fields
  // (or blank); stop at one whose quoted field runs over to the next line (parsed in full) or with a
  // wrong count (parsed in full and reported, as --no-prefilter would). Literals are searched for
  // without their quotes, which CSV doubles, so a quoted field hides none.
  auto skippable = [this](std::string_view line) {
    return line.empty() || line == "\r" || CsvLineFields(line) == slots_.size();
  };
  for (;;) {
    std::optional<std::string_view> before = candidates_->BeforeNext(*input_);
    if (!before) return false;
    uint64_t records = 0;
    size_t skipped = SkipLines(*before, skippable, next_line_, records);
    candidates_->RuledOut(records);
    input_->Consume(skipped);
    if (skipped < before->size() || candidates_->AtCandidate(input_->offset())) return true;
  }
}

bool CsvDecoder::IsCandidate(uint64_t begin, uint64_t end) {
  // A row running past the scanned window may hold a match that was not searched for.
  return end > candidates_->scanned_end() || candidates_->Next(begin) < end;
}

bool CsvDecoder::ReadRow() {
  for (;;) {
    bool prefiltered = candidates_ != nullptr && !slots_.empty();  // never the header
    if (prefiltered && !SkipToCandidate()) return false;
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
    // A row with the wrong number of fields goes on to be reported, candidate or not.
    if (prefiltered && fields_.size() == slots_.size() && !IsCandidate(row_offset_, row_offset_ + consumed)) {
      candidates_->RuledOut(1);
      continue;
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
