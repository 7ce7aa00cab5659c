#include "normalizers/windows/text_event_formats.h"

#include <simdjson.h>
#include <string.h>

#include <deque>
#include <functional>

#include "decoders/json_objects.h"
#include "decoders/windows_json/json_event_readers.h"
#include "decoders/windows_xml/event_xml.h"
#include "normalizers/table_schemas.h"
#include "normalizers/windows/windows_event_router.h"
#include "sources/input_buffer.h"
#include "types/datetime.h"

namespace iochound {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// The state one reader of Windows event text keeps between records.
struct EventScratch {
  WindowsEvent event;
  evtx::XmlTree tree;
};

// Reads JSON objects one after another and hands each, parsed, to `route`, which returns what is
// wrong with the record (empty when it was routed). The input streams through a window of whole
// lines, so memory follows the longest record, not the file (exports run to gigabytes).
class JsonEventReader : public TelemetryReader {
 public:
  using Route = std::function<std::string(element, const RecordLocation&, RowSink&, EventScratch&)>;

  JsonEventReader(const InputFile& input, DataErrors& errors, Route route)
      : name_(input.name), input_(OpenInput(input)), objects_({}), errors_(errors), route_(std::move(route)) {
    objects_.SetMoreFollows(true);
  }

  bool Next(RowSink& sink) override {
    JsonObjects::Object object;
    std::string problem;
    while (!objects_.Next(object, problem)) {
      if (!NextWindow()) return false;
    }
    if (!problem.empty()) problem += "; skipped to the next line that starts an object";
    ++records_;
    RecordLocation where{name_, object.line, object.offset};
    if (problem.empty()) {
      element record;
      if (auto error = parser_.parse(object.text).get(record)) {
        problem = std::string("invalid JSON: ") + simdjson::error_message(error) + "; record skipped";
      } else {
        problem = route_(record, where, sink, scratch_);
      }
    }
    if (!problem.empty()) errors_.Report(where, problem);
    return true;
  }

  uint64_t records() const override { return records_; }

 private:
  // Hands the splitter the whole lines after what it consumed, reading more input first; false
  // when the last window is done.
  bool NextWindow() {
    if (last_window_) return false;
    input_.Consume(objects_.consumed());
    bool more = ReadMore();
    const char* last_newline = nullptr;
    while (more && (last_newline = static_cast<const char*>(
                        memrchr(input_.data().data(), '\n', input_.data().size()))) == nullptr) {
      more = ReadMore();
    }
    std::string_view data = input_.data();
    last_window_ = !more;
    objects_.Continue(more ? data.substr(0, static_cast<size_t>(last_newline - data.data()) + 1) : data,
                      more);
    return true;
  }

  // Damage part way (a corrupt compressed stream, a read error) keeps what was read before it.
  bool ReadMore() {
    try {
      return input_.Fill();
    } catch (const std::runtime_error& e) {
      errors_.ReportReadStopped(name_, e.what(), input_.offset() + input_.data().size());
      return false;
    }
  }

  std::string name_;
  InputBuffer input_;
  JsonObjects objects_;
  bool last_window_ = false;
  DataErrors& errors_;
  Route route_;
  simdjson::dom::parser parser_;
  EventScratch scratch_;
  uint64_t records_ = 0;
};

using EventReader = std::string (*)(element, evtx::EvtxEvent&);

JsonEventReader::Route RouteNativeJson(EventReader read) {
  return [read](element record, const RecordLocation& where, RowSink& sink, EventScratch& scratch) {
    std::string problem = read(record, scratch.event);
    if (!problem.empty()) return problem + "; record skipped";
    RouteWindowsEvent(scratch.event, where, sink, BaseTables::kByChannel);
    return problem;
  };
}

// A row of a Sentinel export, every member as exported: the table's columns, and the fields the
// schema lacks (MG, TimeCollected ...) for the sink to keep as extra columns, as --table does.
void AddExportRow(element record, std::string_view table, const RecordLocation& where, RowSink& sink) {
  TableRow row(sink, table, where);
  if (!row.wanted()) return;
  std::deque<std::string> texts;  // stable: the sink may hold the views until Commit()
  for (auto [key, value] : record.get_object()) {
    switch (value.type()) {
      case element_type::NULL_VALUE:
        break;
      case element_type::STRING:
        row.Set(key, std::string_view(value));
        break;
      case element_type::BOOL:
        row.SetBool(key, bool(value));
        break;
      case element_type::OBJECT:
      case element_type::ARRAY:
        row.SetJson(key, texts.emplace_back(simdjson::minify(value)));
        break;
      default:
        row.SetRaw(key, {RawValue::Kind::kNumber, texts.emplace_back(windows_json::ValueText(value))});
    }
  }
  row.Commit();
}

std::string Text(element record, std::string_view key) {
  element value;
  if (record.get_object().at_key(key).get(value)) return {};
  return windows_json::ValueText(value);
}

uint32_t Number(element record, std::string_view key) {
  std::string text = Text(record, key);
  return static_cast<uint32_t>(std::strtoul(text.c_str(), nullptr, 10));
}

// The Sysmon-derived rows of a Sentinel row that carries a Windows event.
std::string RouteSentinelRow(element record, const RecordLocation& where, RowSink& sink,
                             EventScratch& scratch) {
  if (record.type() != element_type::OBJECT) return "not a JSON object; record skipped";
  std::string type = Text(record, "Type");
  if (type != "WindowsEvent" && type != "SecurityEvent" && type != "Event" && type != "Syslog") {
    // A row of another table in the same export: a row of its table as exported, or, for a table
    // without a built-in schema, kept raw rather than dropped.
    if (FindBuiltinSchema(type)) {
      AddExportRow(record, type, where, sink);
    } else {
      std::optional<int64_t> time = ParseDateTime(Text(record, "TimeGenerated"));
      sink.Unmapped(where, "Type '" + type + "': no built-in table", time.value_or(0),
                    simdjson::minify(record));
    }
    return {};
  }
  AddExportRow(record, type, where, sink);
  WindowsEvent& event = scratch.event;
  event = WindowsEvent();
  std::optional<int64_t> generated = ParseDateTime(Text(record, "TimeGenerated"));
  event.time_created_ticks = generated.value_or(0);
  event.computer = Text(record, "Computer");
  event.event_id = Number(record, "EventID");
  if (type == "WindowsEvent") {
    event.provider_name = Text(record, "Provider");
    event.channel = Text(record, "Channel");
    element data;
    std::string data_text = Text(record, "EventData");
    simdjson::dom::parser parser;
    if (!data_text.empty() && !parser.parse(data_text).get(data) && data.type() == element_type::OBJECT) {
      for (auto [key, value] : data.get_object())
        event.data.push_back({std::string(key), windows_json::ValueText(value)});
    }
  } else if (type == "Event") {
    event.provider_name = Text(record, "Source");
    event.channel = Text(record, "EventLog");
    std::string data = Text(record, "EventData");
    if (!data.empty()) {
      std::string problem = windows_xml::ParseEventDataXml(data, scratch.tree, event);
      if (!problem.empty()) return "EventData: " + problem + "; the row is kept, no rows derived from it";
    }
  } else if (type == "Syslog") {
    std::string message = Text(record, "SyslogMessage");
    if (!message.starts_with("<Event")) return {};
    bool truncated = false;
    std::string problem = windows_xml::ParseEventXml(message, scratch.tree, event, &truncated);
    if (!problem.empty() && !truncated) {
      return "SyslogMessage: " + problem + "; the row is kept, no rows derived from it";
    }
    RouteWindowsEvent(event, where, sink, BaseTables::kNone);
    return problem.empty() ? problem : "SyslogMessage: " + problem + "; the fields before the cut are read";
  } else {
    return {};  // Security events derive no other rows
  }
  RouteWindowsEvent(event, where, sink, BaseTables::kNone);
  return {};
}

// The text of the first JSON object of a probe (possibly cut short by the probe's size).
std::string_view FirstObject(std::string_view head) {
  size_t begin = head.find('{');
  if (begin == std::string_view::npos || head.find_first_not_of(" \t\r\n[") != begin) {
    size_t banner = head.find("\n{");  // evtx_dump's "Record 1" line
    if (!head.starts_with("Record ") || banner == std::string_view::npos) return {};
    begin = banner + 1;
  }
  std::string error;
  JsonObjects objects(head.substr(begin));
  JsonObjects::Object object;
  if (objects.Next(object, error) && error.empty()) return object.text;
  return head.substr(begin);
}

bool HasKey(std::string_view object, std::string_view key) {
  return object.find("\"" + std::string(key) + "\"") != std::string_view::npos;
}

int DetectEvtxJson(const FormatProbe& probe) {
  std::string_view object = FirstObject(probe.head);
  return HasKey(object, "Event") && HasKey(object, "System") && HasKey(object, "#attributes") ? 90 : 0;
}

int DetectWinlogbeat(const FormatProbe& probe) {
  std::string_view object = FirstObject(probe.head);
  return HasKey(object, "winlog") && (HasKey(object, "event_id") || HasKey(object, "event_data")) ? 85 : 0;
}

int DetectNxlog(const FormatProbe& probe) {
  std::string_view object = FirstObject(probe.head);
  bool nxlog =
      HasKey(object, "EventID") && (HasKey(object, "SourceName") || HasKey(object, "Channel")) &&
      (HasKey(object, "Hostname") || HasKey(object, "EventTime") || HasKey(object, "SourceModuleType"));
  return nxlog ? 80 : 0;
}

int DetectSentinel(const FormatProbe& probe) {
  std::string_view object = FirstObject(probe.head);
  for (std::string_view type : {"WindowsEvent", "SecurityEvent", "Event"}) {
    for (std::string_view spacing : {"\"Type\":\"", "\"Type\": \""}) {
      if (object.find(std::string(spacing) + std::string(type) + "\"") != std::string_view::npos) return 90;
    }
  }
  // Syslog rows only when they carry event XML (its < as is or JSON-escaped); other Syslog
  // exports are not Windows events.
  bool syslog = object.find("\"Type\":\"Syslog\"") != std::string_view::npos ||
                object.find("\"Type\": \"Syslog\"") != std::string_view::npos;
  bool event = object.find("<Event>") != std::string_view::npos ||
               object.find("\\u003cEvent\\u003e") != std::string_view::npos;
  return syslog && event ? 90 : 0;
}

template <EventReader read>
std::unique_ptr<TelemetryReader> OpenNativeJson(const InputFile& input, DataErrors& errors) {
  return std::make_unique<JsonEventReader>(input, errors, RouteNativeJson(read));
}

std::unique_ptr<TelemetryReader> OpenSentinel(const InputFile& input, DataErrors& errors) {
  return std::make_unique<JsonEventReader>(input, errors, RouteSentinelRow);
}

}  // namespace

std::vector<std::string_view> WindowsEventTables() {
  return {"WindowsEvent",     "SecurityEvent",         "Event",
          "DnsEvents",        "DeviceProcessEvents",   "DeviceNetworkEvents",
          "DeviceFileEvents", "DeviceImageLoadEvents", "DeviceRegistryEvents"};
}

std::vector<TelemetryFormat> JsonWindowsEventFormats() {
  const std::vector<std::string_view> kNativeTables = WindowsEventTables();
  std::vector<std::string_view> sentinel_tables = kNativeTables;
  sentinel_tables.push_back("Syslog");
  return {
      {"evtx-json", "Windows events as evtx_dump JSON (Event.System, Event.EventData, #attributes)",
       kNativeTables, DetectEvtxJson, OpenNativeJson<windows_json::ReadEvtxDumpEvent>},
      {"winlogbeat", "Windows events as Winlogbeat / Elastic Common Schema JSON (winlog.event_data)",
       kNativeTables, DetectWinlogbeat, OpenNativeJson<windows_json::ReadWinlogbeatEvent>},
      {"nxlog-windows",
       "Windows events as NXLog/Logstash flattened JSON (EventID, SourceName, Hostname, ...)", kNativeTables,
       DetectNxlog, OpenNativeJson<windows_json::ReadNxlogEvent>},
      {"sentinel-windows",
       "Sentinel exports of WindowsEvent, SecurityEvent, Event and Syslog (Sysmon for Linux) rows",
       sentinel_tables, DetectSentinel, OpenSentinel},
  };
}

}  // namespace iochound
