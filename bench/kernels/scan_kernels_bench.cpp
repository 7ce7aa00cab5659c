// The byte-scanning kernels under a hunt's prefilter and CSV cutting, over synthetic DnsEvents-shaped
// lines held in memory: how many bytes a second each scans, apart from reading and decoding.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "common/ascii.h"
#include "decoders/csv_decoder.h"
#include "decoders/term_prefilter.h"

namespace iochound {
namespace {

std::string RandomLabel(std::mt19937& random, size_t length) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string label;
  for (size_t i = 0; i < length; ++i) label += kAlphabet[random() % 36];
  return label;
}

// ~32 MB of JSON Lines shaped like the generator's DnsEvents records.
const std::string& JsonLines() {
  static const std::string lines = [] {
    std::mt19937 random(1);
    std::string out;
    while (out.size() < (size_t{32} << 20)) {
      out +=
          R"({"TenantId":"ace23218-a118-489c-816f-841febaf10ed","SourceSystem":"OpsManager",)"
          R"("TimeGenerated":"2026-04-17T00:00:00.0002390Z","Computer":"DC02.contoso.local","EventId":257,)"
          R"("SubType":"LookupQuery","ClientIP":"10.1.3.157","Message":"QUERY_RECEIVED: TCP=0; QNAME=)" +
          RandomLabel(random, 8) + R"(.example.com.; QTYPE=1","Name":")" + RandomLabel(random, 8) +
          R"(.example.com","QueryType":"A","IPAddresses":"28.153.144.26,119.110.28.118","Result":"Success",)"
          R"("ResultCode":0,"TaskCategory":"LookupQuery","Type":"DnsEvents","_ResourceId":"/subscriptions/)"
          R"(ab545b33-8e9a-4fa7-8e8b-876c6ec160ee/resourcegroups/rg-identity/providers/microsoft.compute/)"
          R"(virtualmachines/dc02"})"
          "\n";
    }
    return out;
  }();
  return lines;
}

// The same records as CSV rows, IPAddresses quoted as Sentinel's export does.
const std::string& CsvRows() {
  static const std::string rows = [] {
    std::mt19937 random(1);
    std::string out = "TenantId,TimeGenerated,Computer,Name,IPAddresses,Result\n";
    while (out.size() < (size_t{32} << 20)) {
      out += "ace23218-a118-489c-816f-841febaf10ed,2026-04-17T00:00:00.0002390Z,DC02.contoso.local," +
             RandomLabel(random, 8) + ".example.com,\"28.153.144.26,119.110.28.118\",Success\n";
    }
    return out;
  }();
  return rows;
}

// One whole term of each of 100,000 generated domains, as `has_any` over an IOC list gives them.
void BM_TermPrefilterFindLines(benchmark::State& state) {
  std::mt19937 random(7);
  std::vector<std::string> terms;
  for (int i = 0; i < 100000; ++i) terms.push_back(RandomLabel(random, 12));
  TermPrefilter prefilter(terms, true);
  const std::string& data = JsonLines();
  std::vector<uint64_t> lines;
  for (auto _ : state) {
    lines.clear();
    prefilter.FindLines(data, 0, lines);
    benchmark::DoNotOptimize(lines.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_TermPrefilterFindLines)->Unit(benchmark::kMillisecond);

void BM_FindEitherByte(benchmark::State& state) {
  const std::string& data = CsvRows();
  for (auto _ : state) {
    size_t found = 0;
    for (size_t at = FindEitherByte(data, ',', '\n'); at != std::string::npos;
         at = FindEitherByte(data, ',', '\n', at + 1))
      ++found;
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * CsvRows().size()));
}
BENCHMARK(BM_FindEitherByte)->Unit(benchmark::kMillisecond);

void BM_CsvWholeRowsEnd(benchmark::State& state) {
  const std::string& data = CsvRows();
  for (auto _ : state) {
    uint64_t newlines = 0;
    benchmark::DoNotOptimize(CsvWholeRowsEnd(data, newlines));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_CsvWholeRowsEnd)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace iochound
