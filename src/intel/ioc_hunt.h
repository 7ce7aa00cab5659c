// `iochound hunt`: every row of a table checked against the loaded IOCs in the columns where an IOC
// can occur, with no query to write. Each hit is an alert row: where it matched, the IOC with all its
// metadata, and the whole evidence row.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog.h"
#include "intel/ioc_matcher.h"
#include "intel/ioc_table.h"
#include "sinks/result_writer.h"

namespace iochound {

// What a column holds, as far as hunting goes.
enum class HuntField { kDomain, kUrl, kIp, kIpList, kHash };

// By the column's name (and the table's for ambiguous names such as DnsEvents.Name): DNS query
// names and destination host names, URLs, remote/destination addresses and DNS answers, and hash
// columns (names ending in MD5, SHA1, SHA256, SHA384). nullopt for columns not hunted.
std::optional<HuntField> ClassifyHuntColumn(std::string_view table, std::string_view column);

struct HuntStats {
  uint64_t rows = 0;
  uint64_t alerts = 0;
  std::map<std::string, uint64_t> alerts_by_ioc_type;
};

// Table, Column, Matched (the column's value), then the IOC's columns (IocSchema), then Evidence:
// the matched row as a dynamic object of all its columns.
Schema AlertSchema(IocListColumns lists);

// How a hunt scans its tables: on `threads` threads, and unless `prefilter` is false decoding only
// the records whose raw bytes may hold a match (the matcher's RawTexts as literals).
ScanHints HuntScanHints(const IocMatcher& matcher, bool prefilter, int threads);

// Scans `table` (all columns, with `hints`) and writes one alert per (row, column, IOC) match to
// `writer`, which has begun with AlertSchema(lists). Every record counts in stats.rows, decoded or
// ruled out by the prefilter. Returns false when the table has no hunted column.
bool HuntTable(std::string_view name, TableSource& table, const IocMatcher& matcher, IocListColumns lists,
               ScanHints hints, ResultWriter& writer, HuntStats& stats);

}  // namespace iochound
