// Bitwise functions over longs: binary_and binary_or binary_xor binary_not binary_shift_left
// binary_shift_right. A null argument gives null; shifts by a count outside 0..63 are null, since the
// result of such a shift is not defined by the 64-bit arithmetic Kusto documents.
#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

ScalarFunction BitwiseBinary(std::string name, int64_t (*op)(int64_t, int64_t)) {
  return Simple(std::move(name), 2, 2, Type::Long, [op](Vals v, const EvalContext&) {
    std::optional<int64_t> a = ToLong(v[0]), b = ToLong(v[1]);
    return a && b ? Value::Long(op(*a, *b)) : Value::Null(Type::Long);
  });
}

ScalarFunction Shift(std::string name, bool left) {
  return Simple(std::move(name), 2, 2, Type::Long, [left](Vals v, const EvalContext&) {
    std::optional<int64_t> a = ToLong(v[0]), n = ToLong(v[1]);
    if (!a || !n || *n < 0 || *n > 63) return Value::Null(Type::Long);
    uint64_t bits = static_cast<uint64_t>(*a);
    // Kusto's long shifts are .NET's: left shifts drop high bits, right shifts keep the sign.
    return Value::Long(left ? static_cast<int64_t>(bits << *n) : (*a >> *n));
  });
}

}  // namespace

void RegisterBitwiseFunctions(Registry& r) {
  r.Add(BitwiseBinary("binary_and", [](int64_t a, int64_t b) { return a & b; }));
  r.Add(BitwiseBinary("binary_or", [](int64_t a, int64_t b) { return a | b; }));
  r.Add(BitwiseBinary("binary_xor", [](int64_t a, int64_t b) { return a ^ b; }));
  r.Add(Simple("binary_not", 1, 1, Type::Long, [](Vals v, const EvalContext&) {
    std::optional<int64_t> a = ToLong(v[0]);
    return a ? Value::Long(~*a) : Value::Null(Type::Long);
  }));
  r.Add(Shift("binary_shift_left", true));
  r.Add(Shift("binary_shift_right", false));
}

}  // namespace iochound::fn
