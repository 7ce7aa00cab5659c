#include "common/diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace iochound {

std::string FormatQueryError(const QueryError& error, std::string_view text, std::string_view origin) {
  std::string out = fmt::format("error: {}\n", error.what());
  if (text.empty()) return out;
  size_t offset = std::min(error.offset(), text.size());
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  if (offset > 0 && text[offset - 1] == '\n') line_start = offset;
  size_t line_end = text.find('\n', offset);
  if (line_end == std::string_view::npos) line_end = text.size();
  size_t line_number = 1 + std::count(text.begin(), text.begin() + static_cast<long>(line_start), '\n');
  size_t column = offset - line_start + 1;
  std::string_view line = text.substr(line_start, line_end - line_start);
  size_t underline = std::max<size_t>(1, std::min(error.length(), line.size() + 1 - (column - 1)));
  std::string gutter = std::to_string(line_number);
  out += fmt::format(" --> {}line {}, column {}\n", origin.empty() ? "" : fmt::format("{}: ", origin),
                     line_number, column);
  out += fmt::format("{} | {}\n", gutter, line);
  std::string pad(gutter.size() + 3 + column - 1, ' ');
  for (size_t i = 0; i < column - 1 && i < line.size(); ++i) {
    if (line[i] == '\t') pad[gutter.size() + 3 + i] = '\t';
  }
  out += pad + std::string(underline, '^') + "\n";
  return out;
}

void DataErrors::Report(const RecordLocation& where, std::string_view what) {
  std::lock_guard lock(mutex_);
  if (held_) {
    if (count_++ < print_limit_) held_->push_back({true, std::string(where.file), where, std::string(what)});
    return;
  }
  if (count_++ < print_limit_) {
    if (where.line > 0) {
      fmt::print(stderr, "iochound: {}:{}: {}\n", where.file, where.line, what);
    } else {
      fmt::print(stderr, "iochound: {} (byte offset {}): {}\n", where.file, where.offset, what);
    }
  }
}

void DataErrors::ReportFile(std::string_view file, std::string_view what) {
  std::lock_guard lock(mutex_);
  if (held_) {
    if (count_++ < print_limit_) held_->push_back({false, std::string(file), {}, std::string(what)});
    return;
  }
  if (count_++ >= print_limit_) return;
  // Readers' exceptions already name their file ("x.gz: truncated gzip data"): not twice.
  if (what.starts_with(file) && what.substr(file.size()).starts_with(": "))
    fmt::print(stderr, "iochound: {}\n", what);
  else
    fmt::print(stderr, "iochound: {}: {}\n", file, what);
}

void DataErrors::ReportReadStopped(std::string_view file, std::string_view what, uint64_t bytes_read) {
  ReportFile(file, fmt::format("{}; read up to byte {}, the rest of the input is skipped", what, bytes_read));
}

void DataErrors::ReleaseTo(DataErrors& to, uint64_t lines_before) {
  std::vector<HeldError> held;
  size_t not_kept = 0;
  {
    std::lock_guard lock(mutex_);
    if (held_) held.swap(*held_);
    not_kept = count_ - held.size();
    count_ = 0;
  }
  for (HeldError& error : held) {
    if (!error.names_record) {
      to.ReportFile(error.file, error.what);
      continue;
    }
    error.where.file = error.file;
    if (error.where.line > 0) error.where.line += lines_before;
    to.Report(error.where, error.what);
  }
  // Errors past the first print_limit_ of the part: once those are reported, `to` prints no more.
  std::lock_guard lock(to.mutex_);
  to.count_ += not_kept;
}

bool DataErrors::HoldsLineNumbers() const {
  std::lock_guard lock(mutex_);
  return held_ && std::any_of(held_->begin(), held_->end(), [](const HeldError& error) {
           return error.names_record && error.where.line > 0;
         });
}

size_t DataErrors::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

std::string DataErrors::Summary() const {
  std::lock_guard lock(mutex_);
  if (count_ == 0) return {};
  std::string s = fmt::format("{} data error{}", count_, count_ == 1 ? "" : "s");
  if (count_ > print_limit_) s += fmt::format(" ({} not shown)", count_ - print_limit_);
  return s + "; the rows that could be read were processed";
}

}  // namespace iochound
