#include "decoders/evtx/xml_tree.h"

namespace iochound::evtx {

void XmlTree::Clear() {
  arena_.clear();
  elements_.clear();
  attributes_.clear();
  stack_.clear();
  open_attribute_ = false;
}

void XmlTree::OpenElement(uint32_t name_begin) {
  Element e;
  e.name = {name_begin, static_cast<uint32_t>(arena_.size()) - name_begin};
  e.first_attribute = static_cast<uint32_t>(attributes_.size());
  auto index = static_cast<uint32_t>(elements_.size());
  if (!stack_.empty()) {
    e.parent = stack_.back();
    Element& parent = elements_[e.parent];
    if (parent.last_child == kNone) {
      parent.first_child = index;
    } else {
      elements_[parent.last_child].next_sibling = index;
    }
    parent.last_child = index;
  }
  elements_.push_back(e);
  stack_.push_back(index);
}

void XmlTree::OpenAttribute(uint32_t name_begin) {
  attributes_.push_back({{name_begin, static_cast<uint32_t>(arena_.size()) - name_begin}, {}});
  elements_[stack_.back()].attribute_count++;
  open_attribute_ = true;
}

void XmlTree::CloseAttribute() {
  if (!open_attribute_) return;
  open_attribute_ = false;
  if (attributes_.back().value.size == 0) {
    attributes_.pop_back();
    elements_[stack_.back()].attribute_count--;
  }
}

uint32_t XmlTree::BeginPiece() {
  return static_cast<uint32_t>(arena_.size());
}

void XmlTree::EndPiece(uint32_t piece_begin) {
  if (open_attribute_) {
    Extend(attributes_.back().value, piece_begin);
  } else if (!stack_.empty()) {
    Extend(elements_[stack_.back()].text, piece_begin);
  } else {
    arena_.resize(piece_begin);  // text outside any element has nowhere to go
  }
}

void XmlTree::Extend(Span& target, uint32_t piece_begin) {
  auto end = static_cast<uint32_t>(arena_.size());
  if (target.size == 0) {
    target = {piece_begin, end - piece_begin};
  } else if (target.begin + target.size == piece_begin) {
    target.size += end - piece_begin;
  } else {  // rare: text resumed after a child element; keep the element's text contiguous
    std::string joined = arena_.substr(target.begin, target.size) + arena_.substr(piece_begin);
    arena_.resize(piece_begin);
    target = {piece_begin, static_cast<uint32_t>(joined.size())};
    arena_ += joined;
  }
}

uint32_t XmlTree::CloseElement() {
  CloseAttribute();
  uint32_t index = stack_.back();
  stack_.pop_back();
  return index;
}

void XmlTree::RepeatElement(uint32_t element, std::span<const Span> texts) {
  uint32_t parent = elements_[element].parent;
  if (parent == kNone) return;
  for (const Span& text : texts) {
    Element copy = elements_[element];
    copy.text = text;
    copy.first_child = copy.last_child = copy.next_sibling = kNone;
    auto index = static_cast<uint32_t>(elements_.size());
    elements_[elements_[parent].last_child].next_sibling = index;
    elements_[parent].last_child = index;
    elements_.push_back(copy);
  }
}

uint32_t XmlTree::Child(uint32_t parent, std::string_view name) const {
  if (parent == kNone) return kNone;
  for (uint32_t c = elements_[parent].first_child; c != kNone; c = elements_[c].next_sibling) {
    if (Text(elements_[c].name) == name) return c;
  }
  return kNone;
}

std::string_view XmlTree::AttributeValue(uint32_t element, std::string_view name) const {
  if (element == kNone) return {};
  const Element& e = elements_[element];
  for (uint32_t i = 0; i < e.attribute_count; ++i) {
    const Attribute& a = attributes_[e.first_attribute + i];
    if (Text(a.name) == name) return Text(a.value);
  }
  return {};
}

void AppendXmlEscaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default:
        out.push_back(c);
    }
  }
}

std::string XmlTree::RenderXml() const {
  std::string out;
  if (elements_.empty()) return out;
  // Iterative walk: element depth is bounded by the decoder, but recursion is not needed.
  struct Frame {
    uint32_t element;
    bool closing;
  };
  std::vector<Frame> todo{{0, false}};
  std::vector<uint32_t> siblings;
  while (!todo.empty()) {
    Frame f = todo.back();
    todo.pop_back();
    const Element& e = elements_[f.element];
    size_t depth = 0;
    for (uint32_t p = e.parent; p != kNone; p = elements_[p].parent) ++depth;
    std::string_view name = Text(e.name);
    if (f.closing) {
      out.append(2 * depth, ' ');
      out += "</";
      out += name;
      out += ">\n";
      continue;
    }
    out.append(2 * depth, ' ');
    out.push_back('<');
    out += name;
    for (uint32_t i = 0; i < e.attribute_count; ++i) {
      const Attribute& a = attributes_[e.first_attribute + i];
      out.push_back(' ');
      out += Text(a.name);
      out += "=\"";
      AppendXmlEscaped(out, Text(a.value), true);
      out.push_back('"');
    }
    if (e.first_child == kNone) {
      if (e.text.size == 0) {
        out += " />\n";
      } else {
        out.push_back('>');
        AppendXmlEscaped(out, Text(e.text), false);
        out += "</";
        out += name;
        out += ">\n";
      }
      continue;
    }
    out += ">\n";
    if (e.text.size != 0) {
      out.append(2 * depth + 2, ' ');
      AppendXmlEscaped(out, Text(e.text), false);
      out.push_back('\n');
    }
    todo.push_back({f.element, true});
    siblings.clear();
    for (uint32_t c = e.first_child; c != kNone; c = elements_[c].next_sibling) siblings.push_back(c);
    for (auto it = siblings.rbegin(); it != siblings.rend(); ++it) todo.push_back({*it, false});
  }
  return out;
}

}  // namespace iochound::evtx
