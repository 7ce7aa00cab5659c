// Rows of every column type drawn from small sets of awkward values (extremes, NaN, -0.0, empty and
// invalid UTF-8 strings with NULs, dynamic values of every kind, nested, with member order that
// matters), so that sorts see many ties and nulls and serializers see every edge.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "types/column.h"

namespace iochound::testing {

inline const Schema& AdversarialSchema() {
  static const Schema schema = {{"B", Type::Bool},     {"I", Type::Int},      {"L", Type::Long},
                                {"R", Type::Real},     {"M", Type::Decimal},  {"S", Type::String},
                                {"T", Type::DateTime}, {"D", Type::TimeSpan}, {"G", Type::Guid},
                                {"Y", Type::Dynamic}};
  return schema;
}

inline std::vector<Dynamic> AdversarialDynamics() {
  using D = Dynamic;
  D nested =
      D::MakeObject({{"b", D::MakeLong(1)},
                     {"a", D::MakeArray({D::MakeBool(true), D::MakeArray(), D::MakeObject()})},
                     {std::string("k\xff\0y", 4), D::MakeGuid("0f8fad5b-d9cb-469f-a165-70867728950e")}});
  return {D(),
          D::MakeBool(false),
          D::MakeLong(INT64_MIN),
          D::MakeLong(42),
          D::MakeReal(std::bit_cast<double>(uint64_t{0x7ff8000000000123})),
          D::MakeReal(-0.0),
          D::MakeString("2020-01-01T00:00:00.0000000Z"),
          D::MakeDateTime(637134336000000000),
          D::MakeTimeSpan(-1),
          D::MakeGuid("00000000-0000-0000-0000-000000000000"),
          D::MakeString(std::string("\xc3\x28\0\xff", 4)),
          D::MakeArray({D::MakeLong(1), D::MakeString("x"), D::MakeReal(0.5), D()}),
          nested,
          D::MakeObject({{"a", D::MakeArray({D::MakeBool(true), D::MakeArray(), D::MakeObject()})},
                         {"b", D::MakeLong(1)}})};
}

// `rows` rows, the value of each cell picked by `seed`, the row and the column; with sources (every
// row a different offset, some unknown) or none.
inline Batch AdversarialBatch(size_t rows, uint64_t seed, bool with_sources) {
  const std::vector<double> reals = {std::bit_cast<double>(uint64_t{0x7ff8000000000123}),
                                     -0.0,
                                     0.0,
                                     1.5,
                                     -1.5,
                                     1e300,
                                     5e-324,
                                     -std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::infinity()};
  const std::vector<std::string> strings = {"",         "a",        "A", std::string("a\0b", 3),
                                            "\xff\xfe", "\xc3\xa9", "a "};
  const std::vector<int64_t> ints = {INT32_MIN, -1, 0, 1, INT32_MAX};
  const std::vector<int64_t> longs = {INT64_MIN, -1, 0, 7, INT64_MAX};
  const std::vector<std::string> guids = {"00000000-0000-0000-0000-000000000000",
                                          "0f8fad5b-d9cb-469f-a165-70867728950e"};
  const std::vector<Dynamic> dynamics = AdversarialDynamics();
  Batch batch;
  batch.rows = rows;
  auto sources = std::make_shared<RowSources>();
  for (size_t c = 0; c < AdversarialSchema().size(); ++c) {
    auto column = std::make_shared<Column>(AdversarialSchema()[c].type);
    for (size_t r = 0; r < rows; ++r) {
      uint64_t pick = (seed * 1000003 + r * 7919 + c * 104729) * 2654435761u >> 7;
      if (pick % 11 == 0 && column->type() != Type::String) {
        column->AppendNull();
        continue;
      }
      switch (column->type()) {
        case Type::Bool:
          column->AppendInt(pick % 2);
          break;
        case Type::Int:
          column->AppendInt(ints[pick % ints.size()]);
          break;
        case Type::Long:
        case Type::TimeSpan:
          column->AppendInt(longs[pick % longs.size()]);
          break;
        case Type::DateTime:
          column->AppendInt(static_cast<int64_t>(pick % 3) * 630822816000000000);
          break;
        case Type::Real:
        case Type::Decimal:
          column->AppendReal(reals[pick % reals.size()]);
          break;
        case Type::String:
          column->AppendString(strings[pick % strings.size()]);
          break;
        case Type::Guid:
          column->AppendString(guids[pick % guids.size()]);
          break;
        default:
          column->AppendDynamic(dynamics[pick % dynamics.size()]);
          break;
      }
    }
    batch.columns.push_back(std::move(column));
  }
  for (size_t r = 0; r < rows; ++r) {
    if (r % 5 == 4) {
      sources->AppendUnknown(1);
    } else {
      sources->Append(r % 3 == 0 ? "a.jsonl" : std::string("dir/\xff b.evtx"), seed * 1'000'000 + r);
    }
  }
  if (with_sources) batch.sources = std::move(sources);
  return batch;
}

}  // namespace iochound::testing
