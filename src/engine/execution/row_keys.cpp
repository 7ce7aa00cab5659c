#include "engine/execution/row_keys.h"

#include <cmath>
#include <cstring>

namespace iochound {

int CompareNonNull(const Column& a, size_t row_a, const Column& b, size_t row_b) {
  switch (a.type()) {
    case Type::Real:
    case Type::Decimal: {
      double x = a.RealAt(row_a), y = b.RealAt(row_b);
      if (std::isnan(x) || std::isnan(y))
        return std::isnan(x) == std::isnan(y) ? 0 : (std::isnan(x) ? -1 : 1);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case Type::String:
    case Type::Guid: {
      int c = a.StringAt(row_a).compare(b.StringAt(row_b));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::Dynamic: {
      std::string x = a.DynamicAt(row_a).ToJson(), y = b.DynamicAt(row_b).ToJson();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    default: {
      int64_t x = a.IntAt(row_a), y = b.IntAt(row_b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
  }
}

void AppendGroupKey(const Column& column, size_t row, std::string& key) {
  if (column.IsNull(row)) {
    key.push_back('\0');
    return;
  }
  key.push_back('\1');
  switch (column.type()) {
    case Type::Real:
    case Type::Decimal: {
      double d = column.RealAt(row);
      if (d == 0) d = 0;  // -0.0 and 0.0 are one group
      char bytes[sizeof d];
      std::memcpy(bytes, &d, sizeof d);
      key.append(bytes, sizeof d);
      break;
    }
    case Type::String:
    case Type::Guid: {
      std::string_view s = column.StringAt(row);
      uint32_t n = static_cast<uint32_t>(s.size());
      key.append(reinterpret_cast<const char*>(&n), sizeof n);
      key.append(s);
      break;
    }
    case Type::Dynamic: {
      std::string json = column.DynamicAt(row).ToJson();
      uint32_t n = static_cast<uint32_t>(json.size());
      key.append(reinterpret_cast<const char*>(&n), sizeof n);
      key.append(json);
      break;
    }
    default: {
      int64_t v = column.IntAt(row);
      key.append(reinterpret_cast<const char*>(&v), sizeof v);
      break;
    }
  }
}

}  // namespace iochound
