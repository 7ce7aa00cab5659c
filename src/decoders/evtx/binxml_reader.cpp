#include "decoders/evtx/binxml_reader.h"

#include <string>

#include "common/utf8.h"
#include "decoders/evtx/evtx_values.h"

namespace iochound::evtx {
namespace {

// Token types (libyal, "Token types"); 0x40 on some of them means "has attributes" (element
// start) or "more data follows" (value, attribute, CDATA, references), which needs no action here.
enum Token : uint8_t {
  kEndOfFile = 0x00,
  kOpenStartElement = 0x01,
  kCloseStartElement = 0x02,
  kCloseEmptyElement = 0x03,
  kEndElement = 0x04,
  kValue = 0x05,
  kAttribute = 0x06,
  kCDataSection = 0x07,
  kCharRef = 0x08,
  kEntityRef = 0x09,
  kPITarget = 0x0a,
  kPIData = 0x0b,
  kTemplateInstance = 0x0c,
  kNormalSubstitution = 0x0d,
  kOptionalSubstitution = 0x0e,
  kFragmentHeader = 0x0f,
};
constexpr uint8_t kMoreFlag = 0x40;

// Real events nest a template in a BinXML value in a template at most a few levels deep, and
// elements a dozen; the limits are far above that and far below stack or memory trouble.
constexpr int kMaxNesting = 16;
constexpr size_t kMaxElementDepth = 128;
// Tokens evaluated and text produced per record: a 64 KiB chunk cannot legitimately need more.
constexpr size_t kTokenBudget = size_t{1} << 20;
constexpr size_t kMaxRecordText = size_t{16} << 20;

const char* EntityText(std::string_view name) {
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "amp") return "&";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  return nullptr;
}

}  // namespace

void BinXmlReader::ReadRecord(std::span<const uint8_t> chunk, uint32_t begin, uint32_t end, XmlTree& tree) {
  chunk_ = chunk;
  tree_ = &tree;
  tree.Clear();
  values_.clear();
  repeat_texts_.clear();
  pending_repeats_.clear();
  budget_ = kTokenBudget;
  Cursor c(chunk, begin, end);
  ReadTokens(c, Context{false, 0, 0, 0});
  if (tree.elements().empty()) throw FormatError("record holds no element");
}

void BinXmlReader::ReadTokens(Cursor& c, const Context& ctx) {
  XmlTree& tree = *tree_;
  const size_t base_depth = tree.depth();
  while (!c.at_end()) {
    if (--budget_ == 0 || tree.arena().size() > kMaxRecordText) {
      throw FormatError("record expands past the decoder's limits (template loop?)");
    }
    uint8_t token = c.U8();
    switch (token & ~kMoreFlag) {
      case kEndOfFile:
        // A fragment may end with elements still open only when it is corrupt; close them so the
        // caller's elements stay balanced.
        while (tree.depth() > base_depth) CloseElement(base_depth);
        return;
      case kOpenStartElement:
        OpenElement(c, ctx, (token & kMoreFlag) != 0);
        break;
      case kCloseStartElement:
        tree.CloseAttribute();
        break;
      case kCloseEmptyElement:
      case kEndElement:
        CloseElement(base_depth);
        break;
      case kValue: {
        uint8_t type = c.U8();
        // MS-EVEN6: value text is always a string (a substitution carries every other type).
        if (type != kStringType) throw FormatError("value token of type " + std::to_string(type));
        ReadUtf16Piece(c);
        break;
      }
      case kAttribute: {
        if (tree.depth() <= base_depth) throw FormatError("attribute outside an element");
        tree.CloseAttribute();
        uint32_t name_begin = static_cast<uint32_t>(tree.arena().size());
        ReadName(c);
        tree.OpenAttribute(name_begin);
        break;
      }
      case kCDataSection:
        ReadUtf16Piece(c);
        break;
      case kCharRef: {
        uint32_t piece = tree.BeginPiece();
        AppendUtf8(tree.arena(), c.U16());
        tree.EndPiece(piece);
        break;
      }
      case kEntityRef: {
        uint32_t name_begin = static_cast<uint32_t>(tree.arena().size());
        ReadName(c);
        std::string name = tree.arena().substr(name_begin);
        tree.arena().resize(name_begin);
        uint32_t piece = tree.BeginPiece();
        if (const char* text = EntityText(name)) {
          tree.arena() += text;
        } else {  // an entity Windows would not expand either: keep the reference as written
          tree.arena() += "&" + name + ";";
        }
        tree.EndPiece(piece);
        break;
      }
      case kPITarget: {  // processing instructions carry no event data
        uint32_t name_begin = static_cast<uint32_t>(tree.arena().size());
        ReadName(c);
        tree.arena().resize(name_begin);
        break;
      }
      case kPIData:
        c.Skip(2 * uint32_t{c.U16()});
        break;
      case kTemplateInstance:
        ReadTemplateInstance(c, ctx);
        break;
      case kNormalSubstitution:
      case kOptionalSubstitution: {
        uint16_t index = c.U16();
        c.U8();  // the declared type; the instance's value descriptor is authoritative
        Substitute(ctx, index);
        break;
      }
      case kFragmentHeader:
        c.Skip(3);  // major and minor version, flags
        break;
      default:
        throw FormatError("unknown BinXML token " + std::to_string(token) + " at chunk offset " +
                          std::to_string(c.pos() - 1));
    }
  }
  while (tree.depth() > base_depth) CloseElement(base_depth);
}

void BinXmlReader::OpenElement(Cursor& c, const Context& ctx, bool has_attributes) {
  XmlTree& tree = *tree_;
  if (tree.in_attribute()) throw FormatError("element inside an attribute value");
  if (tree.depth() >= kMaxElementDepth) throw FormatError("elements nested too deeply");
  if (ctx.in_template) c.U16();  // dependency identifier
  c.U32();                       // data size: the tokens are walked instead
  uint32_t name_begin = static_cast<uint32_t>(tree.arena().size());
  ReadName(c);
  tree.OpenElement(name_begin);
  if (has_attributes) c.U32();  // attribute list size
}

void BinXmlReader::CloseElement(size_t base_depth) {
  XmlTree& tree = *tree_;
  if (tree.depth() <= base_depth) throw FormatError("end of an element that was not opened");
  uint32_t element = tree.CloseElement();
  if (!pending_repeats_.empty() && pending_repeats_.back().element == element) {
    size_t begin = pending_repeats_.back().texts_begin;
    tree.RepeatElement(element, std::span(repeat_texts_).subspan(begin));
    repeat_texts_.resize(begin);
    pending_repeats_.pop_back();
  }
}

void BinXmlReader::ReadName(Cursor& c) {
  // Name (libyal, "Name"): 4 unknown bytes, 2-byte hash, 2-byte character count, UTF-16LE
  // characters and a terminator. Names are stored once per chunk and referenced by offset; the
  // first use stores it inline, right after the offset.
  uint32_t offset = c.U32();
  Cursor name(chunk_, offset, static_cast<uint32_t>(chunk_.size()));
  name.Skip(6);
  uint16_t chars = name.U16();
  const uint8_t* text = name.Bytes(2 * uint32_t{chars});
  name.Skip(2);
  if (offset == c.pos()) c.Skip(name.pos() - offset);
  AppendUtf16(tree_->arena(), text, chars);
}

void BinXmlReader::ReadUtf16Piece(Cursor& c) {
  uint16_t chars = c.U16();
  const uint8_t* text = c.Bytes(2 * uint32_t{chars});
  uint32_t piece = tree_->BeginPiece();
  AppendUtf16(tree_->arena(), text, chars);
  tree_->EndPiece(piece);
}

void BinXmlReader::ReadTemplateInstance(Cursor& c, const Context& ctx) {
  if (ctx.nesting >= kMaxNesting) throw FormatError("templates nested too deeply");
  // Template instance (libyal, "Template instance" and "Template definition"): unknown byte,
  // template identifier, offset of the definition. The definition (next-definition offset, GUID,
  // data size, then the template's BinXML) is inline when this record introduced it.
  c.U8();
  c.U32();
  uint32_t definition = c.U32();
  uint32_t body_begin;
  uint32_t body_size;
  if (definition == c.pos()) {
    c.Skip(20);
    body_size = c.U32();
    body_begin = c.pos();
    c.Skip(body_size);
  } else {
    Cursor d(chunk_, definition, static_cast<uint32_t>(chunk_.size()));
    d.Skip(20);
    body_size = d.U32();
    body_begin = d.pos();
    d.Skip(body_size);
  }
  // Template instance data: value count, (size, type, unused) descriptors, then the values.
  uint32_t count = c.U32();
  if (count > c.remaining() / 4) throw FormatError("template instance declares more values than it holds");
  size_t values_begin = values_.size();
  for (uint32_t i = 0; i < count; ++i) {
    uint16_t size = c.U16();
    uint8_t type = c.U8();
    c.U8();
    values_.push_back({0, size, type});
  }
  for (uint32_t i = 0; i < count; ++i) {
    Value& v = values_[values_begin + i];
    v.offset = c.pos();
    c.Skip(v.size);
  }
  Cursor body(chunk_, body_begin, body_begin + body_size);
  ReadTokens(body, Context{true, values_begin, count, ctx.nesting + 1});
  values_.resize(values_begin);
}

void BinXmlReader::Substitute(const Context& ctx, uint16_t index) {
  // A substitution the instance does not supply renders as NULL would: nothing.
  if (index >= ctx.values_count) return;
  const Value v = values_[ctx.values_begin + index];
  XmlTree& tree = *tree_;
  if (v.type == kNullType || v.size == 0) return;
  if (v.type == kBinXmlType) {
    if (tree.in_attribute()) throw FormatError("BinXML value inside an attribute");
    if (ctx.nesting >= kMaxNesting) throw FormatError("BinXML values nested too deeply");
    Cursor nested(chunk_, v.offset, v.offset + v.size);
    ReadTokens(nested, Context{false, 0, 0, ctx.nesting + 1});
    return;
  }
  if (v.type & kArrayFlag) return SubstituteArray(v);
  uint32_t piece = tree.BeginPiece();
  AppendValueText(tree.arena(), v.type, chunk_.subspan(v.offset, v.size));
  tree.EndPiece(piece);
}

void BinXmlReader::SubstituteArray(const Value& v) {
  XmlTree& tree = *tree_;
  SplitArray(v.type, chunk_.subspan(v.offset, v.size), array_items_);
  uint8_t item_type = v.type & ~kArrayFlag;
  uint32_t element = tree.open_element();
  bool repeat = !tree.in_attribute() && element != XmlTree::kNone && array_items_.size() > 1 &&
                tree.elements()[element].first_child == XmlTree::kNone;
  for (size_t i = 0; i < array_items_.size(); ++i) {
    uint32_t piece = tree.BeginPiece();
    if (i > 0 && !repeat) tree.arena().push_back(',');  // no element to repeat: list the items
    AppendValueText(tree.arena(), item_type, array_items_[i]);
    if (i == 0 || !repeat) {
      tree.EndPiece(piece);
    } else {
      if (i == 1) pending_repeats_.push_back({element, repeat_texts_.size()});
      repeat_texts_.push_back({piece, static_cast<uint32_t>(tree.arena().size()) - piece});
    }
  }
}

}  // namespace iochound::evtx
