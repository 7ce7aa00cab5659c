// Series functions over the dynamic arrays make-series returns: series_fill_*, series_stats_dynamic,
// series_iir, the element-wise comparisons, series_pearson_correlation and array_iff.
#include <cmath>
#include <optional>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

const Dynamic::Array* ArrayOf(const Value& v) {
  const Dynamic* d = DynOf(v);
  return d != nullptr && d->kind() == Dynamic::Kind::Array ? &d->array() : nullptr;
}

// A numeric element as a double; nullopt for nulls and non-numbers, which series functions skip.
std::optional<double> NumberOf(const Dynamic& d) {
  if (d.kind() == Dynamic::Kind::Long) return static_cast<double>(d.int_value());
  if (d.kind() == Dynamic::Kind::Real) return d.real_value();
  if (d.kind() == Dynamic::Kind::Bool) return d.bool_value() ? 1.0 : 0.0;
  return std::nullopt;
}

std::vector<std::optional<double>> NumbersOf(const Dynamic::Array& a) {
  std::vector<std::optional<double>> out;
  out.reserve(a.size());
  for (const Dynamic& d : a) out.push_back(NumberOf(d));
  return out;
}

Value Array(Dynamic::Array items) {
  return Value::Dyn(Dynamic::MakeArray(std::move(items)));
}

ScalarFunction Series(std::string name, size_t min, size_t max, std::function<Value(Vals)> f) {
  return ScalarFunction{name,
                        [name, min, max](Args args) {
                          CheckArity(name, args, min, max);
                          return Type::Dynamic;
                        },
                        [f = std::move(f)](Vals v, const EvalContext&) { return f(v); }};
}

// The element to fill: Kusto fills nulls, and also the given missing value when there is one.
bool IsMissing(const Dynamic& d, Vals v, size_t missing_arg) {
  if (d.is_null()) return true;
  if (v.size() <= missing_arg || IsNullish(v[missing_arg])) return false;
  std::optional<double> x = NumberOf(d), m = ToReal(v[missing_arg]);
  return x && m && *x == *m;
}

Value FillForwardOrBackward(Vals v, bool forward) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr) return Value::Null(Type::Dynamic);
  Dynamic::Array out = *a;
  std::optional<Dynamic> last;
  auto visit = [&](size_t i) {
    if (IsMissing(out[i], v, 1)) {
      if (last) out[i] = *last;
    } else {
      last = out[i];
    }
  };
  if (forward) {
    for (size_t i = 0; i < out.size(); ++i) visit(i);
  } else {
    for (size_t i = out.size(); i-- > 0;) visit(i);
  }
  return Array(std::move(out));
}

Value FillConst(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr) return Value::Null(Type::Dynamic);
  Dynamic::Array out = *a;
  Dynamic constant = v.size() > 1 ? ToDynamic(v[1]) : Dynamic::MakeLong(0);
  for (auto& d : out) {
    if (IsMissing(d, v, 2)) d = constant;
  }
  return Array(std::move(out));
}

// Missing values between two known ones are interpolated linearly; leading and trailing ones are
// extrapolated from the nearest two known values, as Kusto's default fill_edges=true does.
Value FillLinear(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr) return Value::Null(Type::Dynamic);
  std::vector<size_t> known;
  for (size_t i = 0; i < a->size(); ++i) {
    if (!IsMissing((*a)[i], v, 1) && NumberOf((*a)[i])) known.push_back(i);
  }
  Dynamic::Array out = *a;
  if (known.size() == a->size() || known.empty()) return Array(std::move(out));
  bool all_integers = true;
  for (size_t i : known) all_integers &= (*a)[i].kind() == Dynamic::Kind::Long;
  auto value = [&](size_t i) { return *NumberOf((*a)[i]); };
  auto set = [&](size_t i, double x) {
    out[i] = all_integers && x == std::floor(x) ? Dynamic::MakeLong(static_cast<int64_t>(x))
                                                : Dynamic::MakeReal(x);
  };
  if (known.size() == 1) {
    for (size_t i = 0; i < out.size(); ++i) {
      if (i != known[0]) set(i, value(known[0]));
    }
    return Array(std::move(out));
  }
  for (size_t k = 0; k + 1 < known.size(); ++k) {
    size_t lo = known[k], hi = known[k + 1];
    for (size_t i = lo + 1; i < hi; ++i) {
      double t = static_cast<double>(i - lo) / static_cast<double>(hi - lo);
      set(i, value(lo) + (value(hi) - value(lo)) * t);
    }
  }
  auto extrapolate = [&](size_t i, size_t p, size_t q) {
    double slope = (value(q) - value(p)) / static_cast<double>(q - p);
    set(i, value(p) + slope * (static_cast<double>(i) - static_cast<double>(p)));
  };
  for (size_t i = 0; i < known.front(); ++i) extrapolate(i, known[0], known[1]);
  for (size_t i = known.back() + 1; i < out.size(); ++i)
    extrapolate(i, known[known.size() - 2], known.back());
  return Array(std::move(out));
}

Value StatsDynamic(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr) return Value::Null(Type::Dynamic);
  bool ignore_nonfinite = v.size() > 1 && !IsNullish(v[1]) && ToBool(v[1]).value_or(false);
  double min = 0, max = 0, sum = 0;
  int64_t min_idx = -1, max_idx = -1, n = 0;
  std::vector<double> xs;
  for (size_t i = 0; i < a->size(); ++i) {
    std::optional<double> x = NumberOf((*a)[i]);
    if (!x || (ignore_nonfinite && !std::isfinite(*x))) continue;
    if (n == 0 || *x < min) min = *x, min_idx = static_cast<int64_t>(i);
    if (n == 0 || *x > max) max = *x, max_idx = static_cast<int64_t>(i);
    sum += *x;
    xs.push_back(*x);
    ++n;
  }
  double avg = n > 0 ? sum / static_cast<double>(n) : std::nan("");
  double squares = 0;
  for (double x : xs) squares += (x - avg) * (x - avg);
  double variance = n > 1 ? squares / static_cast<double>(n - 1) : (n == 1 ? 0.0 : std::nan(""));
  auto number = [](double d) { return Dynamic::MakeReal(d); };
  auto index = [](int64_t i) { return i < 0 ? Dynamic() : Dynamic::MakeLong(i); };
  Dynamic::Object stats = {{"min", n ? number(min) : Dynamic()},
                           {"min_idx", index(min_idx)},
                           {"max", n ? number(max) : Dynamic()},
                           {"max_idx", index(max_idx)},
                           {"avg", number(avg)},
                           {"stdev", number(std::sqrt(variance))},
                           {"variance", number(variance)},
                           {"sum", number(sum)},
                           {"len", Dynamic::MakeLong(static_cast<int64_t>(a->size()))}};
  return Value::Dyn(Dynamic::MakeObject(std::move(stats)));
}

// y[n] = (sum_k b[k] x[n-k] - sum_{k>=1} a[k] y[n-k]) / a[0]; missing x values count as 0.
Value Iir(Vals v) {
  const Dynamic::Array* x = ArrayOf(v[0]);
  const Dynamic::Array* b = ArrayOf(v[1]);
  const Dynamic::Array* a = ArrayOf(v[2]);
  if (x == nullptr || b == nullptr || a == nullptr || a->empty()) return Value::Null(Type::Dynamic);
  std::vector<std::optional<double>> xs = NumbersOf(*x), bs = NumbersOf(*b), as = NumbersOf(*a);
  double a0 = as[0].value_or(0);
  if (a0 == 0) return Value::Null(Type::Dynamic);
  std::vector<double> ys(xs.size());
  Dynamic::Array out;
  for (size_t n = 0; n < xs.size(); ++n) {
    double y = 0;
    for (size_t k = 0; k < bs.size() && k <= n; ++k) y += bs[k].value_or(0) * xs[n - k].value_or(0);
    for (size_t k = 1; k < as.size() && k <= n; ++k) y -= as[k].value_or(0) * ys[n - k];
    ys[n] = y / a0;
    out.push_back(Dynamic::MakeReal(ys[n]));
  }
  return Array(std::move(out));
}

// series_greater(a, b) and friends: element-wise, `b` an array or a scalar; null where either is.
Value Compare(Vals v, bool (*op)(double, double)) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr) return Value::Null(Type::Dynamic);
  const Dynamic::Array* b = ArrayOf(v[1]);
  std::optional<double> scalar = b == nullptr && !IsNullish(v[1]) ? ToReal(v[1]) : std::nullopt;
  Dynamic::Array out;
  for (size_t i = 0; i < a->size(); ++i) {
    std::optional<double> x = NumberOf((*a)[i]);
    std::optional<double> y = b != nullptr ? (i < b->size() ? NumberOf((*b)[i]) : std::nullopt) : scalar;
    out.push_back(x && y ? Dynamic::MakeBool(op(*x, *y)) : Dynamic());
  }
  return Array(std::move(out));
}

// Centered sums, divided by the product of the two roots, which is how Kusto's result rounds.
Value Pearson(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  const Dynamic::Array* b = ArrayOf(v[1]);
  if (a == nullptr || b == nullptr || a->size() != b->size() || a->empty()) return Value::Null(Type::Real);
  std::vector<std::optional<double>> xs = NumbersOf(*a), ys = NumbersOf(*b);
  double n = 0, mean_x = 0, mean_y = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!xs[i] || !ys[i]) continue;
    n += 1, mean_x += *xs[i], mean_y += *ys[i];
  }
  mean_x /= n, mean_y /= n;
  double cov = 0, var_x = 0, var_y = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    if (!xs[i] || !ys[i]) continue;
    double dx = *xs[i] - mean_x, dy = *ys[i] - mean_y;
    cov += dx * dy, var_x += dx * dx, var_y += dy * dy;
  }
  return Value::Real(cov / (std::sqrt(var_x) * std::sqrt(var_y)));
}

// series_fit_line assigned to one column is its first output, the R² of the least-squares line.
Value FitLineRSquare(Vals v) {
  const Dynamic::Array* a = ArrayOf(v[0]);
  if (a == nullptr || a->empty()) return Value::Null(Type::Real);
  std::vector<std::optional<double>> ys = NumbersOf(*a);
  double n = 0, mean_x = 0, mean_y = 0;
  for (size_t i = 0; i < ys.size(); ++i) {
    if (!ys[i]) continue;
    n += 1, mean_x += static_cast<double>(i), mean_y += *ys[i];
  }
  mean_x /= n, mean_y /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < ys.size(); ++i) {
    if (!ys[i]) continue;
    double dx = static_cast<double>(i) - mean_x, dy = *ys[i] - mean_y;
    sxy += dx * dy, sxx += dx * dx, syy += dy * dy;
  }
  return Value::Real(sxx == 0 || syy == 0 ? 0.0 : (sxy * sxy) / (sxx * syy));
}

// array_iff(conditions, when_true, when_false): element-wise; the branches may be arrays or scalars.
Value ArrayIff(Vals v) {
  const Dynamic::Array* conditions = ArrayOf(v[0]);
  if (conditions == nullptr) return Value::Null(Type::Dynamic);
  auto pick = [&](const Value& branch, size_t i) -> Dynamic {
    if (const Dynamic::Array* a = ArrayOf(branch)) return i < a->size() ? (*a)[i] : Dynamic();
    return ToDynamic(branch);
  };
  Dynamic::Array out;
  for (size_t i = 0; i < conditions->size(); ++i) {
    const Dynamic& c = (*conditions)[i];
    std::optional<double> truth = NumberOf(c);
    if (!truth) {
      out.push_back(Dynamic());
      continue;
    }
    out.push_back(*truth != 0 ? pick(v[1], i) : pick(v[2], i));
  }
  return Array(std::move(out));
}

}  // namespace

void RegisterSeriesFunctions(Registry& r) {
  r.Add(Series("series_fill_forward", 1, 2, [](Vals v) { return FillForwardOrBackward(v, true); }));
  r.Add(Series("series_fill_backward", 1, 2, [](Vals v) { return FillForwardOrBackward(v, false); }));
  r.Add(Series("series_fill_const", 1, 3, FillConst));
  r.Add(Series("series_fill_linear", 1, 4, FillLinear));
  r.Add(Series("series_stats_dynamic", 1, 2, StatsDynamic));
  r.Add(Series("series_iir", 3, 3, Iir));
  r.Add(Series("series_greater", 2, 2,
               [](Vals v) { return Compare(v, [](double a, double b) { return a > b; }); }));
  r.Add(Series("series_greater_equals", 2, 2,
               [](Vals v) { return Compare(v, [](double a, double b) { return a >= b; }); }));
  r.Add(Series("series_less", 2, 2,
               [](Vals v) { return Compare(v, [](double a, double b) { return a < b; }); }));
  r.Add(Series("series_less_equals", 2, 2,
               [](Vals v) { return Compare(v, [](double a, double b) { return a <= b; }); }));
  r.Add(Series("series_equals", 2, 2,
               [](Vals v) { return Compare(v, [](double a, double b) { return a == b; }); }));
  r.Add(Series("series_not_equals", 2, 2,
               [](Vals v) { return Compare(v, [](double a, double b) { return a != b; }); }));
  r.Add(Series("array_iff", 3, 3, ArrayIff));
  r.Alias("array_iif", "array_iff");
  r.Add(Simple("series_fit_line", 1, 1, Type::Real,
               [](Vals v, const EvalContext&) { return FitLineRSquare(v); }));
  r.Add(Simple("series_pearson_correlation", 2, 2, Type::Real,
               [](Vals v, const EvalContext&) { return Pearson(v); }));
}

}  // namespace iochound::fn
