// Evaluates the binary XML (BinXML) of an EVTX record into an XmlTree: tokens, template instances
// and their substitution values, nested BinXML values. Layouts follow libyal's "Windows XML Event
// Log (EVTX) format", section "Binary XML", and MS-EVEN6 2.2.12.
//
// A record is normally a fragment holding one template instance: the template definition (the
// element structure, shared by records of the same event type) lives once in the chunk, and the
// instance supplies the substitution values. Input is hostile: every offset is bounds-checked,
// nesting of templates and BinXML values is limited, and a per-record work and size budget stops
// templates that reference each other from expanding without end.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "decoders/evtx/evtx_bytes.h"
#include "decoders/evtx/xml_tree.h"

namespace iochound::evtx {

class BinXmlReader {
 public:
  // Evaluates the BinXML at [begin, end) of `chunk` (a whole 64 KiB chunk: names and templates are
  // referenced by chunk offset) into `tree`, which is cleared first. Throws FormatError.
  void ReadRecord(std::span<const uint8_t> chunk, uint32_t begin, uint32_t end, XmlTree& tree);

 private:
  struct Value {
    uint32_t offset;
    uint16_t size;
    uint8_t type;
  };
  // What the tokens being read may refer to.
  struct Context {
    // Element starts carry a 2-byte dependency identifier inside template definitions but not in
    // record fragments or BinXML (0x21) values (libyal, "Element start", notes).
    bool in_template;
    size_t values_begin;  // this template instance's substitution values in values_
    size_t values_count;
    int nesting;  // template instances and BinXML values entered so far
  };
  struct PendingRepeat {
    uint32_t element;
    size_t texts_begin;
  };

  void ReadTokens(Cursor& c, const Context& ctx);
  void OpenElement(Cursor& c, const Context& ctx, bool has_attributes);
  void CloseElement(size_t base_depth);
  void ReadTemplateInstance(Cursor& c, const Context& ctx);
  void Substitute(const Context& ctx, uint16_t index);
  void SubstituteArray(const Value& v);
  // Appends the name at the chunk offset read from `c` to the tree's arena, skipping the name's
  // bytes when they are stored inline right here.
  void ReadName(Cursor& c);
  void ReadUtf16Piece(Cursor& c);

  std::span<const uint8_t> chunk_;
  XmlTree* tree_ = nullptr;
  size_t budget_ = 0;
  std::vector<Value> values_;
  std::vector<std::span<const uint8_t>> array_items_;
  std::vector<XmlTree::Span> repeat_texts_;
  std::vector<PendingRepeat> pending_repeats_;
};

}  // namespace iochound::evtx
