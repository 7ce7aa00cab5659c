// Regex functions over RE2: extract extract_all replace_regex countof trim trim_start trim_end.
// Compiled patterns are cached per pattern text, shared across threads.
#include <re2/re2.h>

#include <memory>
#include <mutex>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

// nullptr for an invalid pattern.
std::shared_ptr<const RE2> Compile(const std::string& pattern) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const RE2>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(pattern);
  if (it != cache.end()) return it->second;
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  std::shared_ptr<const RE2> entry = re->ok() ? re : nullptr;
  if (cache.size() > 10'000) cache.clear();  // bound memory when patterns come from data
  cache.emplace(pattern, entry);
  return entry;
}

// Validates a literal pattern at bind time so a typo fails the query instead of every row.
void CheckPattern(std::string_view function, Args args, size_t index) {
  const BoundArg& a = args[index];
  if (!a.is_constant || a.constant.type() != Type::String) return;
  if (!Compile(a.constant.string_value()))
    Fail(function, "invalid regular expression: " + a.constant.string_value());
}

std::string Str(const Value& v) {
  return ToKustoString(v);
}

std::string GroupText(const re2::StringPiece& g) {
  return g.data() == nullptr ? "" : std::string(g);
}

Value Extract(Vals v) {
  auto re = Compile(Str(v[0]));
  std::optional<int64_t> group = ToLong(v[1]);
  std::string text = Str(v[2]);
  if (!re || !group || *group < 0 || *group > re->NumberOfCapturingGroups()) return Value::String("");
  std::vector<re2::StringPiece> groups(*group + 1);
  if (!re->Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
    return Value::String("");
  }
  return Value::String(GroupText(groups[*group]));
}

// extract_all(regex, [groups,] text): one string per match for a single group, else an array per match;
// null when nothing matches.
Value ExtractAll(Vals v) {
  auto re = Compile(Str(v[0]));
  std::string text = Str(v.back());
  if (!re || re->NumberOfCapturingGroups() == 0) return Value::Null(Type::Dynamic);
  std::vector<int64_t> wanted;
  if (v.size() == 3) {
    const Dynamic* list = DynOf(v[1]);
    if (list != nullptr && list->kind() == Dynamic::Kind::Array) {
      for (const Dynamic& g : list->array()) {
        if (g.kind() == Dynamic::Kind::Long && g.int_value() >= 0 &&
            g.int_value() <= re->NumberOfCapturingGroups()) {
          wanted.push_back(g.int_value());
        }
      }
    }
  } else {
    for (int g = 1; g <= re->NumberOfCapturingGroups(); ++g) wanted.push_back(g);
  }
  if (wanted.empty()) return Value::Null(Type::Dynamic);
  int ngroups = re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(ngroups);
  Dynamic::Array matches;
  size_t pos = 0;
  while (pos <= text.size() && re->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), ngroups)) {
    if (wanted.size() == 1) {
      matches.push_back(Dynamic::MakeString(GroupText(groups[wanted[0]])));
    } else {
      Dynamic::Array row;
      for (int64_t g : wanted) row.push_back(Dynamic::MakeString(GroupText(groups[g])));
      matches.push_back(Dynamic::MakeArray(std::move(row)));
    }
    size_t end = groups[0].data() - text.data() + groups[0].size();
    pos = groups[0].empty() ? end + 1 : end;
  }
  if (matches.empty()) return Value::Null(Type::Dynamic);
  return Value::Dyn(Dynamic::MakeArray(std::move(matches)));
}

Value ReplaceRegex(Vals v) {
  std::string text = Str(v[0]);
  auto re = Compile(Str(v[1]));
  if (!re) return Value::String(text);
  RE2::GlobalReplace(&text, *re, Str(v[2]));
  return Value::String(text);
}

int64_t CountPlain(std::string_view text, std::string_view search) {
  if (search.empty()) return 0;
  int64_t count = 0;
  // Plain matches may overlap, as Kusto documents: countof("aaa", "aa") is 2.
  for (size_t pos = text.find(search); pos != std::string_view::npos; pos = text.find(search, pos + 1))
    ++count;
  return count;
}

Value CountOf(Vals v) {
  std::string text = Str(v[0]), search = Str(v[1]);
  if (v.size() < 3 || Str(v[2]) != "regex") return Value::Long(CountPlain(text, search));
  auto re = Compile(search);
  if (!re) return Value::Null(Type::Long);
  int64_t count = 0;
  re2::StringPiece input(text), match;
  while (RE2::FindAndConsume(&input, *re) && count < static_cast<int64_t>(text.size()) + 1) {
    ++count;
    if (input.empty()) break;
  }
  return Value::Long(count);
}

// Kusto's trim removes one match of the pattern at each end: trim("y", "yyy") is "y".
Value Trim(Vals v, bool start, bool end) {
  std::string pattern = Str(v[0]), text = Str(v[1]);
  if (start) {
    auto re = Compile("^(?:" + pattern + ")");
    re2::StringPiece m;
    if (re && re->Match(text, 0, text.size(), RE2::ANCHOR_START, &m, 1)) text.erase(0, m.size());
  }
  if (end) {
    auto re = Compile("(?:" + pattern + ")$");
    re2::StringPiece m;
    if (re && re->Match(text, 0, text.size(), RE2::UNANCHORED, &m, 1)) text.erase(m.data() - text.data());
  }
  return Value::String(text);
}

ScalarFunction RegexFunction(std::string name, size_t min, size_t max, size_t pattern_index, Type result,
                             std::function<Value(Vals)> eval) {
  return ScalarFunction{name,
                        [name, min, max, pattern_index, result](Args args) {
                          CheckArity(name, args, min, max);
                          CheckPattern(name, args, pattern_index);
                          return result;
                        },
                        [eval](Vals v, const EvalContext&) { return eval(v); }};
}

}  // namespace

void RegisterRegexFunctions(Registry& r) {
  r.Add(RegexFunction("extract", 3, 3, 0, Type::String, Extract));
  r.Add(ScalarFunction{"extract_all",
                       [](Args args) {
                         CheckArity("extract_all", args, 2, 3);
                         CheckPattern("extract_all", args, 0);
                         const BoundArg& p = args[0];
                         if (p.is_constant && p.constant.type() == Type::String) {
                           auto re = Compile(p.constant.string_value());
                           if (re && re->NumberOfCapturingGroups() == 0) {
                             Fail("extract_all",
                                  "the regular expression must have at least one capturing group");
                           }
                         }
                         return Type::Dynamic;
                       },
                       [](Vals v, const EvalContext&) { return ExtractAll(v); }});
  r.Add(RegexFunction("replace_regex", 3, 3, 1, Type::String, ReplaceRegex));
  r.Alias("replace", "replace_regex");
  r.Add(Simple("countof", 2, 3, Type::Long, [](Vals v, const EvalContext&) { return CountOf(v); }));
  r.Add(RegexFunction("trim", 2, 2, 0, Type::String, [](Vals v) { return Trim(v, true, true); }));
  r.Add(RegexFunction("trim_start", 2, 2, 0, Type::String, [](Vals v) { return Trim(v, true, false); }));
  r.Add(RegexFunction("trim_end", 2, 2, 0, Type::String, [](Vals v) { return Trim(v, false, true); }));
}

}  // namespace iochound::fn
