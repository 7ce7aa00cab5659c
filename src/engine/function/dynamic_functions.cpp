// Dynamic (array and bag) functions: array_* pack/bag_pack pack_array bag_keys bag_merge set_* zip.
#include <algorithm>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

const Dynamic::Array* ArrayOf(const Value& v) {
  const Dynamic* d = DynOf(v);
  return d != nullptr && d->kind() == Dynamic::Kind::Array ? &d->array() : nullptr;
}

const Dynamic::Object* ObjectOf(const Value& v) {
  const Dynamic* d = DynOf(v);
  return d != nullptr && d->kind() == Dynamic::Kind::Object ? &d->object() : nullptr;
}

Value Arr(Dynamic::Array items) {
  return Value::Dyn(Dynamic::MakeArray(std::move(items)));
}

bool Contains(const Dynamic::Array& items, const Dynamic& x) {
  return std::find(items.begin(), items.end(), x) != items.end();
}

// array_slice(array, start, end): inclusive end, negative indexes count from the end.
Value Slice(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  std::optional<int64_t> s = ToLong(v[1]), e = ToLong(v[2]);
  if (a == nullptr || !s || !e) return Value::Null(Type::Dynamic);
  int64_t n = static_cast<int64_t>(a->size());
  int64_t from = std::max<int64_t>(0, *s < 0 ? n + *s : *s);
  int64_t to = std::min<int64_t>(n - 1, *e < 0 ? n + *e : *e);
  Dynamic::Array out;
  for (int64_t i = from; i <= to; ++i) out.push_back((*a)[i]);
  return Arr(std::move(out));
}

// range(start, stop[, step]): start, start + step, ... up to stop inclusive, like the range operator;
// numbers, datetimes (timespan step) or timespans; step defaults to 1, or 1h for time. Kusto caps the
// array at 1,048,576 items.
Value Range(Vals v) {
  for (const Value& x : v) {
    if (IsNullish(x)) return Value::Null(Type::Dynamic);
  }
  constexpr size_t kMaxItems = 1'048'576;
  Type type = v[0].type();
  Dynamic::Array out;
  if (type == Type::DateTime || type == Type::TimeSpan) {
    std::optional<int64_t> from = type == Type::DateTime ? ToDateTimeTicks(v[0]) : ToTimeSpanTicks(v[0]);
    std::optional<int64_t> to = type == Type::DateTime ? ToDateTimeTicks(v[1]) : ToTimeSpanTicks(v[1]);
    std::optional<int64_t> step = v.size() > 2 ? ToTimeSpanTicks(v[2]) : kTicksPerHour;
    if (!from || !to || !step || *step == 0) return Value::Null(Type::Dynamic);
    for (int64_t t = *from; (*step > 0 ? t <= *to : t >= *to) && out.size() < kMaxItems; t += *step)
      out.push_back(ToDynamic(type == Type::DateTime ? Value::DateTime(t) : Value::TimeSpan(t)));
    return Arr(std::move(out));
  }
  bool integral = true;
  for (const Value& x : v) integral = integral && IsInteger(x.type());
  if (integral) {
    int64_t from = *ToLong(v[0]), to = *ToLong(v[1]), step = v.size() > 2 ? *ToLong(v[2]) : 1;
    if (step == 0) return Value::Null(Type::Dynamic);
    for (int64_t i = from; (step > 0 ? i <= to : i >= to) && out.size() < kMaxItems; i += step)
      out.push_back(ToDynamic(Value::Long(i)));
    return Arr(std::move(out));
  }
  std::optional<double> from = ToReal(v[0]), to = ToReal(v[1]);
  std::optional<double> step = v.size() > 2 ? ToReal(v[2]) : 1.0;
  if (!from || !to || !step || *step == 0) return Value::Null(Type::Dynamic);
  for (double x = *from; (*step > 0 ? x <= *to : x >= *to) && out.size() < kMaxItems; x += *step)
    out.push_back(ToDynamic(Value::Real(x)));
  return Arr(std::move(out));
}

Value IndexOf(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr) return Value::Null(Type::Long);
  Dynamic needle = ToDynamic(v[1]);
  int64_t n = static_cast<int64_t>(a->size());
  int64_t start = v.size() > 2 ? ToLong(v[2]).value_or(0) : 0;
  if (start < 0) start = std::max<int64_t>(0, n + start);
  int64_t length = v.size() > 3 ? ToLong(v[3]).value_or(-1) : -1;
  int64_t occurrence = v.size() > 4 ? ToLong(v[4]).value_or(1) : 1;
  int64_t end = length < 0 ? n : std::min(n, start + length);
  for (int64_t i = start; i < end; ++i) {
    if ((*a)[i] == needle && --occurrence == 0) return Value::Long(i);
  }
  return Value::Long(-1);
}

// Kusto sorts nulls last in both directions; mixed kinds order by kind.
Value Sort(const Value& v, bool ascending) {
  const Dynamic::Array* a = ArrayOf(v);
  if (a == nullptr) return Value::Null(Type::Dynamic);
  Dynamic::Array items = *a;
  std::stable_sort(items.begin(), items.end(), [ascending](const Dynamic& x, const Dynamic& y) {
    if (x.is_null() || y.is_null()) return !x.is_null() && y.is_null();
    int c = CompareValues(FromDynamic(x), FromDynamic(y));
    return ascending ? c < 0 : c > 0;
  });
  return Arr(std::move(items));
}

Value Sum(const Value& v) {
  const Dynamic::Array* a = ArrayOf(v);
  if (a == nullptr) return Value::Null(Type::Real);
  double sum = 0;
  for (const Dynamic& x : *a) {
    if (x.kind() == Dynamic::Kind::Long) sum += static_cast<double>(x.int_value());
    if (x.kind() == Dynamic::Kind::Real) sum += x.real_value();
  }
  return Value::Real(sum);
}

Value Rotate(Vals v, bool left, bool shift) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  std::optional<int64_t> k = ToLong(v[1]);
  if (a == nullptr || !k) return Value::Null(Type::Dynamic);
  int64_t n = static_cast<int64_t>(a->size());
  Dynamic::Array out(a->size());
  int64_t step = left ? *k : -*k;
  for (int64_t i = 0; i < n; ++i) {
    int64_t src = i + step;
    if (shift) {
      out[i] = src >= 0 && src < n ? (*a)[src] : (v.size() > 2 ? ToDynamic(v[2]) : Dynamic());
    } else {
      out[i] = (*a)[((src % n) + n) % n];
    }
  }
  return Arr(std::move(out));
}

Value Pack(Vals v) {
  Dynamic::Object members;
  for (size_t i = 0; i + 1 < v.size(); i += 2) {
    std::string key = ToKustoString(v[i]);
    auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == key; });
    if (it != members.end()) {
      it->second = ToDynamic(v[i + 1]);
    } else {
      members.emplace_back(std::move(key), ToDynamic(v[i + 1]));
    }
  }
  return Value::Dyn(Dynamic::MakeObject(std::move(members)));
}

Value BagMerge(Vals v) {
  Dynamic::Object members;
  for (const Value& bag : v) {
    const Dynamic::Object* o = ObjectOf(bag);
    if (o == nullptr) continue;
    // The first bag holding a key wins.
    for (const auto& [k, x] : *o) {
      if (std::none_of(members.begin(), members.end(), [&](const auto& m) { return m.first == k; })) {
        members.emplace_back(k, x);
      }
    }
  }
  return Value::Dyn(Dynamic::MakeObject(std::move(members)));
}

enum class SetOp { kUnion, kIntersect, kDifference };

Value Set(Vals v, SetOp op) {
  std::vector<const Dynamic::Array*> arrays;
  for (const Value& x : v) {
    const Dynamic::Array* a = ArrayOf(x);
    if (a == nullptr) return Value::Null(Type::Dynamic);
    arrays.push_back(a);
  }
  Dynamic::Array out;
  auto take = [&](const Dynamic& item) {
    if (!Contains(out, item)) out.push_back(item);
  };
  if (op == SetOp::kUnion) {
    for (const auto* a : arrays) {
      for (const Dynamic& item : *a) take(item);
    }
  } else {
    for (const Dynamic& item : *arrays[0]) {
      bool keep = op == SetOp::kIntersect;
      for (size_t i = 1; i < arrays.size(); ++i) {
        bool in = Contains(*arrays[i], item);
        keep = op == SetOp::kIntersect ? keep && in : keep || in;
      }
      if (op == SetOp::kDifference) keep = !keep;
      if (keep) take(item);
    }
  }
  return Arr(std::move(out));
}

Value Zip(Vals v) {
  std::vector<const Dynamic::Array*> arrays;
  size_t longest = 0;
  for (const Value& x : v) {
    const Dynamic::Array* a = ArrayOf(x);
    if (a == nullptr) return Value::Null(Type::Dynamic);
    arrays.push_back(a);
    longest = std::max(longest, a->size());
  }
  Dynamic::Array out;
  for (size_t i = 0; i < longest; ++i) {
    Dynamic::Array row;
    for (const auto* a : arrays) row.push_back(i < a->size() ? (*a)[i] : Dynamic());
    out.push_back(Dynamic::MakeArray(std::move(row)));
  }
  return Arr(std::move(out));
}

ScalarFunction DynamicFunction(std::string name, size_t min, size_t max, std::function<Value(Vals)> f) {
  return Simple(std::move(name), min, max, Type::Dynamic, [f](Vals v, const EvalContext&) { return f(v); });
}

}  // namespace

void RegisterDynamicFunctions(Registry& r) {
  r.Add(Simple("array_length", 1, 1, Type::Long, [](Vals v, const EvalContext&) {
    const Dynamic::Array* a = ArrayOf(v[0]);
    return a ? Value::Long(static_cast<int64_t>(a->size())) : Value::Null(Type::Long);
  }));
  r.Add(DynamicFunction("array_slice", 3, 3, Slice));
  r.Add(DynamicFunction("range", 2, 3, Range));
  r.Add(DynamicFunction("array_concat", 1, 64, [](Vals v) {
    Dynamic::Array out;
    for (const Value& x : v) {
      if (const Dynamic::Array* a = ArrayOf(x)) out.insert(out.end(), a->begin(), a->end());
    }
    return Arr(std::move(out));
  }));
  r.Add(Simple("array_index_of", 2, 5, Type::Long, [](Vals v, const EvalContext&) { return IndexOf(v); }));
  r.Add(DynamicFunction("array_reverse", 1, 1, [](Vals v) {
    const Dynamic::Array* a = ArrayOf(v[0]);
    if (a == nullptr) return Value::Null(Type::Dynamic);
    return Arr(Dynamic::Array(a->rbegin(), a->rend()));
  }));
  r.Add(DynamicFunction("array_sort_asc", 1, 2, [](Vals v) { return Sort(v[0], true); }));
  r.Add(DynamicFunction("array_sort_desc", 1, 2, [](Vals v) { return Sort(v[0], false); }));
  r.Add(Simple("array_sum", 1, 1, Type::Real, [](Vals v, const EvalContext&) { return Sum(v[0]); }));
  r.Add(DynamicFunction("array_rotate_left", 2, 2, [](Vals v) { return Rotate(v, true, false); }));
  r.Add(DynamicFunction("array_rotate_right", 2, 2, [](Vals v) { return Rotate(v, false, false); }));
  r.Add(DynamicFunction("array_shift_left", 2, 3, [](Vals v) { return Rotate(v, true, true); }));
  r.Add(DynamicFunction("array_shift_right", 2, 3, [](Vals v) { return Rotate(v, false, true); }));
  r.Add(ScalarFunction{"pack",
                       [](Args args) {
                         if (args.size() % 2 != 0) Fail("pack", "expects key/value pairs");
                         return Type::Dynamic;
                       },
                       [](Vals v, const EvalContext&) { return Pack(v); }});
  r.Alias("bag_pack", "pack");
  r.Alias("pack_dictionary", "pack");
  r.Add(DynamicFunction("pack_array", 1, SIZE_MAX, [](Vals v) {
    Dynamic::Array out;
    for (const Value& x : v) out.push_back(ToDynamic(x));
    return Arr(std::move(out));
  }));
  r.Add(DynamicFunction("bag_keys", 1, 1, [](Vals v) {
    const Dynamic::Object* o = ObjectOf(v[0]);
    if (o == nullptr) return Value::Null(Type::Dynamic);
    Dynamic::Array keys;
    for (const auto& [k, unused] : *o) keys.push_back(Dynamic::MakeString(k));
    return Arr(std::move(keys));
  }));
  r.Add(Simple("bag_has_key", 2, 2, Type::Bool, [](Vals v, const EvalContext&) {
    const Dynamic* d = DynOf(v[0]);
    return Value::Bool(d != nullptr && d->Find(ToKustoString(v[1])) != nullptr);
  }));
  r.Add(DynamicFunction("bag_merge", 1, 64, BagMerge));
  r.Add(DynamicFunction("set_union", 1, 64, [](Vals v) { return Set(v, SetOp::kUnion); }));
  r.Add(DynamicFunction("set_intersect", 2, 64, [](Vals v) { return Set(v, SetOp::kIntersect); }));
  r.Add(DynamicFunction("set_difference", 2, 64, [](Vals v) { return Set(v, SetOp::kDifference); }));
  r.Add(Simple("set_has_element", 2, 2, Type::Bool, [](Vals v, const EvalContext&) {
    const Dynamic::Array* a = ArrayOf(v[0]);
    return a ? Value::Bool(Contains(*a, ToDynamic(v[1]))) : Value::Null(Type::Bool);
  }));
  r.Add(DynamicFunction("zip", 2, 16, Zip));
}

}  // namespace iochound::fn
