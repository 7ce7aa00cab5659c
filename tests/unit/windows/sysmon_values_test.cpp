// The small readers of Sysmon texts the DNS mapping depends on, and the EventData bag of Windows tables.
#include <gtest/gtest.h>

#include "normalizers/windows/event_values.h"
#include "normalizers/windows/sysmon_dns.h"
#include "normalizers/windows/windows_event.h"

namespace iochound {
namespace {

TEST(SysmonValuesTest, EventDataBagKeepsOrderGroupsRepeatedNamesAndRepairsUtf8) {
  WindowsEvent event;
  event.data = {{"Image", "C:\\x.exe"}, {"Data", "a"}, {"User", "b\xff"}, {"Data", "c"}};
  EXPECT_EQ(EventDataBag(event).ToJson(),
            "{\"Image\":\"C:\\\\x.exe\",\"Data\":[\"a\",\"c\"],\"User\":\"b\xEF\xBF\xBD\"}");
  EXPECT_EQ(EventDataBag(event).Find("User")->string_value(), "b\xEF\xBF\xBD");
  EXPECT_EQ(EventDataBag(WindowsEvent{}).ToJson(), "{}");
}

TEST(SysmonValuesTest, QueryResultsGiveTheAnsweredAddresses) {
  EXPECT_EQ(SysmonQueryAddresses("::ffff:140.82.113.3;"), "140.82.113.3");
  EXPECT_EQ(SysmonQueryAddresses("type:  5 github.map.fastly.net;::ffff:151.101.248.133;"),
            "151.101.248.133");
  EXPECT_EQ(SysmonQueryAddresses("::ffff:1.2.3.4;::ffff:5.6.7.8;2607:f8b0:4006:805::200e;"),
            "1.2.3.4, 5.6.7.8, 2607:f8b0:4006:805::200e");
  EXPECT_EQ(SysmonQueryAddresses("-"), "");
  EXPECT_EQ(SysmonQueryAddresses(""), "");
  EXPECT_EQ(SysmonQueryAddresses("type:  12 host.example.com;"), "");
}

TEST(SysmonValuesTest, QueryStatusMapsToRcode) {
  EXPECT_EQ(DnsRcodeOfQueryStatus("0"), 0);
  EXPECT_EQ(DnsRcodeOfQueryStatus("9003"), 3);
  EXPECT_EQ(DnsRcodeOfQueryStatus("9002"), 2);
  EXPECT_EQ(DnsRcodeOfQueryStatus("9701"), 0);
  EXPECT_EQ(DnsRcodeOfQueryStatus("1460"), std::nullopt);
  EXPECT_EQ(DnsRcodeOfQueryStatus("x"), std::nullopt);
}

TEST(SysmonValuesTest, EventIntegersAndPaths) {
  EXPECT_EQ(ParseEventInteger("6708"), 6708);
  EXPECT_EQ(ParseEventInteger("0x3e7"), 0x3e7);
  EXPECT_EQ(ParseEventInteger("0x8000000000000000"), INT64_MIN);
  EXPECT_EQ(ParseEventInteger("-"), std::nullopt);
  EXPECT_EQ(ParseEventInteger(""), std::nullopt);
  EXPECT_EQ(ParseEventInteger("12a"), std::nullopt);
  EXPECT_EQ(FileNameOf("C:\\Windows\\System32\\cmd.exe"), "cmd.exe");
  EXPECT_EQ(FileNameOf("/usr/bin/bash"), "bash");
  EXPECT_EQ(FileNameOf("System"), "System");
  EXPECT_EQ(SplitAccount("NT AUTHORITY\\SYSTEM").domain, "NT AUTHORITY");
  EXPECT_EQ(SplitAccount("NT AUTHORITY\\SYSTEM").name, "SYSTEM");
  EXPECT_EQ(SplitAccount("root").domain, "");
}

}  // namespace
}  // namespace iochound
