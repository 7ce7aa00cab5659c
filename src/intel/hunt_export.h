// Hunts generated from a feed's domains, so the same feed drives Sentinel and iochound: the seed's
// KQL shape and a Sigma rule.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace iochound {

// Kusto caps a has_any list at 10,000 values.
inline constexpr size_t kHasAnyLimit = 10'000;

// The seed hunt (rules/nanocore/dns_hunt.kql) over `domains`: `let malicious_domains =
// dynamic([...]);` then DnsEvents `| where Name has_any (...)`, with one list per 10,000 domains
// (`malicious_domains_1`, `_2`, ... OR-ed) when there are more. `comment` opens the query as `//` lines.
std::string KqlDnsHunt(const std::vector<std::string>& domains, size_t per_list, std::string_view comment);

// A Sigma rule (category dns_query) matching a query name equal to one of `domains` or ending in
// `.` plus one (a subdomain, label-aligned). Its id is derived from the domains, so exporting the same
// list again yields the same rule id; `date` is YYYY-MM-DD.
std::string SigmaDnsRule(const std::vector<std::string>& domains, std::string_view title,
                         std::string_view description, std::string_view date);

}  // namespace iochound
