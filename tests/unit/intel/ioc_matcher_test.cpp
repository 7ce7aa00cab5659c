// IocMatcher: domain match modes (subdomain, exact, has) with their near misses, addresses, hashes
// and URLs, all through hash lookups.
#include "intel/ioc_matcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iochound {
namespace {

Ioc MakeIoc(IocType type, std::string value, uint16_t port = 0) {
  Ioc ioc;
  ioc.type = type;
  ioc.value = std::move(value);
  ioc.port = port;
  return ioc;
}

class IocMatcherTest : public testing::Test {
 protected:
  IocMatcherTest() {
    set_.Add(MakeIoc(IocType::kDomain, "project1.in.net"));
    set_.Add(MakeIoc(IocType::kDomain, "defence.in.net"));
    set_.Add(MakeIoc(IocType::kIp, "185.244.30.17"));
    set_.Add(MakeIoc(IocType::kIpPort, "45.9.20.1", 4444));
    set_.Add(MakeIoc(IocType::kIp, "2001:db8::1"));
    set_.Add(MakeIoc(IocType::kSha256, std::string(64, 'a')));
    set_.Add(MakeIoc(IocType::kUrl, "http://update-check.duckdns.org/gate.php"));
  }

  // The values of the IOCs `name` matches as a domain in `mode`.
  std::vector<std::string> Domain(std::string_view name, DomainMatch mode) const {
    IocMatcher matcher(set_, mode);
    std::vector<const Ioc*> found;
    matcher.MatchDomain(name, found);
    return Values(found);
  }
  static std::vector<std::string> Values(const std::vector<const Ioc*>& found) {
    std::vector<std::string> values;
    for (const Ioc* ioc : found) values.push_back(ioc->value);
    return values;
  }

  IocSet set_;
};

using Strings = std::vector<std::string>;

TEST_F(IocMatcherTest, SubdomainMatchesTheDomainAndLabelAlignedSubdomains) {
  EXPECT_EQ(Domain("project1.in.net", DomainMatch::kSubdomain), (Strings{"project1.in.net"}));
  EXPECT_EQ(Domain("a.b.project1.in.net", DomainMatch::kSubdomain), (Strings{"project1.in.net"}));
  EXPECT_EQ(Domain("PROJECT1.In.Net.", DomainMatch::kSubdomain), (Strings{"project1.in.net"}));
  EXPECT_EQ(Domain("www.defence.in.net.", DomainMatch::kSubdomain), (Strings{"defence.in.net"}));
}

TEST_F(IocMatcherTest, SubdomainNearMissesDoNotMatch) {
  EXPECT_TRUE(Domain("xproject1.in.net", DomainMatch::kSubdomain).empty());
  EXPECT_TRUE(Domain("project1.in.network", DomainMatch::kSubdomain).empty());
  EXPECT_TRUE(Domain("project1.in.net.evil.org", DomainMatch::kSubdomain).empty());
  EXPECT_TRUE(Domain("in.net", DomainMatch::kSubdomain).empty());
  EXPECT_TRUE(Domain("a-project1.in.net", DomainMatch::kSubdomain).empty());
  EXPECT_TRUE(Domain("", DomainMatch::kSubdomain).empty());
}

TEST_F(IocMatcherTest, ExactMatchesOnlyTheDomainNormalized) {
  EXPECT_EQ(Domain("Project1.IN.net.", DomainMatch::kExact), (Strings{"project1.in.net"}));
  EXPECT_TRUE(Domain("www.project1.in.net", DomainMatch::kExact).empty());
  EXPECT_TRUE(Domain("xproject1.in.net", DomainMatch::kExact).empty());
}

TEST_F(IocMatcherTest, HasFollowsKustoTermBoundaries) {
  EXPECT_EQ(Domain("ioc.project1.in.net", DomainMatch::kHas), (Strings{"project1.in.net"}));
  EXPECT_EQ(Domain("project1.in.net.example.org", DomainMatch::kHas), (Strings{"project1.in.net"}));
  EXPECT_EQ(Domain("a-project1.in.net", DomainMatch::kHas), (Strings{"project1.in.net"}));
  EXPECT_EQ(Domain("PROJECT1.IN.NET.", DomainMatch::kHas), (Strings{"project1.in.net"}));
  EXPECT_TRUE(Domain("xproject1.in.net", DomainMatch::kHas).empty());
  EXPECT_TRUE(Domain("project1.in.network", DomainMatch::kHas).empty());
  EXPECT_TRUE(Domain("project1_in.net", DomainMatch::kHas).empty());
}

TEST_F(IocMatcherTest, ParsesModeNames) {
  EXPECT_EQ(ParseDomainMatch("subdomain"), DomainMatch::kSubdomain);
  EXPECT_EQ(ParseDomainMatch("exact"), DomainMatch::kExact);
  EXPECT_EQ(ParseDomainMatch("has"), DomainMatch::kHas);
  EXPECT_FALSE(ParseDomainMatch("contains"));
}

TEST_F(IocMatcherTest, AddressesMatchIpAndIpPortIocs) {
  IocMatcher matcher(set_, DomainMatch::kSubdomain);
  std::vector<const Ioc*> found;
  matcher.MatchIp("185.244.30.17", found);
  matcher.MatchIp("45.9.20.1", found);
  matcher.MatchIp("2001:DB8::1", found);
  matcher.MatchIp("185.244.30.170", found);
  EXPECT_EQ(Values(found), (Strings{"185.244.30.17", "45.9.20.1", "2001:db8::1"}));
  found.clear();
  matcher.MatchIpList("10.0.0.1, 185.244.30.17,185.244.30.17", found);
  EXPECT_EQ(Values(found), (Strings{"185.244.30.17"}));
}

TEST_F(IocMatcherTest, HashesMatchCaseInsensitively) {
  IocMatcher matcher(set_, DomainMatch::kSubdomain);
  std::vector<const Ioc*> found;
  matcher.MatchHash(std::string(64, 'A'), found);
  matcher.MatchHash(std::string(63, 'a'), found);
  EXPECT_EQ(Values(found), (Strings{std::string(64, 'a')}));
}

TEST_F(IocMatcherTest, UrlsMatchUrlIocsAndTheirHostsDomainIocs) {
  IocMatcher matcher(set_, DomainMatch::kSubdomain);
  std::vector<const Ioc*> found;
  matcher.MatchUrl("HTTP://Update-Check.duckdns.org/gate.php", found);
  EXPECT_EQ(Values(found), (Strings{"http://update-check.duckdns.org/gate.php"}));
  found.clear();
  matcher.MatchUrl("update-check.duckdns.org/gate.php", found);
  EXPECT_EQ(Values(found), (Strings{"http://update-check.duckdns.org/gate.php"}));
  found.clear();
  matcher.MatchUrl("https://user@cdn.project1.in.net:8443/x?q=1", found);
  matcher.MatchUrl("http://185.244.30.17/a", found);
  matcher.MatchUrl("http://update-check.duckdns.org/GATE.php", found);
  EXPECT_EQ(Values(found), (Strings{"project1.in.net", "185.244.30.17"}));
}

}  // namespace
}  // namespace iochound
