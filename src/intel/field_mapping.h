// How to read IOCs from a JSON, JSON Lines or CSV feed iochound has no reader for: which field holds
// the value, the type, the family, ... Given on the command line (`--ioc-fields
// value=ioc,type=ioc_type`) or as a mapping file (`--ioc-mapping FILE|NAME`), one `field = source`
// per line with `#` comments.
//
// A source is a field name (a column for CSV; a dotted path into the record for JSON), `@key` (the
// object key the record was found under, with `*` in `records`), `/path` (a path from the document
// root that shares the iteration of `records`, for metadata stated once per group of records), or
// a 'quoted literal'. `records` is a JSON path to the records: `name` steps, `[]` iterates an
// array, `*` the members of an object, e.g. `ioc_data[].ioc.*[]`.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace iochound {

struct FieldMapping {
  std::string records;                        // empty: the root array's elements, or the root object
  std::map<std::string, std::string> fields;  // IOC field -> source

  // The IOC fields a mapping may set.
  static bool IsField(std::string_view name);
};

// Parses `field=source,field=source`. Throws std::invalid_argument on unknown fields or when
// `value` is missing.
FieldMapping ParseFieldSpec(std::string_view spec);

// Reads a mapping file, or a built-in mapping by name (`openhunting`: the openhunting.io
// aggregation of ThreatFox). Throws std::invalid_argument naming the file or the error's line.
FieldMapping LoadFieldMapping(const std::string& name_or_path);

}  // namespace iochound
