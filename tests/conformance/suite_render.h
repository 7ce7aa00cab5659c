// Renders iochound values the way the kusto-verdicts suite prints Kusto's results, so a case can be
// checked by comparing text. The suite's client is .NET: reals use the round-trip ("R") format of
// .NET Core 3.0+ under the invariant culture, dynamic values are Newtonsoft.Json documents with
// Formatting.Indented, and a row is a tuple `(v1, v2)` of those texts.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "types/dynamic.h"
#include "types/type.h"
#include "types/value.h"

namespace iochound::conformance {

class SuiteRenderer {
 public:
  // The suite's column type names: int and long are both "Int", real and decimal both "Real".
  static std::string_view TypeName(Type type);

  // `(v1, v2, ...)`; a single value is `(v1)`.
  static std::string Row(std::span<const Value> values);

  // One value: `null`, `True`/`False`, integers, reals as Real(), strings and guids in single quotes
  // with no escaping at all (the suite prints `'O'Brien'`), datetimes with 7 fraction digits and Z,
  // timespans as [-][d.]hh:mm:ss[.fffffff], dynamic values as indented JSON.
  static std::string Scalar(const Value& value);

  // .NET's shortest round-trip text: `9`, `2.5`, `-0`, `1E+15`, `1E-05`, `NaN`, `Infinity`.
  static std::string Real(double v);

  // Newtonsoft's indented JSON with 2-space indentation; reals keep a `.0` (`5.0`), datetimes,
  // timespans and guids are JSON strings in their Kusto text forms.
  static std::string Json(const Dynamic& value);

  static std::string DateTime(int64_t ticks);
  static std::string TimeSpan(int64_t ticks);

 private:
  static void AppendJson(std::string& out, const Dynamic& value, int indent);
  static void AppendJsonString(std::string& out, std::string_view s);
};

}  // namespace iochound::conformance
