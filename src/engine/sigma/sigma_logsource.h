// Where a Sigma rule's events live: its logsource mapped to a table, the rows of that table that
// belong to the logsource, and the table's expression for each Sigma field name.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sigma/sigma.h"

namespace iochound::sigma {

// One Sigma field in KQL.
struct FieldExpr {
  std::string raw;              // the field as stored (for exists and null): EventData['Image'], Channel
  std::string text;             // as a string, for string matching: tostring(EventData['Image'])
  std::string number;           // as a number, for lt/gt: toreal(EventData['Size']), EventID
  std::string exists;           // true when the event has the field: bag_has_key(EventData, 'Image')
  bool column = false;          // a table column, present in every row
  bool integer_column = false;  // an int/long column: numeric values compare as numbers
};

using FieldMap = std::function<FieldExpr(std::string_view sigma_field)>;

// Rows of the table one field mapping applies to. A logsource fed by several event kinds (process
// creation: Sysmon EID 1 and Security 4688) has one branch per kind, each with its field names.
struct LogsourceBranch {
  std::string predicate;  // KQL selecting the branch's rows; empty for every row
  FieldMap fields;
};

struct LogsourceTarget {
  std::string table;
  std::vector<LogsourceBranch> branches;
  // A string expression holding the whole event, for keyword (field-less) searches; it is JSON, so
  // keywords are matched in their JSON-escaped form. Empty when the table has none.
  std::string keyword_text;
};

using Logsource = SigmaLogsource;

// Throws SigmaError when no table of `target` holds the logsource's events.
LogsourceTarget MapLogsource(const Logsource& logsource, SigmaTarget target);

// The Defender XDR mapping (sigma_defender.cpp).
LogsourceTarget MapDefender(const Logsource& logsource);

}  // namespace iochound::sigma
