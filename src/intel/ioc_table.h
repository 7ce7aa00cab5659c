// IOCs as rows of typed columns, so the query result writers (jsonl, csv, table, json) print them.
#pragma once

#include <vector>

#include "intel/ioc.h"
#include "types/column.h"

namespace iochound {

// How Aliases, Tags and Sources are typed: dynamic arrays (JSON output), or `;`-joined strings for
// flat CSV that spreadsheets and SIEM lookups read.
enum class IocListColumns { kDynamic, kJoined };

// Value (with the port for ip:port), Type, ThreatType, Family, FamilyName, Aliases, Confidence
// (long, null when unknown), FirstSeen, LastSeen (datetime), Reference, Tags, Reporter, Sources.
Schema IocSchema(IocListColumns lists);

// The rows of `iocs[begin, end)`.
Batch IocBatch(const std::vector<const Ioc*>& iocs, size_t begin, size_t end, IocListColumns lists);

}  // namespace iochound
