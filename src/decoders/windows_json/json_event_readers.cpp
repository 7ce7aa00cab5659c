#include "decoders/windows_json/json_event_readers.h"

#include <charconv>
#include <optional>
#include <unordered_set>

#include "types/datetime.h"

namespace iochound::windows_json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// evtx_dump writes GUID values bare and upper-case; Windows (and the EVTX decoder) write
// {lower-case}. Other texts are left alone.
std::string WindowsGuidForm(std::string text) {
  if (text.size() != 36) return text;
  for (size_t i = 0; i < 36; ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !IsHex(text[i])) return text;
  }
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  return "{" + text + "}";
}

template <typename T>
T ToNumber(const std::string& text) {
  T value{};
  const char* begin = text.data();
  if (text.starts_with("0x") || text.starts_with("0X")) {
    std::from_chars(begin + 2, begin + text.size(), value, 16);
  } else {
    std::from_chars(begin, begin + text.size(), value);
  }
  return value;
}

// An absent member is an empty optional, so lookups chain without checks at every step.
using Node = std::optional<element>;

bool IsObject(const Node& node) {
  return node && node->type() == element_type::OBJECT;
}

Node MemberElement(const Node& value, std::string_view key) {
  element member;
  if (!IsObject(value) || value->get_object().at_key(key).get(member)) return std::nullopt;
  return member;
}

// Member `key` of `value` as text; empty when absent.
std::string Member(const Node& value, std::string_view key) {
  Node member = MemberElement(value, key);
  return member ? ValueText(*member) : std::string();
}

bool Has(const Node& value, std::string_view key) {
  return MemberElement(value, key).has_value();
}

// "#attributes" of an evtx_dump element.
std::string Attribute(const Node& value, std::string_view name) {
  return Member(MemberElement(value, "#attributes"), name);
}

void AddData(evtx::EvtxEvent& event, std::string name, std::string value) {
  event.data.push_back({std::move(name), std::move(value)});
}

// Windows renders Keywords as 0x-prefixed hex; NXLog writes the same 64 bits as a signed decimal.
std::string KeywordsText(element value) {
  if (value.type() == element_type::INT64 || value.type() == element_type::UINT64) {
    uint64_t bits =
        value.type() == element_type::INT64 ? static_cast<uint64_t>(int64_t(value)) : uint64_t(value);
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, bits, 16);
    return "0x" + std::string(buffer, end);
  }
  return ValueText(value);
}

void ReadEvtxDumpData(const Node& data, evtx::EvtxEvent& event) {
  if (!IsObject(data)) return;
  for (auto [key, value] : data->get_object()) {
    if (key == "#attributes") continue;
    if (value.type() == element_type::ARRAY) {  // unnamed <Data> elements
      for (element item : value.get_array())
        AddData(event, std::string(key), WindowsGuidForm(ValueText(item)));
    } else if (value.type() == element_type::OBJECT && Has(value, "#text")) {
      element text = *MemberElement(value, "#text");
      if (text.type() == element_type::ARRAY) {
        for (element item : text.get_array())
          AddData(event, std::string(key), WindowsGuidForm(ValueText(item)));
      } else {
        AddData(event, std::string(key), WindowsGuidForm(ValueText(text)));
      }
    } else {
      AddData(event, std::string(key), WindowsGuidForm(ValueText(value)));
    }
  }
}

// UserData's single child element, flattened as the EVTX extraction flattens it.
void FlattenUserData(element value, evtx::EvtxEvent& event) {
  if (value.type() != element_type::OBJECT) return;
  for (auto [key, member] : value.get_object()) {
    if (key == "#attributes") {
      if (member.type() != element_type::OBJECT) continue;
      for (auto [name, attribute] : member.get_object()) {
        if (name != "xmlns" && !name.starts_with("xmlns:")) {
          AddData(event, std::string(name), WindowsGuidForm(ValueText(attribute)));
        }
      }
    } else if (member.type() == element_type::OBJECT) {
      FlattenUserData(member, event);
    } else {
      AddData(event, std::string(key), WindowsGuidForm(ValueText(member)));
    }
  }
}

void Clear(evtx::EvtxEvent& event) {
  event = evtx::EvtxEvent();
}

int64_t TimeTicks(const std::string& text) {
  std::optional<int64_t> ticks = ParseDateTime(text);
  return ticks ? *ticks : 0;
}

}  // namespace

std::string ValueText(element value) {
  switch (value.type()) {
    case element_type::STRING:
      return std::string(std::string_view(value));
    case element_type::INT64:
      return std::to_string(int64_t(value));
    case element_type::UINT64:
      return std::to_string(uint64_t(value));
    case element_type::BOOL:
      return bool(value) ? "true" : "false";
    case element_type::NULL_VALUE:
      return {};
    default:
      return simdjson::minify(value);
  }
}

std::string ReadEvtxDumpEvent(element record, evtx::EvtxEvent& event) {
  Node root = MemberElement(record, "Event");
  Node system = MemberElement(root, "System");
  if (!IsObject(system)) return "no Event.System object";
  Clear(event);
  Node provider = MemberElement(system, "Provider");
  event.provider_name = Attribute(provider, "Name");
  event.provider_guid = WindowsGuidForm(Attribute(provider, "Guid"));
  event.event_source_name = Attribute(provider, "EventSourceName");
  Node event_id = MemberElement(system, "EventID");
  if (IsObject(event_id)) {
    event.event_id = ToNumber<uint32_t>(Member(event_id, "#text"));
    std::string qualifiers = Attribute(event_id, "Qualifiers");
    if (!qualifiers.empty()) event.qualifiers = ToNumber<uint32_t>(qualifiers);
  } else {
    event.event_id = ToNumber<uint32_t>(Member(system, "EventID"));
  }
  event.version = ToNumber<uint32_t>(Member(system, "Version"));
  event.level = ToNumber<uint32_t>(Member(system, "Level"));
  event.task = ToNumber<uint32_t>(Member(system, "Task"));
  event.opcode = ToNumber<uint32_t>(Member(system, "Opcode"));
  event.keywords = Member(system, "Keywords");
  event.time_created_ticks = TimeTicks(Attribute(MemberElement(system, "TimeCreated"), "SystemTime"));
  event.event_record_id = ToNumber<uint64_t>(Member(system, "EventRecordID"));
  event.record_id = event.event_record_id;
  Node correlation = MemberElement(system, "Correlation");
  event.activity_id = WindowsGuidForm(Attribute(correlation, "ActivityID"));
  event.related_activity_id = WindowsGuidForm(Attribute(correlation, "RelatedActivityID"));
  Node execution = MemberElement(system, "Execution");
  event.process_id = ToNumber<uint32_t>(Attribute(execution, "ProcessID"));
  event.thread_id = ToNumber<uint32_t>(Attribute(execution, "ThreadID"));
  event.channel = Member(system, "Channel");
  event.computer = Member(system, "Computer");
  event.user_id = Attribute(MemberElement(system, "Security"), "UserID");
  if (Has(root, "EventData")) {
    ReadEvtxDumpData(MemberElement(root, "EventData"), event);
  } else if (Node user = MemberElement(root, "UserData"); IsObject(user)) {
    for (auto [key, child] : user->get_object()) {
      event.user_data_element = std::string(key);
      FlattenUserData(child, event);
      break;
    }
  }
  return {};
}

std::string ReadWinlogbeatEvent(element record, evtx::EvtxEvent& event) {
  Node winlog = MemberElement(record, "winlog");
  if (!IsObject(winlog)) return "no winlog object";
  Clear(event);
  event.provider_name = Member(winlog, "provider_name");
  event.provider_guid = Member(winlog, "provider_guid");
  std::string event_id = Member(winlog, "event_id");
  if (event_id.empty()) event_id = Member(MemberElement(record, "event"), "code");
  event.event_id = ToNumber<uint32_t>(event_id);
  event.version = ToNumber<uint32_t>(Member(winlog, "version"));
  // Winlogbeat renders level, task and opcode as their display names; the numbers are lost.
  std::string level = Member(MemberElement(record, "log"), "level");
  event.level = level == "critical"  ? 1
                : level == "error"   ? 2
                : level == "warning" ? 3
                : level == "verbose" ? 5
                                     : 4;
  event.event_record_id = ToNumber<uint64_t>(Member(winlog, "record_id"));
  event.record_id = event.event_record_id;
  Node process = MemberElement(winlog, "process");
  event.process_id = ToNumber<uint32_t>(Member(process, "pid"));
  event.thread_id = ToNumber<uint32_t>(Member(MemberElement(process, "thread"), "id"));
  event.channel = Member(winlog, "channel");
  event.computer = Member(winlog, "computer_name");
  event.user_id = Member(MemberElement(winlog, "user"), "identifier");
  event.activity_id = Member(winlog, "activity_id");
  event.related_activity_id = Member(winlog, "related_activity_id");
  std::string created = Member(MemberElement(record, "event"), "created");
  std::string timestamp = Member(record, "@timestamp");
  event.time_created_ticks = TimeTicks(timestamp.empty() ? created : timestamp);
  Node data = MemberElement(winlog, "event_data");
  if (!IsObject(data)) {
    data = MemberElement(winlog, "user_data");
    if (IsObject(data)) event.user_data_element = "UserData";
  }
  if (IsObject(data)) {
    for (auto [key, value] : data->get_object()) {
      if (value.type() == element_type::ARRAY) {
        for (element item : value.get_array()) AddData(event, std::string(key), ValueText(item));
      } else {
        AddData(event, std::string(key), ValueText(value));
      }
    }
  }
  return {};
}

std::string ReadNxlogEvent(element record, evtx::EvtxEvent& event) {
  if (record.type() != element_type::OBJECT) return "not a JSON object";
  // What NXLog (im_msvistalog), its JSON output and Logstash add around the event's own data
  // (https://docs.nxlog.co/refman/current/im/msvistalog.html#fields).
  static const std::unordered_set<std::string_view> kEnvelope = {"@timestamp",
                                                                 "@version",
                                                                 "AccountName",
                                                                 "AccountType",
                                                                 "ActivityID",
                                                                 "Category",
                                                                 "Channel",
                                                                 "Domain",
                                                                 "ERROR_EVT_UNRESOLVED",
                                                                 "EventID",
                                                                 "EventReceivedTime",
                                                                 "EventTime",
                                                                 "EventType",
                                                                 "ExecutionProcessID",
                                                                 "ExecutionThreadID",
                                                                 "Hostname",
                                                                 "Keywords",
                                                                 "Level",
                                                                 "Message",
                                                                 "Opcode",
                                                                 "OpcodeValue",
                                                                 "ProcessID",
                                                                 "ProviderGuid",
                                                                 "RecordNumber",
                                                                 "RelatedActivityID",
                                                                 "Severity",
                                                                 "SeverityValue",
                                                                 "SourceModuleName",
                                                                 "SourceModuleType",
                                                                 "SourceName",
                                                                 "Task",
                                                                 "ThreadID",
                                                                 "TimeCreated",
                                                                 "UserID",
                                                                 "Version",
                                                                 "host",
                                                                 "port",
                                                                 "tags",
                                                                 "type",
                                                                 "EventRecordID"};
  Clear(event);
  event.provider_name = Member(record, "SourceName");
  event.provider_guid = Member(record, "ProviderGuid");
  for (char& c : event.provider_guid) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
  event.event_id = ToNumber<uint32_t>(Member(record, "EventID"));
  event.version = ToNumber<uint32_t>(Member(record, "Version"));
  std::string level = Member(record, "Level");
  event.level = level.empty() ? 4 : ToNumber<uint32_t>(level);
  event.task = ToNumber<uint32_t>(Member(record, "Task"));
  event.opcode = ToNumber<uint32_t>(Member(record, "OpcodeValue"));
  Node keywords = MemberElement(record, "Keywords");
  event.keywords = keywords ? KeywordsText(*keywords) : std::string();
  std::string record_number = Member(record, "RecordNumber");
  if (record_number.empty()) record_number = Member(record, "EventRecordID");
  event.event_record_id = ToNumber<uint64_t>(record_number);
  event.record_id = event.event_record_id;
  std::string pid = Member(record, "ExecutionProcessID");
  event.process_id = ToNumber<uint32_t>(pid.empty() ? Member(record, "ProcessID") : pid);
  std::string tid = Member(record, "ExecutionThreadID");
  event.thread_id = ToNumber<uint32_t>(tid.empty() ? Member(record, "ThreadID") : tid);
  event.channel = Member(record, "Channel");
  event.computer = Member(record, "Hostname");
  event.user_id = Member(record, "UserID");
  event.activity_id = Member(record, "ActivityID");
  event.related_activity_id = Member(record, "RelatedActivityID");
  // Both are host-local time on OTRF's hosts despite the Z: Sysmon's UtcTime is the UTC one.
  for (std::string_view key : {"TimeCreated", "@timestamp", "EventTime"}) {
    if (int64_t ticks = TimeTicks(Member(record, key)); ticks != 0) {
      event.time_created_ticks = ticks;
      break;
    }
  }
  for (auto [key, value] : record.get_object()) {
    if (!kEnvelope.count(key)) AddData(event, std::string(key), ValueText(value));
  }
  return {};
}

}  // namespace iochound::windows_json
