#include "normalizers/windows/windows_event.h"

#include <simdjson.h>

#include <vector>

#include "decoders/evtx/xml_tree.h"
#include "types/dynamic.h"

namespace iochound {
namespace {

constexpr std::string_view kEventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event";

}  // namespace

std::optional<std::string_view> FindEventData(const WindowsEvent& event, std::string_view name) {
  for (const evtx::EvtxDataField& field : event.data) {
    if (field.name == name) return std::string_view(field.value);
  }
  return std::nullopt;
}

std::string_view EventDataValue(const WindowsEvent& event, std::string_view name) {
  return FindEventData(event, name).value_or(std::string_view());
}

Dynamic EventDataBag(const WindowsEvent& event) {
  // Names and values as the JSON rendering had them: invalid UTF-8 repaired (the check is the fast
  // path; event data is nearly always valid).
  auto text = [](const std::string& value) {
    return simdjson::validate_utf8(value.data(), value.size()) ? value : RepairUtf8(value);
  };
  Dynamic::Object members;
  members.reserve(event.data.size());
  std::vector<bool> written(event.data.size(), false);
  for (size_t i = 0; i < event.data.size(); ++i) {
    if (written[i]) continue;
    const std::string& name = event.data[i].name;
    size_t count = 0;
    for (size_t j = i; j < event.data.size(); ++j) count += event.data[j].name == name;
    if (count == 1) {
      members.emplace_back(text(name), Dynamic::MakeString(text(event.data[i].value)));
      continue;
    }
    Dynamic::Array values;
    for (size_t j = i; j < event.data.size(); ++j) {
      if (event.data[j].name != name) continue;
      values.push_back(Dynamic::MakeString(text(event.data[j].value)));
      written[j] = true;
    }
    members.emplace_back(text(name), Dynamic::MakeArray(std::move(values)));
  }
  return Dynamic::MakeObject(std::move(members));
}

std::string EventDataXml(const WindowsEvent& event) {
  std::string out;
  if (!event.user_data_element.empty()) {
    out += "<UserData><";
    out += event.user_data_element;
    out += " xmlns=\"";
    out += kEventNamespace;
    out += "\">";
    for (const evtx::EvtxDataField& field : event.data) {
      out += '<' + field.name + '>';
      evtx::AppendXmlEscaped(out, field.value, false);
      out += "</" + field.name + '>';
    }
    out += "</" + event.user_data_element + "></UserData>";
    return out;
  }
  out += "<EventData xmlns=\"";
  out += kEventNamespace;
  out += "\">";
  for (const evtx::EvtxDataField& field : event.data) {
    if (field.name == "Data" || field.name == "Binary") {
      out += '<' + field.name + '>';
    } else {
      out += "<Data Name=\"";
      evtx::AppendXmlEscaped(out, field.name, true);
      out += "\">";
    }
    evtx::AppendXmlEscaped(out, field.value, false);
    out += field.name == "Binary" ? "</Binary>" : "</Data>";
  }
  out += "</EventData>";
  return out;
}

std::string ParameterXml(const WindowsEvent& event) {
  std::string out;
  for (const evtx::EvtxDataField& field : event.data) {
    out += "<Param>";
    evtx::AppendXmlEscaped(out, field.value, false);
    out += "</Param>";
  }
  return out;
}

}  // namespace iochound
