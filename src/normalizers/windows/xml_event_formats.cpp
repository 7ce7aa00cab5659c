#include <string>

#include "decoders/windows_xml/event_xml.h"
#include "normalizers/windows/text_event_formats.h"
#include "normalizers/windows/windows_event_router.h"
#include "sources/whole_input.h"

namespace iochound {
namespace {

// The offset of the next <Event> start tag at or after `from` (not <Events>, <EventData> ...).
size_t FindEventStart(std::string_view text, size_t from) {
  for (size_t at = text.find("<Event", from); at != std::string_view::npos;
       at = text.find("<Event", at + 1)) {
    size_t next = at + 6;
    if (next < text.size() && (text[next] == '>' || text[next] == ' ' || text[next] == '\t' ||
                               text[next] == '\r' || text[next] == '\n')) {
      return at;
    }
  }
  return std::string_view::npos;
}

// Event XML documents: <Events><Event ...>...</Event>...</Events> as wevtutil writes them, or
// events one per line.
class XmlEventReader : public TelemetryReader {
 public:
  XmlEventReader(const InputFile& input, DataErrors& errors)
      : name_(input.name), text_(ReadIntactInput(input, errors)), errors_(errors) {}

  bool Next(RowSink& sink) override {
    size_t begin = FindEventStart(text_, pos_);
    if (begin == std::string::npos) return false;
    CountLinesTo(begin);
    RecordLocation where{name_, line_, begin};
    ++records_;
    size_t end = text_.find("</Event>", begin);
    if (end == std::string::npos) {
      errors_.Report(where, "<Event> without </Event>; record skipped");
      pos_ = text_.size();
      return true;
    }
    end += 8;
    pos_ = end;
    std::string problem =
        windows_xml::ParseEventXml(std::string_view(text_).substr(begin, end - begin), tree_, event_);
    if (problem.empty()) {
      RouteWindowsEvent(event_, where, sink, BaseTables::kByChannel);
    } else {
      errors_.Report(where, "event XML: " + problem + "; record skipped");
    }
    return true;
  }

  uint64_t records() const override { return records_; }

 private:
  void CountLinesTo(size_t offset) {
    for (; counted_ < offset; ++counted_) line_ += text_[counted_] == '\n';
  }

  std::string name_;
  std::string text_;
  DataErrors& errors_;
  size_t pos_ = 0;
  size_t counted_ = 0;
  uint64_t line_ = 1;
  uint64_t records_ = 0;
  evtx::XmlTree tree_;
  WindowsEvent event_;
};

// Syslog lines, some carrying an event as XML (Sysmon for Linux logs "... sysmon: <Event>...").
// Every line is a Syslog row; the events in them also yield their Sysmon-derived rows.
class SyslogEventReader : public TelemetryReader {
 public:
  SyslogEventReader(const InputFile& input, DataErrors& errors)
      : name_(input.name), text_(ReadIntactInput(input, errors)), errors_(errors) {}

  bool Next(RowSink& sink) override {
    std::string_view line;
    do {
      if (pos_ >= text_.size()) return false;
      size_t newline = text_.find('\n', pos_);
      if (newline == std::string::npos) newline = text_.size();
      line = std::string_view(text_).substr(pos_, newline - pos_);
      if (line.ends_with('\r')) line.remove_suffix(1);
      offset_ = pos_;
      pos_ = newline + 1;
      ++line_;
    } while (line.empty());
    ++records_;
    RecordLocation where{name_, line_, offset_};
    size_t xml = FindEventStart(line, 0);
    bool has_event = false;
    if (xml != std::string_view::npos) {
      bool truncated = false;
      std::string problem = windows_xml::ParseEventXml(line.substr(xml), tree_, event_, &truncated);
      has_event = problem.empty() || truncated;
      if (!problem.empty()) {
        errors_.Report(
            where, "event XML: " + problem +
                       (truncated ? "; the fields before the cut are read" : "; only the Syslog row kept"));
      }
    }
    AddSyslogRow(line, xml, has_event, where, sink);
    if (has_event) RouteWindowsEvent(event_, where, sink, BaseTables::kNone);
    return true;
  }

  uint64_t records() const override { return records_; }

 private:
  // The header of an RFC 3164 line: "May 11 18:10:20 HOST prog[pid]: message".
  void AddSyslogRow(std::string_view line, size_t xml, bool has_event, const RecordLocation& where,
                    RowSink& sink) {
    TableRow row(sink, "Syslog", where);
    if (!row.wanted()) return;
    size_t colon = line.find(": ");
    std::string_view header = colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
    if (xml != std::string_view::npos && colon > xml) header = {};
    std::string_view message = header.empty() ? line : line.substr(colon + 2);
    size_t space = header.rfind(' ');
    std::string_view program = space == std::string_view::npos ? header : header.substr(space + 1);
    std::string_view before = space == std::string_view::npos ? std::string_view() : header.substr(0, space);
    std::string_view host =
        before.substr(before.rfind(' ') == std::string_view::npos ? 0 : before.rfind(' ') + 1);
    if (size_t bracket = program.find('['); bracket != std::string_view::npos && program.ends_with(']')) {
      std::string_view pid = program.substr(bracket + 1, program.size() - bracket - 2);
      if (!pid.empty() && pid.find_first_not_of("0123456789") == std::string_view::npos)
        row.Set("ProcessID", pid);
      program = program.substr(0, bracket);
    }
    row.Set("ProcessName", program);
    row.Set("HostName", has_event && host.empty() ? std::string_view(event_.computer) : host);
    row.Set("Computer", has_event ? std::string_view(event_.computer) : host);
    // Syslog's own timestamp has neither year nor zone; the event's is UTC.
    if (has_event && event_.time_created_ticks != 0)
      row.SetDatetime("TimeGenerated", event_.time_created_ticks);
    row.Set("SyslogMessage", message);
    row.Set("Type", "Syslog");
    row.Commit();
  }

  std::string name_;
  std::string text_;
  DataErrors& errors_;
  size_t pos_ = 0;
  size_t offset_ = 0;
  uint64_t line_ = 0;
  uint64_t records_ = 0;
  evtx::XmlTree tree_;
  WindowsEvent event_;
};

std::string_view SkipBomAndSpace(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view() : text.substr(first);
}

int DetectEventXml(const FormatProbe& probe) {
  std::string_view head = SkipBomAndSpace(probe.head);
  if (head.starts_with("<?xml")) {
    size_t end = head.find("?>");
    head = end == std::string_view::npos ? std::string_view() : SkipBomAndSpace(head.substr(end + 2));
  }
  return head.starts_with("<Events") || FindEventStart(head, 0) == 0 ? 90 : 0;
}

int DetectSyslogEvents(const FormatProbe& probe) {
  std::string_view head = SkipBomAndSpace(probe.head);
  if (head.empty() || head.front() == '{' || head.front() == '[' || head.front() == '<') return 0;
  std::string_view first_line = head.substr(0, head.find('\n'));
  size_t xml = FindEventStart(first_line, 0);
  return xml != std::string_view::npos && first_line.find("</Event>") != std::string_view::npos ? 85 : 0;
}

std::unique_ptr<TelemetryReader> OpenEventXml(const InputFile& input, DataErrors& errors) {
  return std::make_unique<XmlEventReader>(input, errors);
}

std::unique_ptr<TelemetryReader> OpenSyslogEvents(const InputFile& input, DataErrors& errors) {
  return std::make_unique<SyslogEventReader>(input, errors);
}

}  // namespace

std::vector<TelemetryFormat> XmlWindowsEventFormats() {
  return {
      {"windows-xml",
       "Windows event XML (wevtutil /f:xml, Event Viewer's Save as XML): <Events> or <Event> per line",
       WindowsEventTables(), DetectEventXml, OpenEventXml},
      {"syslog-sysmon", "Syslog lines carrying Sysmon for Linux's event XML",
       [] {
         std::vector<std::string_view> tables = WindowsEventTables();
         tables.push_back("Syslog");
         return tables;
       }(),
       DetectSyslogEvents, OpenSyslogEvents},
  };
}

}  // namespace iochound
