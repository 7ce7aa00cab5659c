#include "decoders/evtx/evtx_event.h"

#include <charconv>

#include "types/datetime.h"

namespace iochound::evtx {
namespace {

template <typename T>
T ParseNumber(std::string_view text) {
  T v{};
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

class Extractor {
 public:
  Extractor(const XmlTree& tree, EvtxEvent& event) : tree_(tree), event_(event) {}

  void Run() {
    uint32_t root = tree_.root();
    ReadSystem(tree_.Child(root, "System"));
    uint32_t data = tree_.Child(root, "EventData");
    if (data == XmlTree::kNone) data = tree_.Child(root, "UserData");
    if (data == XmlTree::kNone) data = tree_.Child(root, "ProcessingErrorData");
    RunData(data);
  }

  void RunData(uint32_t data) {
    count_ = 0;
    event_.user_data_element.clear();
    if (data != XmlTree::kNone) {
      std::string_view name = Name(data);
      if (name == "EventData") {
        ReadEventData(data);
      } else if (name == "UserData") {
        ReadUserData(data);
      } else {
        Flatten(data);
      }
    }
    event_.data.resize(count_);
  }

 private:
  std::string_view Text(uint32_t element) const {
    return element == XmlTree::kNone ? std::string_view() : tree_.Text(tree_.elements()[element].text);
  }
  std::string_view Name(uint32_t element) const { return tree_.Text(tree_.elements()[element].name); }

  void ReadSystem(uint32_t system) {
    uint32_t provider = tree_.Child(system, "Provider");
    event_.provider_name = tree_.AttributeValue(provider, "Name");
    event_.provider_guid = tree_.AttributeValue(provider, "Guid");
    event_.event_source_name = tree_.AttributeValue(provider, "EventSourceName");
    uint32_t event_id = tree_.Child(system, "EventID");
    event_.event_id = ParseNumber<uint32_t>(Text(event_id));
    std::string_view qualifiers = tree_.AttributeValue(event_id, "Qualifiers");
    event_.qualifiers = qualifiers.empty() ? std::nullopt : std::optional(ParseNumber<uint32_t>(qualifiers));
    event_.version = ParseNumber<uint32_t>(Text(tree_.Child(system, "Version")));
    event_.level = ParseNumber<uint32_t>(Text(tree_.Child(system, "Level")));
    event_.task = ParseNumber<uint32_t>(Text(tree_.Child(system, "Task")));
    event_.opcode = ParseNumber<uint32_t>(Text(tree_.Child(system, "Opcode")));
    event_.keywords = Text(tree_.Child(system, "Keywords"));
    std::optional<int64_t> created =
        ParseDateTime(tree_.AttributeValue(tree_.Child(system, "TimeCreated"), "SystemTime"));
    event_.time_created_ticks = created ? *created : event_.written_ticks;
    event_.event_record_id = ParseNumber<uint64_t>(Text(tree_.Child(system, "EventRecordID")));
    uint32_t correlation = tree_.Child(system, "Correlation");
    event_.activity_id = tree_.AttributeValue(correlation, "ActivityID");
    event_.related_activity_id = tree_.AttributeValue(correlation, "RelatedActivityID");
    uint32_t execution = tree_.Child(system, "Execution");
    event_.process_id = ParseNumber<uint32_t>(tree_.AttributeValue(execution, "ProcessID"));
    event_.thread_id = ParseNumber<uint32_t>(tree_.AttributeValue(execution, "ThreadID"));
    event_.channel = Text(tree_.Child(system, "Channel"));
    event_.computer = Text(tree_.Child(system, "Computer"));
    event_.user_id = tree_.AttributeValue(tree_.Child(system, "Security"), "UserID");
  }

  void Add(std::string_view name, std::string_view value) {
    if (count_ == event_.data.size()) event_.data.emplace_back();
    EvtxDataField& field = event_.data[count_++];
    field.name = name;
    field.value = value;
  }

  void ReadEventData(uint32_t data) {
    const auto& elements = tree_.elements();
    for (uint32_t c = elements[data].first_child; c != XmlTree::kNone; c = elements[c].next_sibling) {
      std::string_view name = Name(c);
      if (name == "Data") {
        std::string_view data_name = tree_.AttributeValue(c, "Name");
        Add(data_name.empty() ? "Data" : data_name, Text(c));
      } else {
        Add(name, Text(c));
      }
    }
  }

  void ReadUserData(uint32_t user) {
    uint32_t child = tree_.elements()[user].first_child;
    if (child == XmlTree::kNone) return;
    event_.user_data_element = Name(child);
    Flatten(child);
  }

  // Lists the attributes of `element` and its descendants, and the texts of those without child
  // elements, in document order. Iterative: nesting is bounded by the decoder but need not cost stack.
  void Flatten(uint32_t top) {
    const auto& elements = tree_.elements();
    uint32_t e = top;
    while (e != XmlTree::kNone) {
      const XmlTree::Element& element = elements[e];
      for (uint32_t i = 0; i < element.attribute_count; ++i) {
        const XmlTree::Attribute& a = tree_.attributes()[element.first_attribute + i];
        std::string_view name = tree_.Text(a.name);
        if (name != "xmlns" && !name.starts_with("xmlns:")) Add(name, tree_.Text(a.value));
      }
      if (e != top && element.first_child == XmlTree::kNone) Add(Name(e), Text(e));
      // Next in document order, staying under `top`.
      if (element.first_child != XmlTree::kNone) {
        e = element.first_child;
        continue;
      }
      while (e != top && elements[e].next_sibling == XmlTree::kNone) e = elements[e].parent;
      e = e == top ? XmlTree::kNone : elements[e].next_sibling;
    }
  }

  const XmlTree& tree_;
  EvtxEvent& event_;
  size_t count_ = 0;
};

}  // namespace

void ExtractEvent(const XmlTree& tree, EvtxEvent& event) {
  Extractor(tree, event).Run();
}

void ExtractEventData(const XmlTree& tree, uint32_t element, EvtxEvent& event) {
  Extractor(tree, event).RunData(element);
}

}  // namespace iochound::evtx
