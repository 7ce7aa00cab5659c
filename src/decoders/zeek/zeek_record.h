// One record of a Zeek log, read from the TSV (ASCII) or JSON writer's output, with unset fields
// told apart from empty ones and set/vector fields split into their items.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"

namespace iochound {

struct ZeekField {
  std::string name;                // Zeek's dotted name (`id.orig_h`), also for JSON written with `id_orig_h`
  bool set = false;                // false for TSV's unset field (`-`) and JSON null
  bool list = false;               // a set[...] or vector[...] field (TSV #types) or a JSON array
  std::string value;               // the scalar, unescaped; JSON booleans as TSV writes them (`T`/`F`)
  std::vector<std::string> items;  // the items of a list field; empty for `(empty)`
};

struct ZeekRecord {
  std::string path;  // the log (`dns`, `conn`, ...) from #path, `_path` or `@stream`; "" when unknown
  RecordLocation where;
  std::vector<ZeekField> fields;  // in the log's order

  // The scalar value of `name`; nullopt when the field is absent, unset or a list.
  std::optional<std::string_view> Get(std::string_view name) const;
  // The items of list field `name`; empty when absent, unset or empty. A scalar field yields itself.
  std::vector<std::string_view> List(std::string_view name) const;
  // The record as one JSON object (lists as arrays, unset fields as null), for the raw table.
  std::string ToJson() const;
};

}  // namespace iochound
