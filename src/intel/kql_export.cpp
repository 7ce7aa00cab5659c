#include <fmt/format.h>

#include <algorithm>

#include "intel/hunt_export.h"

namespace iochound {
namespace {

std::string KqlString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string DynamicList(const std::vector<std::string>& values, size_t begin, size_t end) {
  std::string out = "dynamic([";
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += ", ";
    out += KqlString(values[i]);
  }
  return out + "])";
}

}  // namespace

std::string KqlDnsHunt(const std::vector<std::string>& domains, size_t per_list, std::string_view comment) {
  std::string out;
  size_t start = 0;
  while (start < comment.size()) {
    size_t end = std::min(comment.find('\n', start), comment.size());
    out += fmt::format("// {}\n", comment.substr(start, end - start));
    start = end + 1;
  }
  size_t lists = std::max<size_t>(1, (domains.size() + per_list - 1) / per_list);
  std::vector<std::string> names;
  for (size_t i = 0; i < lists; ++i) {
    names.push_back(lists == 1 ? "malicious_domains" : fmt::format("malicious_domains_{}", i + 1));
    size_t begin = i * per_list;
    size_t end = std::min(domains.size(), begin + per_list);
    out += fmt::format("let {} = {};\n", names.back(), DynamicList(domains, begin, end));
  }
  out += "DnsEvents\n| where ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += " or ";
    out += fmt::format("Name has_any ({})", names[i]);
  }
  out += "\n| project TimeGenerated, Computer, Name, IPAddresses, QueryType\n| order by TimeGenerated desc\n";
  return out;
}

}  // namespace iochound
