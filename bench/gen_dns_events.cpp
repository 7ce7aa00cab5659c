// Writes synthetic DnsEvents records, shaped like a Log Analytics export of Microsoft Sentinel's
// DnsEvents table, for benchmarks and demos. Deterministic: the same options give the same bytes.
//
//   gen_dns_events [--records N | --size BYTES] [--seed S] [--hit-rate R] [--domains FILE]
//                  [--format jsonl|csv] [-o FILE]
//   gen_dns_events --sample [-o FILE]     the curated demo sample (examples/dns_events.jsonl)
//   gen_dns_events --ioc-feed N [--seed S] [-o FILE]
//                                         N distinct C2-like domains, one a line (a plain IOC list)
//
// A fraction R of the records (default 0.0001) query the Nanocore C2 domains of the seed hunt
// (project1.in.net, defence.in.net, in varied spellings Kusto's `has` still matches), or the domains
// listed in FILE. Sizes are written as for --max-memory: k, m, g or t suffixes (powers of 1024).
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/memory_limit.h"

namespace {

constexpr int64_t kTicksPerSecond = 10'000'000;
constexpr int64_t kTicksPerDay = 86'400 * kTicksPerSecond;

// splitmix64: tiny, fast and identical on every platform, unlike std:: distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  uint64_t state_;
};

struct Record {
  int64_t ticks = 0;  // since the Unix epoch
  std::string computer;
  std::string client_ip;
  std::string name;
  std::string query_type;
  std::string ip_addresses;  // comma-separated, as DnsEvents stores them
  bool success = true;
  int result_code = 0;
  std::string policy = "NULL";  // the DNS policy that applied, shown in Message
};

// Names of ordinary lookups: none contains a term sequence that `has` would match with the seed's
// domains, so only planted records are hits.
const std::vector<std::string> kOrdinaryDomains = {
    "www.microsoft.com",
    "login.microsoftonline.com",
    "outlook.office365.com",
    "teams.microsoft.com",
    "graph.microsoft.com",
    "settings-win.data.microsoft.com",
    "time.windows.com",
    "ctldl.windowsupdate.com",
    "www.bing.com",
    "ocsp.digicert.com",
    "crl3.digicert.com",
    "update.googleapis.com",
    "www.google.com",
    "fonts.gstatic.com",
    "api.github.com",
    "github.com",
    "objects.githubusercontent.com",
    "cdn.jsdelivr.net",
    "ajax.aspnetcdn.com",
    "s3.amazonaws.com",
    "d1.awsstatic.com",
    "www.linkedin.com",
    "slack.com",
    "zoom.us",
    "fileserver01.contoso.local",
    "wpad.contoso.local",
    "_ldap._tcp.dc._msdcs.contoso.local",
    "sharepoint.contoso.com",
    "mail.contoso.com",
    "vpn.contoso.com",
    "intranet.contoso.local",
    "print01.contoso.local",
    "pypi.org",
    "registry.npmjs.org",
    "deb.debian.org",
    "security.ubuntu.com",
    "www.wikipedia.org",
    "in.net",
    "portal.in.net.contoso.com",
};

// Spellings of the seed's C2 domains that Kusto's `has` matches (case-insensitive, whole terms).
const std::vector<std::string> kSeedHits = {
    "project1.in.net", "defence.in.net", "c2.project1.in.net", "PROJECT1.IN.NET", "Defence.In.Net",
};

const std::vector<std::string> kDnsServers = {"DC01.contoso.local", "DC02.contoso.local",
                                              "DNS-EDGE01.contoso.local"};
const std::vector<std::string> kQueryTypes = {"A",    "A",     "A",  "A",   "A",   "A",  "AAAA",
                                              "AAAA", "CNAME", "MX", "TXT", "PTR", "SRV"};

int QueryTypeCode(std::string_view t) {
  if (t == "A") return 1;
  if (t == "AAAA") return 28;
  if (t == "CNAME") return 5;
  if (t == "MX") return 15;
  if (t == "TXT") return 16;
  if (t == "PTR") return 12;
  if (t == "SRV") return 33;
  return 255;
}

void AppendUint(std::string& out, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out += buf[--n];
}

void AppendPadded(std::string& out, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, width);
}

// 2026-04-18T10:00:00.1234567Z, the form Log Analytics exports datetimes in.
void AppendDateTime(std::string& out, int64_t ticks) {
  int64_t days = ticks / kTicksPerDay;  // generated times are after 1970: no negative flooring needed
  const int64_t in_day = ticks - days * kTicksPerDay;
  // Days to civil date (H. Hinnant's algorithm).
  days += 719468;
  const int64_t era = days / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2);
  const int64_t seconds = in_day / kTicksPerSecond;
  AppendPadded(out, year, 4);
  out += '-';
  AppendPadded(out, month, 2);
  out += '-';
  AppendPadded(out, day, 2);
  out += 'T';
  AppendPadded(out, seconds / 3600, 2);
  out += ':';
  AppendPadded(out, seconds / 60 % 60, 2);
  out += ':';
  AppendPadded(out, seconds % 60, 2);
  out += '.';
  AppendPadded(out, in_day % kTicksPerSecond, 7);
  out += 'Z';
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

void AppendCsvField(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string MakeGuid(Rng& rng) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(rng.Next()),
                static_cast<unsigned>(rng.Below(0x10000)), static_cast<unsigned>(rng.Below(0x1000)),
                static_cast<unsigned>(rng.Below(0x1000)),
                static_cast<unsigned long long>(rng.Next() & 0xFFFFFFFFFFFFull));
  return buf;
}

const char* const kColumns[] = {"TenantId",   "SourceSystem", "TimeGenerated", "Computer",
                                "EventId",    "SubType",      "ClientIP",      "Message",
                                "Name",       "QueryType",    "IPAddresses",   "Result",
                                "ResultCode", "TaskCategory", "Type",          "_ResourceId"};

class Writer {
 public:
  Writer(bool csv, uint64_t seed) : csv_(csv) {
    Rng rng(seed ^ 0x7E4A47);
    tenant_ = MakeGuid(rng);
    subscription_ = MakeGuid(rng);
  }

  void Header(std::string& out) const {
    if (!csv_) return;
    for (size_t i = 0; i < std::size(kColumns); ++i) {
      if (i > 0) out += ',';
      out += kColumns[i];
    }
    out += '\n';
  }

  void Append(std::string& out, const Record& r) {
    message_.clear();
    message_ += "QUERY_RECEIVED: TCP=0; InterfaceIP=10.0.0.4; Source=";
    message_ += r.client_ip;
    message_ += "; RD=1; QNAME=";
    message_ += r.name;
    if (r.name.empty() || r.name.back() != '.') message_ += '.';
    message_ += "; QTYPE=";
    AppendUint(message_, QueryTypeCode(r.query_type));
    message_ += "; RCODE=";
    AppendUint(message_, r.result_code);
    message_ += "; PolicyName=";
    message_ += r.policy;
    time_.clear();
    AppendDateTime(time_, r.ticks);
    resource_.clear();
    resource_ += "/subscriptions/";
    resource_ += subscription_;
    resource_ += "/resourcegroups/rg-identity/providers/microsoft.compute/virtualmachines/";
    for (char c : r.computer.substr(0, r.computer.find('.'))) resource_ += static_cast<char>(std::tolower(c));

    const std::string_view values[] = {
        tenant_, "OpsManager",  time_,          r.computer,
        "257",   "LookupQuery", r.client_ip,    message_,
        r.name,  r.query_type,  r.ip_addresses, r.success ? "Success" : "Failure",
        "",      "LookupQuery", "DnsEvents",    resource_};
    if (csv_) {
      for (size_t i = 0; i < std::size(values); ++i) {
        if (i > 0) out += ',';
        if (i == 12)
          AppendUint(out, r.result_code);
        else
          AppendCsvField(out, values[i]);
      }
      out += '\n';
      return;
    }
    out += '{';
    for (size_t i = 0; i < std::size(values); ++i) {
      if (i > 0) out += ',';
      out += '"';
      out += kColumns[i];
      out += "\":";
      if (i == 4)
        out += values[i];  // EventId and ResultCode are numbers in exports
      else if (i == 12)
        AppendUint(out, r.result_code);
      else
        AppendJsonString(out, values[i]);
    }
    out += "}\n";
  }

 private:
  bool csv_;
  std::string tenant_, subscription_;
  std::string message_, time_, resource_;  // reused: no allocation per record
};

// The parts of a lookup that do not depend on the name queried.
class RecordMaker {
 public:
  explicit RecordMaker(uint64_t seed) : rng_(seed) {
    for (int i = 0; i < 400; ++i) {
      clients_.push_back("10." + std::to_string(1 + i / 200) + "." + std::to_string(rng_.Below(250)) + "." +
                         std::to_string(2 + rng_.Below(250)));
    }
  }

  Rng& rng() { return rng_; }

  Record Make(int64_t ticks, std::string name) {
    Record r;
    r.ticks = ticks;
    r.computer = rng_.Pick(kDnsServers);
    r.client_ip = rng_.Pick(clients_);
    r.name = std::move(name);
    r.query_type = rng_.Pick(kQueryTypes);
    const uint64_t outcome = rng_.Below(100);
    r.success = outcome >= 6;
    r.result_code = outcome < 4 ? 3 : outcome < 6 ? 2 : 0;  // NXDOMAIN, SERVFAIL, NOERROR
    if (r.success && (r.query_type == "A" || r.query_type == "AAAA")) {
      const uint64_t count = 1 + rng_.Below(3);
      for (uint64_t i = 0; i < count; ++i) {
        if (i > 0) r.ip_addresses += ',';
        if (r.query_type == "A") {
          r.ip_addresses += std::to_string(13 + rng_.Below(200)) + "." + std::to_string(rng_.Below(256)) +
                            "." + std::to_string(rng_.Below(256)) + "." + std::to_string(1 + rng_.Below(254));
        } else {
          char buf[48];
          std::snprintf(buf, sizeof buf, "2001:db8:%x:%x::%x", static_cast<unsigned>(rng_.Below(0x10000)),
                        static_cast<unsigned>(rng_.Below(0x10000)),
                        static_cast<unsigned>(1 + rng_.Below(0xfffe)));
          r.ip_addresses += buf;
        }
      }
    }
    return r;
  }

 private:
  Rng rng_;
  std::vector<std::string> clients_;
};

// 2026-04-17T00:00:00Z: the day before the seed's IOCs were first seen.
constexpr int64_t kStartTicks = 20560LL * kTicksPerDay;

// The curated demo sample: ordinary lookups, the seed's C2 domains in every spelling `has` matches,
// and near misses it must not match. examples/README.md lists them; keep both in step.
struct Planted {
  const char* name;
  const char* why;
};
const Planted kSampleHits[] = {
    {"project1.in.net", "the IOC itself"},
    {"defence.in.net", "the IOC itself"},
    {"PROJECT1.IN.NET", "has is case-insensitive"},
    {"Defence.In.Net", "has is case-insensitive"},
    {"c2.project1.in.net", "a subdomain: the needle starts at a term boundary"},
    {"mail.defence.in.net", "a subdomain"},
    {"project1.in.net.", "the fully qualified form with a trailing dot"},
    {"project1.in.net.evil.com", "the needle's terms appear whole, followed by more terms"},
    {"defence.in.net-cdn.com", "'-' is a term separator, so 'net' ends a term"},
};
const Planted kSampleNearMisses[] = {
    {"xproject1.in.net", "'xproject1' is one term: the needle does not start at a term boundary"},
    {"notdefence.in.net", "'notdefence' is one term"},
    {"project1.in.network", "'network' is one term: the needle does not end at a term boundary"},
    {"defence.in.nett", "'nett' is one term"},
    {"project1-in.net", "'-' where the needle has '.': the text differs"},
    {"project1in.net", "the text differs"},
    {"project2.in.net", "another domain"},
    {"project1.in", "only a prefix of the needle"},
    {"defence.in.n\xd0\xb5t", "Cyrillic U+0435 in place of 'e': looks alike, is not"},
    {"defence.ru.net", "another domain"},
};
// A lookup of an ordinary name whose Message mentions a C2 domain (via a DNS policy name): the hunt
// filters on Name, so this is no hit, although a text search of the file finds it.
const char* const kPolicyNearMissName = "wpad.contoso.local";
const char* const kPolicyNearMissPolicy = "block-project1.in.net";

constexpr int kSampleOrdinary = 200;

std::vector<Record> MakeSample(uint64_t seed) {
  RecordMaker maker(seed);
  std::vector<Record> records;
  for (int i = 0; i < kSampleOrdinary; ++i)
    records.push_back(maker.Make(0, maker.rng().Pick(kOrdinaryDomains)));
  for (const auto& p : kSampleHits) records.push_back(maker.Make(0, p.name));
  for (const auto& p : kSampleNearMisses) records.push_back(maker.Make(0, p.name));
  Record policy = maker.Make(0, kPolicyNearMissName);
  policy.policy = kPolicyNearMissPolicy;
  records.push_back(policy);
  // Two days of lookups at distinct times; file order is shuffled so that only `order by` orders them.
  std::vector<int64_t> times;
  int64_t t = kStartTicks + 8 * 3600 * kTicksPerSecond;
  for (size_t i = 0; i < records.size(); ++i) {
    t += 30 * kTicksPerSecond + static_cast<int64_t>(maker.rng().Below(600 * kTicksPerSecond));
    times.push_back(t);
  }
  for (size_t i = records.size(); i > 1; --i) std::swap(times[i - 1], times[maker.rng().Below(i)]);
  for (size_t i = 0; i < records.size(); ++i) records[i].ticks = times[i];
  for (size_t i = records.size(); i > 1; --i) std::swap(records[i - 1], records[maker.rng().Below(i)]);
  return records;
}

struct Options {
  uint64_t records = 1000;
  uint64_t size = 0;  // bytes; when set, overrides records
  uint64_t seed = 1;
  double hit_rate = 0.0001;
  bool csv = false;
  bool sample = false;
  uint64_t ioc_feed = 0;  // when set, write this many IOC domains instead of records
  std::string domains_file;
  std::string output;  // stdout when empty
};

[[noreturn]] void Usage(const char* message) {
  std::fprintf(stderr,
               "gen_dns_events: %s\n"
               "usage: gen_dns_events [--records N | --size BYTES[k|m|g|t]] [--seed S] [--hit-rate R]\n"
               "                      [--domains FILE] [--format jsonl|csv] [-o FILE]\n"
               "       gen_dns_events --sample [--format jsonl|csv] [-o FILE]\n"
               "       gen_dns_events --ioc-feed N [--seed S] [-o FILE]\n",
               message);
  std::exit(2);
}

uint64_t ParseCount(const char* text) {
  char* end = nullptr;
  errno = 0;
  uint64_t v = std::strtoull(text, &end, 10);
  if (errno != 0 || end == text) Usage("not a number");
  if (*end != '\0') Usage("trailing characters after a number");
  return v;
}

uint64_t ParseSize(const char* text) {
  try {
    return iochound::ParseByteSize(text);
  } catch (const std::invalid_argument& error) {
    Usage(error.what());
  }
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) Usage("option needs a value");
      return argv[++i];
    };
    if (arg == "--records")
      o.records = ParseCount(value());
    else if (arg == "--size")
      o.size = ParseSize(value());
    else if (arg == "--seed")
      o.seed = ParseCount(value());
    else if (arg == "--hit-rate") {
      char* end = nullptr;
      const char* text = value();
      o.hit_rate = std::strtod(text, &end);
      if (*end != '\0' || o.hit_rate < 0 || o.hit_rate > 1) Usage("--hit-rate must be within [0, 1]");
    } else if (arg == "--format") {
      const std::string_view f = value();
      if (f != "jsonl" && f != "csv") Usage("--format must be jsonl or csv");
      o.csv = f == "csv";
    } else if (arg == "--domains")
      o.domains_file = value();
    else if (arg == "--sample")
      o.sample = true;
    else if (arg == "--ioc-feed")
      o.ioc_feed = ParseCount(value());
    else if (arg == "-o")
      o.output = value();
    else if (arg == "-h" || arg == "--help")
      Usage("help");
    else
      Usage(("unknown option " + std::string(arg)).c_str());
  }
  return o;
}

std::vector<std::string> ReadDomains(const std::string& path) {
  std::ifstream in(path);
  if (!in) Usage(("cannot read " + path).c_str());
  std::vector<std::string> domains;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') domains.push_back(line);
  }
  if (domains.empty()) Usage("no domains in the --domains file");
  return domains;
}

// Dynamic-DNS suffixes Nanocore operators use (the openhunting-io ThreatFox list is mostly these).
const std::vector<std::string> kDynamicDnsSuffixes = {"duckdns.org", "ddns.net",     "hopto.org", "zapto.org",
                                                      "sytes.net",   "portmap.host", "ply.gg"};

// `count` distinct host names under dynamic-DNS suffixes. Every label is 12 random letters and
// digits, so none equals a term of the ordinary lookups and `has` matches only planted records.
void AppendIocFeed(std::string& out, uint64_t count, uint64_t seed) {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  Rng rng(seed);
  for (uint64_t i = 0; i < count; ++i) {
    for (int c = 0; c < 12; ++c) out += kAlphabet[rng.Below(kAlphabet.size())];
    out += '.';
    out += rng.Pick(kDynamicDnsSuffixes);
    out += '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  FILE* out = options.output.empty() ? stdout : std::fopen(options.output.c_str(), "wb");
  if (out == nullptr) Usage(("cannot write " + options.output).c_str());

  Writer writer(options.csv, options.seed);
  std::string buffer;
  constexpr size_t kFlushBytes = 8 << 20;
  buffer.reserve(kFlushBytes + 4096);
  if (options.ioc_feed == 0) writer.Header(buffer);
  auto flush = [&] {
    if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
      std::fprintf(stderr, "gen_dns_events: write failed: %s\n", std::strerror(errno));
      std::exit(1);
    }
    buffer.clear();
  };

  if (options.ioc_feed > 0) {
    AppendIocFeed(buffer, options.ioc_feed, options.seed);
  } else if (options.sample) {
    for (const Record& r : MakeSample(options.seed)) writer.Append(buffer, r);
  } else {
    const std::vector<std::string> hits =
        options.domains_file.empty() ? kSeedHits : ReadDomains(options.domains_file);
    RecordMaker maker(options.seed);
    Rng& rng = maker.rng();
    uint64_t written = 0;
    int64_t ticks = kStartTicks;
    for (uint64_t i = 0;; ++i) {
      if (options.size > 0 ? written + buffer.size() >= options.size : i >= options.records) break;
      // About 2,000 lookups a second, as a busy enterprise resolver logs.
      ticks += 1 + static_cast<int64_t>(rng.Below(10'000));
      const bool hit = rng.Unit() < options.hit_rate;
      writer.Append(buffer, maker.Make(ticks, hit ? rng.Pick(hits) : rng.Pick(kOrdinaryDomains)));
      if (buffer.size() >= kFlushBytes) {
        written += buffer.size();
        flush();
      }
    }
  }
  flush();
  if (out != stdout && std::fclose(out) != 0) {
    std::fprintf(stderr, "gen_dns_events: closing %s failed: %s\n", options.output.c_str(),
                 std::strerror(errno));
    return 1;
  }
  return 0;
}
