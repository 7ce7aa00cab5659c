// Literal prefilter, decoder side: one Hyperscan pass over a window of raw input finds the lines
// that may hold a record the query keeps (ScanHints::literals); decoders parse only those.
//
// A literal is searched for in the raw bytes only in a form that cannot be hidden there: its
// longest piece free of the bytes the format may write differently from the decoded text (JSON
// escapes `"`, `\`, `/` and control characters; CSV quotes fields and doubles `"`) and, when it
// is case-insensitive, of non-ASCII bytes (Hyperscan folds only ASCII; Kusto folds no non-ASCII
// letter to an ASCII one, so ASCII pieces compare exactly). JSON lines holding a `\u` escape, which
// can spell any character, are always candidates.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "decoders/decoder.h"
#include "sources/input_buffer.h"

struct hs_database;
struct hs_scratch;

namespace iochound {

class TermPrefilter;

// As ScanHints::non_ascii_may_match and ScanHints::records_ruled_out.
struct RecordPrefilterOptions {
  bool non_ascii_lines = false;  // lines holding a byte >= 0x80 are candidates too
  std::atomic<uint64_t>* ruled_out = nullptr;
};

class RecordPrefilter {
 public:
  // As ScanLiteral (engine/catalog.h).
  struct Literal {
    std::string text;
    bool case_sensitive = false;
    bool bounded_start = false;
    bool bounded_end = false;
  };
  // Pieces shorter than this match too often to be worth a search: such literals turn it off.
  static constexpr size_t kMinPiece = 3;
  // From this many literals on, those with a whole term (term_prefilter.h) are found by hashing the
  // terms of each line instead: Hyperscan's compile time and memory grow with the list (~7 s and
  // ~250 MB for 100,000 domains), the term hash's do not. Below this, Hyperscan scans faster: on the
  // real 2,481-domain Nanocore list (short terms, many runs to hash) it took half the time.
  static constexpr size_t kTermHashMinLiterals = 5000;
  // How Make would match `literals`, for --explain.
  static std::string Strategy(std::span<const Literal> literals);

  // nullptr when some literal has no searchable piece of kMinPiece bytes in `format` (or there are
  // none): then every record must be decoded.
  static std::shared_ptr<const RecordPrefilter> Make(std::span<const Literal> literals, InputFormat format,
                                                     RecordPrefilterOptions options = {});
  RecordPrefilter(const RecordPrefilter&) = delete;
  RecordPrefilter& operator=(const RecordPrefilter&) = delete;
  ~RecordPrefilter();

  // The byte strings Hyperscan searches for (for tests).
  const std::vector<Literal>& pieces() const { return pieces_; }

  // One thread's matching state.
  class Scratch {
   public:
    explicit Scratch(const RecordPrefilter& prefilter);
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch();

   private:
    friend class RecordPrefilter;
    hs_scratch* scratch_ = nullptr;
  };

  // Appends to `lines`, ascending, `base` plus the offset in `window` of the start of each line that
  // holds a searched piece or term or (JSON) a `\u` escape, or (with `non_ascii_lines` in the options) a
  // byte >= 0x80. Lines end at '\n' (the last one may not).
  void FindLines(std::string_view window, uint64_t base, Scratch& scratch,
                 std::vector<uint64_t>& lines) const;

  // Decoders tell how many records they skipped (RecordPrefilterOptions::ruled_out). Thread-safe.
  void CountRuledOut(uint64_t records) const {
    if (options_.ruled_out != nullptr && records > 0)
      options_.ruled_out->fetch_add(records, std::memory_order_relaxed);
  }

 private:
  RecordPrefilter() = default;
  RecordPrefilterOptions options_;
  hs_database* database_ = nullptr;  // null when the terms cover every literal
  std::vector<Literal> pieces_;
  std::unique_ptr<const TermPrefilter> terms_;
};

// The prefilters of one scan, compiled on first use for each format its files turn out to have.
class Prefilters {
 public:
  Prefilters(std::vector<RecordPrefilter::Literal> literals, RecordPrefilterOptions options)
      : literals_(std::move(literals)), options_(options) {}
  // Thread-safe.
  std::shared_ptr<const RecordPrefilter> For(InputFormat format);

 private:
  std::mutex mutex_;
  std::vector<RecordPrefilter::Literal> literals_;
  RecordPrefilterOptions options_;
  std::vector<std::pair<InputFormat, std::shared_ptr<const RecordPrefilter>>> compiled_;
};

// A decoder's walk over the candidate lines of its input, one window of whole lines at a time.
class CandidateLines {
 public:
  explicit CandidateLines(std::shared_ptr<const RecordPrefilter> prefilter)
      : prefilter_(std::move(prefilter)), scratch_(*prefilter_) {}
  // The bytes of `input` from its position to the next candidate line, or to the end of the window
  // scanned (first scanning the whole lines of its window when the position is past the last one);
  // nullopt at the end of the input. The decoder consumes what it skips of them.
  std::optional<std::string_view> BeforeNext(InputBuffer& input);
  // The decoder skipped `records` records (counted for ScanHints::records_ruled_out).
  void RuledOut(uint64_t records) const { prefilter_->CountRuledOut(records); }
  // Whether the input `offset` reached after BeforeNext's bytes is a candidate line's start.
  bool AtCandidate(uint64_t offset) const { return offset < scanned_end_; }
  // Input offset just past the window scanned last (0 before the first).
  uint64_t scanned_end() const { return scanned_end_; }
  // The start of the first candidate line at or after `offset` in the window, or scanned_end().
  uint64_t Next(uint64_t offset);

 private:
  // Finds the candidates of `window` (whole lines at input offset `base`), dropping the previous
  // window's.
  void Scan(std::string_view window, uint64_t base);

  std::shared_ptr<const RecordPrefilter> prefilter_;
  RecordPrefilter::Scratch scratch_;
  std::vector<uint64_t> lines_;
  size_t next_ = 0;
  uint64_t scanned_end_ = 0;
};

// The length of the longest prefix of whole lines of `bytes` (the last one may lack its '\n') that
// `skippable(line)` accepts (lines passed without their '\n'); adds their newlines to `lines` and
// those of them that are not blank (only spaces, tabs, '\r') to `records`.
template <typename Skippable>
size_t SkipLines(std::string_view bytes, Skippable skippable, uint64_t& lines, uint64_t& records) {
  size_t skipped = 0;
  while (skipped < bytes.size()) {
    size_t end = bytes.find('\n', skipped);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(skipped, end - skipped);
    if (!skippable(line)) return skipped;
    records += line.find_first_not_of(" \t\r") != std::string_view::npos;
    if (end == bytes.size()) return end;
    ++lines;
    skipped = end + 1;
  }
  return skipped;
}

}  // namespace iochound
