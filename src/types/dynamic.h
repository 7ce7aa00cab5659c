// Kusto's `dynamic`: a JSON value that may also hold typed scalars (datetime, timespan, guid), as
// Kusto's property bags and arrays do.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iochound {

class Dynamic {
 public:
  enum class Kind : uint8_t { Null, Bool, Long, Real, String, DateTime, TimeSpan, Guid, Array, Object };
  using Array = std::vector<Dynamic>;
  // Property bags keep insertion order, as Kusto's do when it renders them.
  using Object = std::vector<std::pair<std::string, Dynamic>>;

  Dynamic() = default;
  static Dynamic MakeBool(bool v);
  static Dynamic MakeLong(int64_t v);
  static Dynamic MakeReal(double v);
  static Dynamic MakeString(std::string v);
  static Dynamic MakeDateTime(int64_t ticks);
  static Dynamic MakeTimeSpan(int64_t ticks);
  static Dynamic MakeGuid(std::string canonical);
  static Dynamic MakeArray(Array items = {});
  static Dynamic MakeObject(Object members = {});

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool bool_value() const { return int_ != 0; }
  int64_t int_value() const { return int_; }  // Long, DateTime and TimeSpan (ticks)
  double real_value() const { return real_; }
  const std::string& string_value() const { return string_; }  // String and Guid
  const Array& array() const;
  Array& mutable_array();
  const Object& object() const;
  Object& mutable_object();

  // Member of an object by exact name; nullptr when absent or not an object.
  const Dynamic* Find(std::string_view key) const;

  // Parses JSON text. Integers that fit int64 become Long, other numbers Real. nullopt on invalid JSON.
  static std::optional<Dynamic> ParseJson(std::string_view text);

  // Compact JSON, as Kusto's tostring() renders dynamic values: {"a":1,"b":[1,2]}; datetimes,
  // timespans and guids as JSON strings in Kusto's text form.
  std::string ToJson() const;

  bool operator==(const Dynamic& other) const;

 private:
  Kind kind_ = Kind::Null;
  int64_t int_ = 0;
  double real_ = 0;
  std::string string_;
  // Shared so that copying a large bag or array between batches is cheap; copy-on-write in mutable_*.
  std::shared_ptr<Array> array_;
  std::shared_ptr<Object> object_;
};

// JSON text pieces shared by Dynamic::ToJson and the result writers, so every output agrees.
// A quoted, escaped JSON string; bytes that are not valid UTF-8 become U+FFFD, so the output is always
// valid JSON.
void AppendJsonString(std::string& out, std::string_view s);
// `s` with each byte that starts no valid UTF-8 sequence replaced by U+FFFD, as AppendJsonString
// writes it: a string a reader builds into a dynamic value reads as it would from JSON.
std::string RepairUtf8(std::string_view s);
// A real as Kusto renders it (.NET round-trip format, with `.0` on whole numbers): 1.0, 2.5, 1E+20,
// 1E-07; NaN and infinities as the JSON strings "NaN", "Infinity", "-Infinity".
void AppendJsonReal(std::string& out, double v);

}  // namespace iochound
