// parse_command_line(command_line, "windows") and parse_csv(record): text split into a dynamic array of
// strings; ParseCsvRecords (csv.h).
#include "engine/function/csv.h"
#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}

// Windows' CommandLineToArgvW rules, which Kusto documents parse_command_line follows: the program name
// ends at the first blank, or at its closing quote when it starts quoted, backslashes taken literally;
// in the other arguments, 2n backslashes before a quote give n backslashes and the quote opens or closes
// a quoted part, 2n+1 give n backslashes and a literal quote, `""` inside a quoted part is a literal
// quote, and other backslashes are literal.
Dynamic::Array SplitWindowsCommandLine(std::string_view s) {
  Dynamic::Array args;
  size_t i = 0;
  std::string current;
  if (!s.empty() && s[0] == '"') {
    size_t close = s.find('"', 1);
    current = s.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
    i = close == std::string_view::npos ? s.size() : close + 1;
  } else {
    while (i < s.size() && !IsBlank(s[i])) current += s[i++];
  }
  while (i < s.size() && !IsBlank(s[i])) current += s[i++];
  if (s.empty()) return args;
  args.push_back(Dynamic::MakeString(std::move(current)));
  while (true) {
    while (i < s.size() && IsBlank(s[i])) ++i;
    if (i >= s.size()) break;
    std::string arg;
    bool quoted = false;
    while (i < s.size() && (quoted || !IsBlank(s[i]))) {
      if (s[i] == '\\') {
        size_t run = 0;
        while (i < s.size() && s[i] == '\\') ++run, ++i;
        if (i < s.size() && s[i] == '"') {
          arg.append(run / 2, '\\');
          if (run % 2 == 1) {
            arg += '"';
            ++i;
          }
        } else {
          arg.append(run, '\\');
        }
      } else if (s[i] == '"') {
        if (quoted && i + 1 < s.size() && s[i + 1] == '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          ++i;
        }
      } else {
        arg += s[i++];
      }
    }
    args.push_back(Dynamic::MakeString(std::move(arg)));
  }
  return args;
}

}  // namespace

void RegisterTextParsingFunctions(Registry& r) {
  r.Add(ScalarFunction{"parse_command_line",
                       [](Args args) {
                         CheckArity("parse_command_line", args, 2, 2);
                         if (args[1].is_constant && args[1].constant.type() == Type::String &&
                             args[1].constant.string_value() != "windows") {
                           Fail("parse_command_line", "the only parser type is \"windows\"");
                         }
                         return Type::Dynamic;
                       },
                       [](Vals v, const EvalContext&) {
                         return Value::Dyn(Dynamic::MakeArray(SplitWindowsCommandLine(ToKustoString(v[0]))));
                       }});
  r.Add(Simple("parse_csv", 1, 1, Type::Dynamic, [](Vals v, const EvalContext&) {
    // The first record of the text; an empty text is one empty field.
    std::vector<std::vector<std::string>> records = ParseCsvRecords(ToKustoString(v[0]));
    Dynamic::Array fields;
    if (records.empty()) fields.push_back(Dynamic::MakeString(""));
    for (std::string& field : records.empty() ? std::vector<std::string>() : records[0])
      fields.push_back(Dynamic::MakeString(std::move(field)));
    return Value::Dyn(Dynamic::MakeArray(std::move(fields)));
  }));
}

}  // namespace iochound::fn

namespace iochound {

std::vector<std::vector<std::string>> ParseCsvRecords(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool row_has_data = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      row_has_data = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      row_has_data = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (row_has_data || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
      }
      field.clear();
      record.clear();
      row_has_data = false;
    } else {
      field += c;
      row_has_data = true;
    }
  }
  if (row_has_data || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace iochound
