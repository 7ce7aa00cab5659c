// Aggregates for summarize. Nulls are ignored except by count() and make_list_with_nulls; sum over no
// rows is 0, avg NaN, min/max null; make_list/make_set flatten dynamic arrays and keep dynamic nulls.
#include <cmath>
#include <unordered_set>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

template <typename T>
T& Same(AggregateState& other) {
  return dynamic_cast<T&>(other);
}

class CountState : public AggregateState {
 public:
  explicit CountState(bool conditional) : conditional_(conditional) {}
  void Add(Vals args) override {
    if (!conditional_) {
      ++n_;
    } else if (std::optional<bool> b = ToBool(args[0]); b && *b) {
      ++n_;
    }
  }
  void Merge(AggregateState& other) override { n_ += Same<CountState>(other).n_; }
  Value Finish() override { return Value::Long(n_); }

 private:
  bool conditional_;
  int64_t n_ = 0;
};

// Long sums wrap as Kusto's do (sum of 9223372036854775807 and 1 is negative).
class SumState : public AggregateState {
 public:
  explicit SumState(Type result) : result_(result) {}
  void Add(Vals args) override {
    const Value& v = args[0];
    if (IsNullish(v)) return;
    if (result_ == Type::Real || result_ == Type::Decimal) {
      real_ += ToReal(v).value_or(0);
    } else {
      int_ += static_cast<uint64_t>(ToLong(v).value_or(0));
    }
  }
  void Merge(AggregateState& other) override {
    auto& o = Same<SumState>(other);
    int_ += o.int_;
    real_ += o.real_;
  }
  Value Finish() override {
    if (result_ == Type::Real || result_ == Type::Decimal) return Value::FromReal(result_, real_);
    return Value::FromInt(result_, static_cast<int64_t>(int_));
  }

 private:
  Type result_;
  uint64_t int_ = 0;
  double real_ = 0;
};

// Integer averages divide the (wrapping) long sum, so they overflow exactly as Kusto's do.
class AvgState : public AggregateState {
 public:
  explicit AvgState(bool integral) : integral_(integral) {}
  void Add(Vals args) override {
    const Value& v = args[0];
    if (IsNullish(v)) return;
    if (integral_ && v.type() != Type::Dynamic) {
      int_ += static_cast<uint64_t>(v.int_value());
    } else {
      real_ += ToReal(v).value_or(0);
    }
    ++n_;
  }
  void Merge(AggregateState& other) override {
    auto& o = Same<AvgState>(other);
    int_ += o.int_;
    real_ += o.real_;
    n_ += o.n_;
  }
  Value Finish() override {
    if (n_ == 0) return Value::Real(std::nan(""));
    return Value::Real((static_cast<double>(static_cast<int64_t>(int_)) + real_) / static_cast<double>(n_));
  }

 private:
  bool integral_;
  uint64_t int_ = 0;
  double real_ = 0;
  int64_t n_ = 0;
};

class ExtremeState : public AggregateState {
 public:
  ExtremeState(Type result, bool max) : result_(result), max_(max) {}
  void Add(Vals args) override { Offer(args[0]); }
  void Merge(AggregateState& other) override {
    auto& o = Same<ExtremeState>(other);
    if (o.best_) Offer(*o.best_);
  }
  Value Finish() override { return best_ ? *best_ : Value::Null(result_); }

 private:
  void Offer(const Value& v) {
    if (IsNullish(v)) return;
    if (!best_ || (max_ ? CompareValues(v, *best_) > 0 : CompareValues(v, *best_) < 0)) best_ = v;
  }
  Type result_;
  bool max_;
  std::optional<Value> best_;
};

// One output column of arg_max/arg_min (args: the key, the column's value): the value from the row
// with the extreme key. Every column of one arg_max sees the same rows and breaks ties alike (the
// first row wins), so they agree on the row. Rows with a null key lose to any other; when every key
// is null, the first row's values are kept, as Kusto does.
class ArgExtremeState : public AggregateState {
 public:
  ArgExtremeState(Type result, bool max) : result_(result), max_(max) {}
  void Add(Vals args) override { Offer(args[0], args[1]); }
  void Merge(AggregateState& other) override {
    auto& o = Same<ArgExtremeState>(other);
    if (o.seen_) Offer(o.key_, o.value_);
  }
  Value Finish() override { return seen_ ? value_ : Value::Null(result_); }

 private:
  void Offer(const Value& key, const Value& value) {
    bool replace = !seen_;
    if (!replace && !IsNullish(key)) {
      replace = IsNullish(key_) || (max_ ? CompareValues(key, key_) > 0 : CompareValues(key, key_) < 0);
    }
    if (!replace) return;
    seen_ = true;
    key_ = key;
    value_ = value;
  }
  Type result_;
  bool max_;
  bool seen_ = false;
  Value key_;
  Value value_;
};

// Identity of a value for distinct counting and make_set: its type plus its text.
std::string Key(const Dynamic& d) {
  return std::to_string(static_cast<int>(d.kind())) + d.ToJson();
}

class ListState : public AggregateState {
 public:
  ListState(bool distinct, bool keep_nulls, int64_t limit)
      : distinct_(distinct), keep_nulls_(keep_nulls), limit_(limit) {}
  void Add(Vals args) override {
    const Value& v = args[0];
    if (v.type() == Type::Dynamic) {
      const Dynamic* d = DynOf(v);
      if (d != nullptr && d->kind() == Dynamic::Kind::Array) {
        for (const Dynamic& item : d->array()) Push(item);
      } else {
        Push(d ? *d : Dynamic());
      }
      return;
    }
    if (v.is_null() && !keep_nulls_) return;
    Push(ToDynamic(v));
  }
  void Merge(AggregateState& other) override {
    for (const Dynamic& item : Same<ListState>(other).items_) Push(item);
  }
  Value Finish() override { return Value::Dyn(Dynamic::MakeArray(items_)); }

 private:
  void Push(const Dynamic& item) {
    if (static_cast<int64_t>(items_.size()) >= limit_) return;
    if (distinct_ && !seen_.insert(Key(item)).second) return;
    items_.push_back(item);
  }
  bool distinct_;
  bool keep_nulls_;
  int64_t limit_;
  Dynamic::Array items_;
  std::unordered_set<std::string> seen_;
};

class BagState : public AggregateState {
 public:
  void Add(Vals args) override {
    const Dynamic* d = DynOf(args[0]);
    if (d == nullptr || d->kind() != Dynamic::Kind::Object) return;
    for (const auto& [k, x] : d->object()) Put(k, x);
  }
  void Merge(AggregateState& other) override {
    for (const auto& [k, x] : Same<BagState>(other).members_) Put(k, x);
  }
  Value Finish() override { return Value::Dyn(Dynamic::MakeObject(members_)); }

 private:
  // The first value seen for a key wins.
  void Put(const std::string& k, const Dynamic& x) {
    if (keys_.insert(k).second) members_.emplace_back(k, x);
  }
  Dynamic::Object members_;
  std::unordered_set<std::string> keys_;
};

class AnyState : public AggregateState {
 public:
  explicit AnyState(Type result) : result_(result) {}
  void Add(Vals args) override {
    if (!value_ || (IsNullish(*value_) && !IsNullish(args[0]))) value_ = args[0];
  }
  void Merge(AggregateState& other) override {
    auto& o = Same<AnyState>(other);
    if (o.value_) Add(std::span<const Value>(&*o.value_, 1));
  }
  Value Finish() override { return value_ ? *value_ : Value::Null(result_); }

 private:
  Type result_;
  std::optional<Value> value_;
};

// Exact distinct count (Kusto's dcount is a HyperLogLog estimate; exact agrees on small inputs).
class DcountState : public AggregateState {
 public:
  void Add(Vals args) override {
    if (!IsNullish(args[0])) seen_.insert(Key(ToDynamic(args[0])));
  }
  void Merge(AggregateState& other) override {
    auto& o = Same<DcountState>(other);
    seen_.insert(o.seen_.begin(), o.seen_.end());
  }
  Value Finish() override { return Value::Long(static_cast<int64_t>(seen_.size())); }

 private:
  std::unordered_set<std::string> seen_;
};

// Welford's running variance; Chan's formula merges partial states.
class VarianceState : public AggregateState {
 public:
  VarianceState(bool population, bool root) : population_(population), root_(root) {}
  void Add(Vals args) override {
    std::optional<double> x = ToReal(args[0]);
    if (!x) return;
    ++n_;
    double delta = *x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (*x - mean_);
  }
  void Merge(AggregateState& other) override {
    auto& o = Same<VarianceState>(other);
    if (o.n_ == 0) return;
    int64_t n = n_ + o.n_;
    double delta = o.mean_ - mean_;
    m2_ +=
        o.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(o.n_) / static_cast<double>(n);
    mean_ += delta * static_cast<double>(o.n_) / static_cast<double>(n);
    n_ = n;
  }
  Value Finish() override {
    int64_t divisor = population_ ? n_ : n_ - 1;
    double variance = divisor <= 0 ? 0 : m2_ / static_cast<double>(divisor);
    // Kusto rounds the variance to 10 decimals, and stdev is the root of that rounded value
    // (aggregation-0009: variance 9.1666666667, stdev 3.027650354102996).
    variance = std::round(variance * 1e10) / 1e10;
    return Value::Real(root_ ? std::sqrt(variance) : variance);
  }

 private:
  bool population_;
  bool root_;
  int64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

// Wraps an aggregate so that it only sees rows whose last argument (the predicate) is true.
// The *if variants: Kusto's predicate follows the aggregate's required arguments (`sumif(x, p)`,
// `make_list_if(x, p, maxSize)`), at index `at`; the other arguments go to the inner aggregate.
class IfState : public AggregateState {
 public:
  IfState(std::unique_ptr<AggregateState> inner, size_t at) : inner_(std::move(inner)), at_(at) {}
  void Add(Vals args) override {
    std::optional<bool> b = ToBool(args[at_]);
    if (!b || !*b) return;
    if (at_ + 1 == args.size()) return inner_->Add(args.first(at_));
    std::vector<Value> rest(args.begin(), args.end());
    rest.erase(rest.begin() + static_cast<ptrdiff_t>(at_));
    inner_->Add(rest);
  }
  void Merge(AggregateState& other) override { inner_->Merge(*Same<IfState>(other).inner_); }
  Value Finish() override { return inner_->Finish(); }

 private:
  std::unique_ptr<AggregateState> inner_;
  size_t at_;
};

// `args` without the element at `at`.
std::vector<BoundArg> Without(Args args, size_t at) {
  std::vector<BoundArg> rest(args.begin(), args.end());
  rest.erase(rest.begin() + static_cast<ptrdiff_t>(at));
  return rest;
}

using Factory = std::function<std::unique_ptr<AggregateState>(Args)>;
using Binder = std::function<Type(Args)>;

int64_t Limit(Args args, size_t index) {
  if (args.size() <= index || !args[index].is_constant) return 1'048'576;
  return ToLong(args[index].constant).value_or(1'048'576);
}

Type SumType(Type t) {
  if (t == Type::Real || t == Type::Decimal || t == Type::TimeSpan) return t;
  if (t == Type::Dynamic) return Type::Real;
  return Type::Long;
}

void Register(Registry& r, std::string name, std::string prefix, size_t min, size_t max, Binder bind,
              Factory make, bool conditional) {
  std::string fname = name;
  size_t extra = conditional ? 1 : 0;
  r.Add(AggregateFunction{name, std::move(prefix),
                          [fname, min, max, extra, bind](Args args) {
                            CheckArity(fname, args, min + extra, max + extra);
                            if (!extra) return bind(args);
                            ExpectArg(fname, args, min, {Type::Bool});
                            return bind(Without(args, min));
                          },
                          [make, min, extra](Args args) -> std::unique_ptr<AggregateState> {
                            if (!extra) return make(args);
                            return std::make_unique<IfState>(make(Without(args, min)), min);
                          }});
}

// An aggregate and its *if variant (sum and sumif, ...).
void RegisterPair(Registry& r, const std::string& name, const std::string& prefix, size_t min, size_t max,
                  Binder bind, Factory make) {
  Register(r, name, prefix + "_", min, max, bind, make, false);
  Register(r, name + "if", prefix + "if_", min, max, bind, make, true);
}

Binder Fixed(Type t) {
  return [t](Args) { return t; };
}

Binder NumericArg(std::string name, std::function<Type(Type)> result) {
  return [name, result](Args args) {
    Type t = args[0].type;
    if (!IsNumericLike(t) && t != Type::TimeSpan)
      Fail(name, "argument must be numeric, got " + std::string(TypeName(t)));
    return result(t);
  };
}

}  // namespace

void RegisterAggregates(Registry& r) {
  Register(
      r, "count", "count_", 0, 1, Fixed(Type::Long), [](Args) { return std::make_unique<CountState>(false); },
      false);
  Register(
      r, "countif", "countif_", 1, 1, Fixed(Type::Long),
      [](Args) { return std::make_unique<CountState>(true); }, false);
  RegisterPair(r, "dcount", "dcount", 1, 2, Fixed(Type::Long),
               [](Args) { return std::make_unique<DcountState>(); });
  // count_distinct is documented exact; dcount here is exact too, so they share the state.
  RegisterPair(r, "count_distinct", "count_distinct", 1, 1, Fixed(Type::Long),
               [](Args) { return std::make_unique<DcountState>(); });
  RegisterPair(r, "sum", "sum", 1, 1, NumericArg("sum", SumType),
               [](Args a) { return std::make_unique<SumState>(SumType(a[0].type)); });
  RegisterPair(r, "avg", "avg", 1, 1, NumericArg("avg", [](Type) { return Type::Real; }),
               [](Args a) { return std::make_unique<AvgState>(IsInteger(a[0].type)); });
  auto same = [](Args a) { return a[0].type; };
  RegisterPair(r, "min", "min", 1, 1, same,
               [](Args a) { return std::make_unique<ExtremeState>(a[0].type, false); });
  RegisterPair(r, "max", "max", 1, 1, same,
               [](Args a) { return std::make_unique<ExtremeState>(a[0].type, true); });
  Binder dyn = Fixed(Type::Dynamic);
  Register(
      r, "make_list", "list_", 1, 2, dyn,
      [](Args a) { return std::make_unique<ListState>(false, false, Limit(a, 1)); }, false);
  Register(
      r, "make_list_if", "list_", 1, 2, dyn,
      [](Args a) { return std::make_unique<ListState>(false, false, Limit(a, 1)); }, true);
  Register(
      r, "make_list_with_nulls", "list_", 1, 2, dyn,
      [](Args a) { return std::make_unique<ListState>(false, true, Limit(a, 1)); }, false);
  Register(
      r, "make_set", "set_", 1, 2, dyn,
      [](Args a) { return std::make_unique<ListState>(true, false, Limit(a, 1)); }, false);
  Register(
      r, "make_set_if", "set_", 1, 2, dyn,
      [](Args a) { return std::make_unique<ListState>(true, false, Limit(a, 1)); }, true);
  Register(
      r, "make_bag", "bag_", 1, 2, dyn, [](Args) { return std::make_unique<BagState>(); }, false);
  Register(
      r, "make_bag_if", "bag_", 1, 2, dyn, [](Args) { return std::make_unique<BagState>(); }, true);
  r.Alias("makelist", "make_list");
  r.Alias("makeset", "make_set");
  Register(
      r, "any", "any_", 1, 1, same, [](Args a) { return std::make_unique<AnyState>(a[0].type); }, false);
  r.Alias("take_any", "any");
  Register(
      r, "anyif", "anyif_", 1, 1, same, [](Args a) { return std::make_unique<AnyState>(a[0].type); }, true);
  r.Alias("take_anyif", "anyif");
  // Internal ("__"): the binder expands arg_max(Key, Col1, *) into one call per output column.
  auto second = [](Args a) { return a[1].type; };
  Register(
      r, "__arg_max", "max_", 2, 2, second,
      [](Args a) { return std::make_unique<ArgExtremeState>(a[1].type, true); }, false);
  Register(
      r, "__arg_min", "min_", 2, 2, second,
      [](Args a) { return std::make_unique<ArgExtremeState>(a[1].type, false); }, false);
  Binder real = NumericArg("stdev", [](Type) { return Type::Real; });
  RegisterPair(r, "stdev", "stdev", 1, 1, real,
               [](Args) { return std::make_unique<VarianceState>(false, true); });
  RegisterPair(r, "stdevp", "stdevp", 1, 1, real,
               [](Args) { return std::make_unique<VarianceState>(true, true); });
  RegisterPair(r, "variance", "variance", 1, 1, real,
               [](Args) { return std::make_unique<VarianceState>(false, false); });
  RegisterPair(r, "variancep", "variancep", 1, 1, real,
               [](Args) { return std::make_unique<VarianceState>(true, false); });
}

}  // namespace iochound::fn
