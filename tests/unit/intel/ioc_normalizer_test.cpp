// Normalization: the forms feeds write IOCs in must all reach the form telemetry spells them in.
#include "intel/ioc_normalizer.h"

#include <gtest/gtest.h>

namespace iochound {
namespace {

NormalizedValue Ok(std::string_view text, std::optional<IocType> declared = std::nullopt) {
  NormalizeResult result = NormalizeIoc(text, declared);
  EXPECT_TRUE(result.value.has_value()) << text << ": " << result.error;
  return result.value.value_or(NormalizedValue{});
}

std::string Error(std::string_view text, std::optional<IocType> declared = std::nullopt) {
  NormalizeResult result = NormalizeIoc(text, declared);
  EXPECT_FALSE(result.value.has_value()) << text << " was accepted as " << result.value->value;
  return result.error;
}

TEST(IocNormalizerTest, Refangs) {
  EXPECT_EQ(Refang("evil[.]com"), "evil.com");
  EXPECT_EQ(Refang("evil(.)com"), "evil.com");
  EXPECT_EQ(Refang("evil[DOT]com"), "evil.com");
  EXPECT_EQ(Refang("hxxp://evil[.]com/a"), "http://evil.com/a");
  EXPECT_EQ(Refang("HXXPS[://]evil.com"), "https://evil.com");
  EXPECT_EQ(Refang("1.2.3.4[:]80"), "1.2.3.4:80");
  EXPECT_EQ(Refang("[email]"), "[email]");  // not a fang: left alone
}

TEST(IocNormalizerTest, DomainsAreLowerCasePunycodeWithoutTrailingDot) {
  EXPECT_EQ(Ok("Project1.IN.net.", IocType::kDomain).value, "project1.in.net");
  EXPECT_EQ(Ok("defence[.]in[.]net").value, "defence.in.net");
  EXPECT_EQ(Ok("bücher-nanocore.example").value, "xn--bcher-nanocore-gsb.example");
  EXPECT_EQ(Ok("BÜCHER-nanocore.example").value, "xn--bcher-nanocore-gsb.example");
  EXPECT_EQ(Ok("_ldap._tcp.dc.example", IocType::kDomain).value, "_ldap._tcp.dc.example");
}

TEST(IocNormalizerTest, RejectsMalformedDomains) {
  EXPECT_EQ(Error("bad..domain.com", IocType::kDomain), "empty label in domain name");
  EXPECT_EQ(Error("localhost", IocType::kDomain), "a domain name needs at least two labels");
  EXPECT_EQ(Error("not a domain", IocType::kDomain), "invalid character in domain label 'not a domain'");
  EXPECT_EQ(Error("1.2.3.4", IocType::kDomain), "an IP address is not a domain name");
  EXPECT_EQ(Error(std::string(64, 'a') + ".com", IocType::kDomain), "domain label longer than 63 characters");
}

TEST(IocNormalizerTest, AddressesAndPorts) {
  EXPECT_EQ(Ok("185.244.30[.]17").value, "185.244.30.17");
  EXPECT_EQ(Ok("2001:DB8:0:0::1").value, "2001:db8::1");
  NormalizedValue ip_port = Ok("185.244.30.17:4782", IocType::kIpPort);
  EXPECT_EQ(ip_port.type, IocType::kIpPort);
  EXPECT_EQ(ip_port.value, "185.244.30.17");
  EXPECT_EQ(ip_port.port, 4782);
  EXPECT_EQ(Ok("[2001:db8::1]:443").port, 443);
  EXPECT_EQ(Ok("10.0.0.1|8080", IocType::kIpPort).port, 8080);  // MISP ip-dst|port
  EXPECT_FALSE(NormalizeIoc("1.2.3.4:70000", IocType::kIpPort).value);
  EXPECT_FALSE(NormalizeIoc("999.1.1.1", IocType::kIp).value);
}

TEST(IocNormalizerTest, HashesByLength) {
  EXPECT_EQ(Ok("D41D8CD98F00B204E9800998ECF8427E").type, IocType::kMd5);
  EXPECT_EQ(Ok("da39a3ee5e6b4b0d3255bfef95601890afd80709").type, IocType::kSha1);
  NormalizedValue sha256 = Ok("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
  EXPECT_EQ(sha256.type, IocType::kSha256);
  EXPECT_EQ(sha256.value, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  EXPECT_EQ(Ok(std::string(96, 'a')).type, IocType::kSha384);
  EXPECT_EQ(Error("d41d8cd98f00b204e9800998ecf8427e", IocType::kSha256),
            "a sha256 hash has 64 hex digits, not 32");
  EXPECT_EQ(Error("xyz", IocType::kMd5), "a md5 hash is hexadecimal");
}

TEST(IocNormalizerTest, UrlsHaveLowerCaseSchemeAndHost) {
  EXPECT_EQ(Ok("HTTP://Example.COM:8080/Path?Q=1").value, "http://example.com:8080/Path?Q=1");
  EXPECT_EQ(Ok("hxxps://User@EVIL[.]com/x").value, "https://User@evil.com/x");
  EXPECT_EQ(Ok("http://bücher.example/a").value, "http://xn--bcher-kva.example/a");
  // MISP analysts enter scheme-less URLs; the first segment is the host.
  EXPECT_EQ(Ok("WWW.Whitewall.top/Data", IocType::kUrl).value, "www.whitewall.top/Data");
  EXPECT_EQ(Error("http://", IocType::kUrl), "URL without a host");
  EXPECT_EQ(Error("http://a b", IocType::kUrl), "a URL cannot contain blanks");
}

TEST(IocNormalizerTest, InferenceNeverGuessesFilenames) {
  EXPECT_EQ(Ok("invoice.exe").type, IocType::kDomain);
  EXPECT_EQ(Ok("invoice.exe", IocType::kFilename).value, "invoice.exe");
  EXPECT_FALSE(NormalizeIoc("12345", std::nullopt).value);
  EXPECT_FALSE(NormalizeIoc("   ", std::nullopt).value);
}

TEST(IocNormalizerTest, FeedTypeNames) {
  EXPECT_EQ(ParseIocType("sha256_hash"), IocType::kSha256);
  EXPECT_EQ(ParseIocType("sha3_384_hash"), IocType::kSha384);
  EXPECT_EQ(ParseIocType("hostname"), IocType::kDomain);
  EXPECT_EQ(ParseIocType("ip-dst|port"), IocType::kIpPort);
  EXPECT_EQ(ParseIocType("IP:PORT"), IocType::kIpPort);
  EXPECT_EQ(ParseIocType("regkey|value"), std::nullopt);
}

}  // namespace
}  // namespace iochound
