#include "decoders/zeek/zeek_record.h"

#include "types/dynamic.h"

namespace iochound {
namespace {

const ZeekField* Find(const std::vector<ZeekField>& fields, std::string_view name) {
  for (const ZeekField& field : fields)
    if (field.name == name) return &field;
  return nullptr;
}

}  // namespace

std::optional<std::string_view> ZeekRecord::Get(std::string_view name) const {
  const ZeekField* field = Find(fields, name);
  if (field == nullptr || !field->set || field->list) return std::nullopt;
  return std::string_view(field->value);
}

std::vector<std::string_view> ZeekRecord::List(std::string_view name) const {
  std::vector<std::string_view> out;
  const ZeekField* field = Find(fields, name);
  if (field == nullptr || !field->set) return out;
  if (!field->list) {
    out.emplace_back(field->value);
    return out;
  }
  for (const std::string& item : field->items) out.emplace_back(item);
  return out;
}

std::string ZeekRecord::ToJson() const {
  std::string json = "{";
  for (const ZeekField& field : fields) {
    if (json.size() > 1) json += ',';
    AppendJsonString(json, field.name);
    json += ':';
    if (!field.set) {
      json += "null";
    } else if (field.list) {
      json += '[';
      for (size_t i = 0; i < field.items.size(); ++i) {
        if (i > 0) json += ',';
        AppendJsonString(json, field.items[i]);
      }
      json += ']';
    } else {
      AppendJsonString(json, field.value);
    }
  }
  json += '}';
  return json;
}

}  // namespace iochound
