// Kusto's string predicates over UTF-8 text: the kernels behind `where s has "x"` and friends.
//
// Semantics are Kusto's (a .NET engine working on UTF-16):
//  - A term is a maximal run of term characters: letters and decimal digits of any script, i.e. .NET
//    char.IsLetterOrDigit (categories Lu Ll Lt Lm Lo Nd) on a UTF-16 unit. `_`, punctuation, spaces,
//    combining marks and every code point above U+FFFF (a surrogate pair) separate terms.
//  - Case-insensitive forms compare as .NET's OrdinalIgnoreCase: each code point is mapped by simple
//    (1:1) upper-case mapping, except that no non-ASCII character maps to ASCII (U+0131 ı and U+017F ſ
//    stay themselves). So "NAÏVE" =~ "naïve", but "STRASSE" !~ "straße".
//  - `has`: the needle occurs where it does not extend a term: if it starts with a term character the
//    text before the occurrence does not end with one, and if it ends with a term character the text
//    after it does not start with one. `hasprefix` checks only the start, `hassuffix` only the end.
//    With a single-term needle this is "some term equals / starts with / ends with the needle".
//  - Every predicate is true for an empty needle except equality.
// Invalid UTF-8 bytes read as U+FFFD (a separator), as .NET decodes them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace iochound::string_ops {

bool Has(std::string_view text, std::string_view needle);
bool HasCs(std::string_view text, std::string_view needle);
bool HasPrefix(std::string_view text, std::string_view needle);
bool HasPrefixCs(std::string_view text, std::string_view needle);
bool HasSuffix(std::string_view text, std::string_view needle);
bool HasSuffixCs(std::string_view text, std::string_view needle);
bool Contains(std::string_view text, std::string_view needle);
bool ContainsCs(std::string_view text, std::string_view needle);
bool StartsWith(std::string_view text, std::string_view needle);
bool StartsWithCs(std::string_view text, std::string_view needle);
bool EndsWith(std::string_view text, std::string_view needle);
bool EndsWithCs(std::string_view text, std::string_view needle);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);  // `=~`

// The case-insensitive key of a string: a =~ b exactly when FoldCase(a) == FoldCase(b). For hash
// sets behind `in~` and case-insensitive grouping.
std::string FoldCase(std::string_view s);

// True for the characters terms are made of (see above).
bool IsTermCodePoint(char32_t cp);

enum class Op : uint8_t { kHas, kHasPrefix, kHasSuffix, kContains, kStartsWith, kEndsWith, kEquals };

// One predicate with its needle prepared once (folded, classified), for a query constant tested
// against every row. Matching allocates nothing.
class Matcher {
 public:
  Matcher(Op op, std::string_view needle, bool case_sensitive);
  bool Matches(std::string_view text) const;

 private:
  bool FindBytes(std::string_view text) const;
  bool FindFolded(std::string_view text) const;

  Op op_;
  bool case_sensitive_;
  bool ascii_;                // an ASCII needle matches byte-wise: nothing non-ASCII folds to ASCII
  bool check_start_ = false;  // the occurrence must not continue a term on the left (has, hasprefix)
  bool check_end_ = false;    // ... on the right (has, hassuffix)
  std::string needle_;        // as given when case-sensitive, else ASCII-folded
  std::u32string folded_;     // folded code points of a non-ASCII case-insensitive needle
};

// `has_any` / `has_all` over a list of needles (case-insensitive, as Kusto's are). Single-term needles
// are looked up in a hash set once per term of the text, so a row costs O(text), not O(needles).
// For `has_any`, needles with separators in them that start with an ASCII term (domains) are
// matched only where a term of the text equals that first term; the others one by one.
class TermSet {
 public:
  explicit TermSet(std::span<const std::string> needles);
  bool MatchesAny(std::string_view text) const;
  bool MatchesAll(std::string_view text) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // Calls found(offset, folded term) for each term of `text` as long as some needle's (first) term;
  // stops when found returns true.
  template <typename Found>
  void ScanTerms(std::string_view text, Found found) const;

  bool has_empty_ = false;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> terms_;  // folded term -> index
  size_t min_term_bytes_ = SIZE_MAX, max_term_bytes_ = 0;
  std::vector<Matcher> phrases_;
  // The phrases that start with an ASCII term followed by an ASCII separator, by that term folded:
  // one can match only where the text has a term equal to it. Each term's phrases are a list
  // through next_phrase_ (indexes in phrases_), not a vector a term: IOC lists bring 100,000.
  static constexpr uint32_t kNoPhrase = UINT32_MAX;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> first_phrase_by_term_;
  std::vector<uint32_t> next_phrase_;
  std::vector<uint32_t> other_phrases_;
};

}  // namespace iochound::string_ops
