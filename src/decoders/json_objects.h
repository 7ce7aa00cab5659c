// Splits a JSON text into its top-level objects, whatever the layout exporters chose: one object
// per line (JSON Lines), pretty-printed objects one after another (evtx_dump), or a JSON array of
// objects; evtx_dump's "Record N" banner lines are skipped. Strings are skipped with their escapes, so braces
// inside values do not count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace iochound {

class JsonObjects {
 public:
  explicit JsonObjects(std::string_view text) : text_(text) {}

  struct Object {
    std::string_view text;
    uint64_t line = 0;  // 1-based line of the opening brace
    uint64_t offset = 0;
  };

  // The next object; false at the end. Text that is neither an object nor separators (a stray
  // value, a truncated last object) sets `problem` and is skipped up to the next line that starts
  // an object, so one bad record costs only itself.
  bool Next(Object& object, std::string& problem);

  // Streaming: the text is a window of whole lines of a longer input. At its end Next() returns
  // false, leaving an object it has not seen the end of for the next window; the window that
  // follows starts consumed() bytes into this one. The last window is passed with more_follows
  // false, so that an object still open at its end is reported as truncated.
  void SetMoreFollows(bool more_follows) { more_follows_ = more_follows; }
  size_t consumed() const { return pos_; }
  void Continue(std::string_view text, bool more_follows);

 private:
  // evtx_dump's "Record 12" line before each object.
  bool IsRecordBanner() const;
  // Moves to the next line that starts with '{' (after whitespace); false when none is left.
  void SkipToNextObjectLine();

  std::string_view text_;
  uint64_t base_ = 0;  // offset of text_ in the input
  size_t pos_ = 0;
  bool more_follows_ = false;
  bool skipping_ = false;  // a bad record's lines are being skipped when the window ended
  uint64_t line_ = 1;      // line of pos_
  // Set by the first object: when it fits on one line the input is JSON Lines, and an object left
  // open at the end of its line is broken (rather than continued on the next lines).
  bool layout_known_ = false;
  bool one_per_line_ = false;
};

}  // namespace iochound
