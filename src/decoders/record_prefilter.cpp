#include "decoders/record_prefilter.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <unordered_set>

#include "common/ascii.h"
#include "decoders/term_prefilter.h"

namespace iochound {
namespace {

constexpr unsigned kEscapeMark = 0xFFFFFFFFu;  // the id of JSON's `\u`

// Bytes the format may write differently from the text a decoder makes of them.
bool MayBeEncoded(unsigned char c, InputFormat format, bool case_sensitive) {
  if (c < 0x20) return true;
  if (c >= 0x80 && !case_sensitive) return true;
  if (format == InputFormat::kCsv) return c == '"';
  return c == '"' || c == '\\' || c == '/';
}

std::string_view LongestPiece(std::string_view text, InputFormat format, bool case_sensitive) {
  std::string_view best;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !MayBeEncoded(static_cast<unsigned char>(text[i]), format, case_sensitive))
      continue;
    if (i - start > best.size()) best = text.substr(start, i - start);
    start = i + 1;
  }
  return best;
}

struct MatchState {
  const char* data;
  size_t size;
  uint64_t base;
  std::vector<uint64_t>* lines;
  bool in_line = false;  // [line_begin, line_end) is the candidate line found last
  size_t line_begin = 0, line_end = 0;
};

int OnMatch(unsigned, unsigned long long, unsigned long long to, unsigned, void* context) {
  auto& state = *static_cast<MatchState*>(context);
  // Further matches on the line found last add nothing.
  if (state.in_line && to > state.line_begin && to <= state.line_end) return 0;
  const void* before = to > 0 ? memrchr(state.data, '\n', to) : nullptr;
  size_t begin = before ? static_cast<size_t>(static_cast<const char*>(before) - state.data) + 1 : 0;
  const void* after = std::memchr(state.data + to, '\n', state.size - to);
  size_t end = after ? static_cast<size_t>(static_cast<const char*>(after) - state.data) + 1 : state.size;
  state.lines->push_back(state.base + begin);
  state.in_line = true;
  state.line_begin = begin;
  state.line_end = end;
  return 0;
}

// Appends the start of each line of `window` (at input offset `base`) holding a byte >= 0x80.
void AddNonAsciiLines(std::string_view window, uint64_t base, std::vector<uint64_t>& lines) {
  for (size_t at = FindNonAscii(window); at != std::string_view::npos;) {
    const void* before = at > 0 ? memrchr(window.data(), '\n', at) : nullptr;
    size_t begin = before ? static_cast<size_t>(static_cast<const char*>(before) - window.data()) + 1 : 0;
    lines.push_back(base + begin);
    size_t end = window.find('\n', at);
    if (end == std::string_view::npos) break;
    at = FindNonAscii(window, end + 1);
  }
}

// Shorter terms are too common: a literal with none longer is left to Hyperscan, which searches
// the whole of it.
constexpr size_t kMinTermBytes = 4;

// The term each literal is hashed by (term_prefilter.h); empty for those Hyperscan searches.
std::vector<std::string> HashedTerms(std::span<const RecordPrefilter::Literal> literals) {
  if (literals.size() < RecordPrefilter::kTermHashMinLiterals)
    return std::vector<std::string>(literals.size());
  std::vector<std::vector<std::string>> whole_terms;
  whole_terms.reserve(literals.size());
  for (const auto& literal : literals)
    whole_terms.push_back(
        WholeTerms(literal.text, literal.bounded_start, literal.bounded_end, kMinTermBytes));
  return ChooseTerms(whole_terms);
}

}  // namespace

std::string RecordPrefilter::Strategy(std::span<const Literal> literals) {
  std::vector<std::string> terms = HashedTerms(literals);
  size_t hashed = static_cast<size_t>(
      std::count_if(terms.begin(), terms.end(), [](const auto& t) { return !t.empty(); }));
  if (hashed == 0) return "Hyperscan";
  return fmt::format("term hash for {}, Hyperscan for {}", hashed, literals.size() - hashed);
}

std::shared_ptr<const RecordPrefilter> RecordPrefilter::Make(std::span<const Literal> literals,
                                                             InputFormat format,
                                                             RecordPrefilterOptions options) {
  if (literals.empty() || (format != InputFormat::kJsonLines && format != InputFormat::kCsv)) return nullptr;
  std::shared_ptr<RecordPrefilter> prefilter(new RecordPrefilter());
  prefilter->options_ = options;
  const bool json = format == InputFormat::kJsonLines;
  std::vector<std::string> terms = HashedTerms(literals);
  std::vector<std::string> hashed;
  // Each piece once: a hash set, as IOC lists bring 100,000 literals (a linear search was quadratic).
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < literals.size(); ++i) {
    const Literal& literal = literals[i];
    if (!terms[i].empty()) {
      hashed.push_back(std::move(terms[i]));  // TermPrefilter keeps each once
      continue;
    }
    std::string_view piece = LongestPiece(literal.text, format, literal.case_sensitive);
    if (piece.size() < kMinPiece) return nullptr;
    Literal searched{literal.case_sensitive ? std::string(piece) : AsciiLower(piece), literal.case_sensitive};
    if (seen.insert((searched.case_sensitive ? "s" : "i") + searched.text).second) {
      prefilter->pieces_.push_back(std::move(searched));
    }
  }
  if (!hashed.empty()) prefilter->terms_ = std::make_unique<const TermPrefilter>(hashed, json);
  // The term scan finds `\u` itself.
  const bool search_escape = json && prefilter->terms_ == nullptr;
  if (prefilter->pieces_.empty() && !search_escape) return prefilter;
  std::vector<const char*> expressions;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < prefilter->pieces_.size(); ++i) {
    const Literal& piece = prefilter->pieces_[i];
    expressions.push_back(piece.text.data());
    lengths.push_back(piece.text.size());
    flags.push_back(piece.case_sensitive ? 0u : static_cast<unsigned>(HS_FLAG_CASELESS));
    ids.push_back(static_cast<unsigned>(i));
  }
  static constexpr std::string_view kEscape = "\\u";
  if (search_escape) {
    expressions.push_back(kEscape.data());
    lengths.push_back(kEscape.size());
    flags.push_back(0);
    ids.push_back(kEscapeMark);
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                           &prefilter->database_, &error) != HS_SUCCESS) {
    std::string message = error != nullptr ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw std::runtime_error(fmt::format("cannot compile the literal prefilter: {}", message));
  }
  return prefilter;
}

RecordPrefilter::~RecordPrefilter() {
  hs_free_database(database_);
}

RecordPrefilter::Scratch::Scratch(const RecordPrefilter& prefilter) {
  if (prefilter.database_ != nullptr && hs_alloc_scratch(prefilter.database_, &scratch_) != HS_SUCCESS)
    throw std::runtime_error("cannot allocate the literal prefilter's scratch space");
}

RecordPrefilter::Scratch::~Scratch() {
  hs_free_scratch(scratch_);
}

void RecordPrefilter::FindLines(std::string_view window, uint64_t base, Scratch& scratch,
                                std::vector<uint64_t>& lines) const {
  size_t first = lines.size();
  const std::string_view window_all = window;
  if (terms_ != nullptr) terms_->FindLines(window, base, lines);
  MatchState state{window.data(), window.size(), base, &lines};
  // hs_scan takes an unsigned length: scan huge windows in parts that end at a newline.
  while (database_ != nullptr && !window.empty()) {
    size_t part = window.size();
    if (part > (size_t{1} << 30)) {
      const void* newline = memrchr(window.data(), '\n', size_t{1} << 30);
      part = newline ? static_cast<size_t>(static_cast<const char*>(newline) - window.data()) + 1 : part;
    }
    state.data = window.data();
    state.size = part;
    state.in_line = false;
    if (hs_scan(database_, window.data(), static_cast<unsigned>(part), 0, scratch.scratch_, OnMatch,
                &state) != HS_SUCCESS) {
      throw std::runtime_error("the literal prefilter's scan failed");
    }
    window.remove_prefix(part);
    state.base += part;
  }
  if (options_.non_ascii_lines) AddNonAsciiLines(window_all, base, lines);
  // Each search reports line starts in order, Hyperscan's by match end; keep them unique.
  if (!std::is_sorted(lines.begin() + static_cast<ptrdiff_t>(first), lines.end()))
    std::sort(lines.begin() + static_cast<ptrdiff_t>(first), lines.end());
  lines.erase(std::unique(lines.begin() + static_cast<ptrdiff_t>(first), lines.end()), lines.end());
}

std::shared_ptr<const RecordPrefilter> Prefilters::For(InputFormat format) {
  std::lock_guard lock(mutex_);
  for (const auto& [f, prefilter] : compiled_) {
    if (f == format) return prefilter;
  }
  auto prefilter = RecordPrefilter::Make(literals_, format, options_);
  compiled_.emplace_back(format, prefilter);
  return prefilter;
}

void CandidateLines::Scan(std::string_view window, uint64_t base) {
  lines_.clear();
  next_ = 0;
  prefilter_->FindLines(window, base, scratch_, lines_);
  scanned_end_ = base + window.size();
}

std::optional<std::string_view> CandidateLines::BeforeNext(InputBuffer& input) {
  for (;;) {
    std::string_view data = input.data();
    uint64_t position = input.offset();
    if (position >= scanned_end_) {
      // Scan the whole lines in the window, or what is left at the end of the input.
      const void* last = memrchr(data.data(), '\n', data.size());
      if (last == nullptr && input.Fill()) continue;
      if (data.empty()) return std::nullopt;
      size_t whole =
          last ? static_cast<size_t>(static_cast<const char*>(last) - data.data()) + 1 : data.size();
      Scan(data.substr(0, whole), position);
    }
    return data.substr(0, static_cast<size_t>(Next(position) - position));
  }
}

uint64_t CandidateLines::Next(uint64_t offset) {
  while (next_ < lines_.size() && lines_[next_] < offset) ++next_;
  return next_ < lines_.size() ? lines_[next_] : scanned_end_;
}

}  // namespace iochound
