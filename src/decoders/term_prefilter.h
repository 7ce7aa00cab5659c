// Term-hash prefilter: the long-list strategy of RecordPrefilter. Each literal is reduced to one of
// its whole terms, a run of ASCII letters and digits that the literal itself bounds on both sides
// (by other characters, or by its own start or end where the query needs it not to continue a
// term). A line that can hold the literal holds that run as a maximal run of its raw bytes, so the
// scan hashes each such run of a line and looks it up in a set.
//
// Hand-written rather than Hyperscan: compiling 100,000 literals takes Hyperscan ~7 s and ~250 MB,
// while this set is built in under 0.1 s in a few MB, and the scan's cost does not grow with it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// The whole terms of `literal` of at least `min_bytes` bytes, ASCII-lowercased. `bounded_start` /
// `bounded_end`: the literal is needed only where it does not continue a term on that side, so a
// term at that edge of the literal is whole.
std::vector<std::string> WholeTerms(std::string_view literal, bool bounded_start, bool bounded_end,
                                    size_t min_bytes);

// One term of each literal's `whole_terms` (empty for a literal without any): the one fewest
// literals share, then the longest. A term many literals share, such as `duckdns` in a list of
// dynamic-DNS hosts, would make every line naming it a candidate.
std::vector<std::string> ChooseTerms(const std::vector<std::vector<std::string>>& whole_terms);

class TermPrefilter {
 public:
  // `terms`: lowercase runs of ASCII letters and digits. `json`: lines are JSON, whose escapes can
  // glue a letter to a term (`\n` before it) or spell any character (`\u`).
  TermPrefilter(std::span<const std::string> terms, bool json);

  // Appends to `lines`, ascending, `base` plus the offset in `window` of the start of each line that
  // holds a term or (JSON) a `\u` escape. Lines end at '\n' (the last one may not).
  void FindLines(std::string_view window, uint64_t base, std::vector<uint64_t>& lines) const;

 private:
  // The bits of `starts`, the run starts of a block of bytes whose letters and digits are `alnum`,
  // where a run may be as long as a term: at least min_bytes_ and at most max_bytes_.
  uint64_t RunStartsOfTermLength(uint64_t alnum, uint64_t starts) const;
  bool HoldsHash(uint64_t hash) const;
  // Whether the `size` letters and digits at `run` are a term; bytes from `end` on are not read.
  bool HoldsRun(const char* run, size_t size, const char* end) const;

  bool json_;
  size_t min_bytes_ = SIZE_MAX, max_bytes_ = 0;
  size_t short_run_limit_ = 64;   // runs shorter than min_bytes_, up to 64, are skipped by mask
  size_t too_long_shift_ = 0;     // non-zero where runs longer than max_bytes_ are skipped by mask
  std::vector<uint64_t> bloom_;   // one bit a term hash: rules out most runs within L2
  std::vector<uint64_t> hashes_;  // open addressing; 0 is free (hashes are odd)
};

}  // namespace iochound
