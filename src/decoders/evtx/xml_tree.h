// The XML element tree one EVTX record evaluates to: element names, attributes and text, held in one
// character arena and flat arrays that are reused record after record (no allocation per node once
// warmed up). Text is kept unescaped, as consumers compare values; RenderXml escapes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iochound::evtx {

class XmlTree {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Span {
    uint32_t begin = 0;
    uint32_t size = 0;
  };
  struct Attribute {
    Span name;
    Span value;
  };
  struct Element {
    Span name;
    Span text;  // the element's own character data, pieces concatenated
    uint32_t parent = kNone;
    uint32_t first_child = kNone;
    uint32_t last_child = kNone;
    uint32_t next_sibling = kNone;
    uint32_t first_attribute = 0;  // attributes of an element are contiguous in attributes()
    uint32_t attribute_count = 0;
  };

  void Clear();

  // Building, in document order. Names and text go through AppendText-style calls so the caller
  // can decode UTF-16 straight into the arena.
  std::string& arena() { return arena_; }
  // Starts a child of the open element (or a root) whose name is arena()[name_begin, end).
  void OpenElement(uint32_t name_begin);
  // Starts an attribute of the open element named arena()[name_begin, end); its value follows.
  void OpenAttribute(uint32_t name_begin);
  // Ends the attribute value; an attribute whose value is empty is dropped, as Windows drops
  // attributes fed by NULL optional substitutions (<Correlation/>, <Security/>).
  void CloseAttribute();
  // Marks the start of a value piece for the open attribute or element: call before appending the
  // piece to arena(), then EndPiece() after.
  uint32_t BeginPiece();
  void EndPiece(uint32_t piece_begin);
  // Closes the open element and returns its index.
  uint32_t CloseElement();
  // Appends copies of closed `element` (name and attributes, no children) as its next siblings,
  // one per text span: MS-EVEN6 3.1.4.7.5 "Array Types" repeats the element holding an array
  // substitution once per item.
  void RepeatElement(uint32_t element, std::span<const Span> texts);

  bool in_attribute() const { return open_attribute_; }
  size_t depth() const { return stack_.size(); }
  uint32_t open_element() const { return stack_.empty() ? kNone : stack_.back(); }

  // Reading.
  const std::vector<Element>& elements() const { return elements_; }
  const std::vector<Attribute>& attributes() const { return attributes_; }
  std::string_view Text(Span s) const { return std::string_view(arena_).substr(s.begin, s.size); }
  uint32_t root() const { return elements_.empty() ? kNone : 0; }
  // First child of `parent` named `name`, or kNone.
  uint32_t Child(uint32_t parent, std::string_view name) const;
  // Value of attribute `name` of `element`, empty when absent.
  std::string_view AttributeValue(uint32_t element, std::string_view name) const;

  // Windows event XML, indented by two spaces per level.
  std::string RenderXml() const;

 private:
  // Appends arena()[piece_begin, end) to `target`, moving the earlier pieces to the arena's end
  // first when something else was appended since.
  void Extend(Span& target, uint32_t piece_begin);

  std::string arena_;
  std::vector<Element> elements_;
  std::vector<Attribute> attributes_;
  std::vector<uint32_t> stack_;
  bool open_attribute_ = false;
};

// Appends `text` with XML's markup characters escaped as Windows renders event XML: & < > always,
// " in attribute values only.
void AppendXmlEscaped(std::string& out, std::string_view text, bool attribute);

}  // namespace iochound::evtx
