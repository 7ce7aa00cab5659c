// Comparing and hashing column values, for sort, summarize and distinct.
#pragma once

#include <string>

#include "types/column.h"

namespace iochound {

// Three-way comparison of two non-null values of columns of the same type, in Kusto's sort order
// (numbers numerically, strings ordinally, bools false < true).
int CompareNonNull(const Column& a, size_t row_a, const Column& b, size_t row_b);

// Appends a byte encoding of one value to `key` such that two values encode equally iff they
// are the same group in summarize/distinct (nulls form their own group).
void AppendGroupKey(const Column& column, size_t row, std::string& key);

}  // namespace iochound
