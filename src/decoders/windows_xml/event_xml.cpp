#include "decoders/windows_xml/event_xml.h"

#include <charconv>

#include "common/utf8.h"

namespace iochound::windows_xml {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool IsNameChar(char c) {
  return !IsSpace(c) && c != '>' && c != '/' && c != '=' && c != '<' && c != '"' && c != '\'';
}

class Parser {
 public:
  Parser(std::string_view xml, evtx::XmlTree& tree) : xml_(xml), tree_(tree) {}

  bool truncated() const { return truncated_; }

  std::string Run() {
    tree_.Clear();
    try {
      SkipProlog();
      if (pos_ >= xml_.size() || xml_[pos_] != '<') return Problem("no element");
      ParseElement();
    } catch (const std::string& problem) {
      return problem;
    }
    return {};
  }

 private:
  [[noreturn]] void Fail(std::string what) { throw Problem(std::move(what)); }
  std::string Problem(std::string what) const { return what + " at byte " + std::to_string(pos_); }

  void SkipSpace() {
    while (pos_ < xml_.size() && IsSpace(xml_[pos_])) ++pos_;
  }

  bool StartsWith(std::string_view s) const { return xml_.substr(pos_).starts_with(s); }

  void SkipPast(std::string_view end, std::string_view what) {
    size_t found = xml_.find(end, pos_);
    if (found == std::string_view::npos) Fail("unterminated " + std::string(what));
    pos_ = found + end.size();
  }

  // Declarations, processing instructions, comments and whitespace before the element.
  void SkipProlog() {
    for (;;) {
      SkipSpace();
      if (StartsWith("<?")) {
        SkipPast("?>", "declaration");
      } else if (StartsWith("<!--")) {
        SkipPast("-->", "comment");
      } else if (StartsWith("<!")) {
        SkipPast(">", "declaration");
      } else {
        return;
      }
    }
  }

  std::string_view Name() {
    size_t begin = pos_;
    while (pos_ < xml_.size() && IsNameChar(xml_[pos_])) ++pos_;
    if (pos_ == begin) Fail("expected a name");
    return xml_.substr(begin, pos_ - begin);
  }

  // Appends `text` to the arena with its entity and character references replaced.
  void AppendDecoded(std::string_view text) {
    std::string& out = tree_.arena();
    size_t i = 0;
    while (i < text.size()) {
      size_t amp = text.find('&', i);
      out.append(text.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i));
      if (amp == std::string_view::npos) return;
      size_t semi = text.find(';', amp);
      if (semi == std::string_view::npos || semi - amp > 12) {
        out += '&';  // a bare ampersand, as lenient renderers leave them
        i = amp + 1;
        continue;
      }
      std::string_view entity = text.substr(amp + 1, semi - amp - 1);
      i = semi + 1;
      if (entity == "amp")
        out += '&';
      else if (entity == "lt")
        out += '<';
      else if (entity == "gt")
        out += '>';
      else if (entity == "quot")
        out += '"';
      else if (entity == "apos")
        out += '\'';
      else if (entity.starts_with('#') && entity.size() > 1) {
        bool hex = entity[1] == 'x' || entity[1] == 'X';
        std::string_view digits = entity.substr(hex ? 2 : 1);
        uint32_t cp = 0;
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
        if (ec != std::errc() || ptr != digits.data() + digits.size()) {
          out.append(text.substr(amp, semi + 1 - amp));
        } else {
          AppendUtf8(out, cp);
        }
      } else {
        out.append(text.substr(amp, semi + 1 - amp));
      }
    }
  }

  void AddText(std::string_view raw) {
    uint32_t piece = tree_.BeginPiece();
    AppendDecoded(raw);
    tree_.EndPiece(piece);
  }

  void ParseAttributes() {
    for (;;) {
      SkipSpace();
      if (pos_ >= xml_.size()) Fail("unterminated start tag");
      if (xml_[pos_] == '>' || xml_[pos_] == '/') return;
      uint32_t name_begin = static_cast<uint32_t>(tree_.arena().size());
      tree_.arena() += Name();
      SkipSpace();
      if (pos_ >= xml_.size() || xml_[pos_] != '=') Fail("expected = after an attribute name");
      ++pos_;
      SkipSpace();
      if (pos_ >= xml_.size() || (xml_[pos_] != '"' && xml_[pos_] != '\'')) Fail("expected a quoted value");
      char quote = xml_[pos_++];
      size_t end = xml_.find(quote, pos_);
      if (end == std::string_view::npos) Fail("unterminated attribute value");
      tree_.OpenAttribute(name_begin);
      AddText(xml_.substr(pos_, end - pos_));
      tree_.CloseAttribute();
      pos_ = end + 1;
    }
  }

  // Parses from '<' of a start tag to the end of its element. Iterative, so deep nesting in
  // hostile input costs no stack.
  void ParseElement() {
    size_t depth = 0;
    do {
      if (xml_[pos_] != '<') Fail("expected an element");
      ++pos_;
      uint32_t name_begin = static_cast<uint32_t>(tree_.arena().size());
      tree_.arena() += Name();
      tree_.OpenElement(name_begin);
      ParseAttributes();
      if (xml_[pos_] == '/') {
        if (!StartsWith("/>")) Fail("expected />");
        pos_ += 2;
        tree_.CloseElement();
      } else {
        ++pos_;
        ++depth;
      }
      // Content until the next start tag (a child) or until the open elements are closed.
      while (depth > 0) {
        size_t lt = xml_.find('<', pos_);
        if (lt == std::string_view::npos) {
          // Cut short (syslog truncates long messages): keep what was read, closed, and say so.
          AddText(xml_.substr(pos_));
          pos_ = xml_.size();
          std::string open = std::string(tree_.Text(tree_.elements()[tree_.open_element()].name));
          while (tree_.depth() > 0) tree_.CloseElement();
          truncated_ = true;
          Fail("truncated: <" + open + "> is not closed");
        }
        std::string_view text = xml_.substr(pos_, lt - pos_);
        pos_ = lt;
        bool closing = StartsWith("</");
        const auto& open = tree_.elements()[tree_.open_element()];
        bool indentation = text.find_first_not_of(" \t\r\n") == std::string_view::npos &&
                           (!closing || open.first_child != evtx::XmlTree::kNone);
        if (!text.empty() && !indentation) AddText(text);
        if (StartsWith("<!--")) {
          SkipPast("-->", "comment");
        } else if (StartsWith("<![CDATA[")) {
          size_t end = xml_.find("]]>", pos_);
          if (end == std::string_view::npos) Fail("unterminated CDATA");
          uint32_t piece = tree_.BeginPiece();
          tree_.arena() += xml_.substr(pos_ + 9, end - pos_ - 9);
          tree_.EndPiece(piece);
          pos_ = end + 3;
        } else if (closing) {
          pos_ += 2;
          std::string_view name = Name();
          std::string_view expected = tree_.Text(open.name);
          if (name != expected) Fail("</" + std::string(name) + "> closes <" + std::string(expected) + ">");
          SkipSpace();
          if (pos_ >= xml_.size() || xml_[pos_] != '>') Fail("expected >");
          ++pos_;
          tree_.CloseElement();
          --depth;
        } else {
          break;  // a child element: parsed by the outer loop
        }
      }
    } while (depth > 0);
  }

  std::string_view xml_;
  evtx::XmlTree& tree_;
  size_t pos_ = 0;
  bool truncated_ = false;
};

}  // namespace

std::string ParseXmlElement(std::string_view xml, evtx::XmlTree& tree, bool* truncated) {
  Parser parser(xml, tree);
  std::string problem = parser.Run();
  if (truncated) *truncated = parser.truncated();
  return problem;
}

std::string ParseEventXml(std::string_view xml, evtx::XmlTree& tree, evtx::EvtxEvent& event,
                          bool* truncated) {
  bool cut = false;
  std::string problem = ParseXmlElement(xml, tree, &cut);
  if (truncated) *truncated = cut;
  if (!problem.empty() && !cut) return problem;
  if (tree.Text(tree.elements()[tree.root()].name) != "Event") return "the root element is not <Event>";
  event.written_ticks = 0;
  evtx::ExtractEvent(tree, event);
  event.record_id = event.event_record_id;
  return problem;
}

std::string ParseEventDataXml(std::string_view xml, evtx::XmlTree& tree, evtx::EvtxEvent& event) {
  std::string problem = ParseXmlElement(xml, tree);
  if (!problem.empty()) return problem;
  uint32_t root = tree.root();
  std::string_view name = tree.Text(tree.elements()[root].name);
  if (name == "DataItem") {
    root = tree.elements()[root].first_child;
    if (root == evtx::XmlTree::kNone) return "empty <DataItem>";
    name = tree.Text(tree.elements()[root].name);
  }
  if (name != "EventData" && name != "UserData")
    return "expected <EventData> or <UserData>, not <" + std::string(name) + ">";
  evtx::ExtractEventData(tree, root, event);
  return {};
}

}  // namespace iochound::windows_xml
