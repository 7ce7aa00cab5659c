// Small readers of the texts Windows events carry, shared by the table mappings.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace iochound {

// An integer as events write them: decimal ("6708", "-1") or hexadecimal with 0x ("0x3e7",
// "0x8020000000000000", read as the 64-bit pattern). nullopt for anything else, "-" and "".
std::optional<int64_t> ParseEventInteger(std::string_view text);

// The last component of a Windows or POSIX path: "cmd.exe" for "C:\Windows\System32\cmd.exe".
std::string_view FileNameOf(std::string_view path);

// "DOMAIN\name" as Sysmon's User fields write accounts; a name without a backslash has no domain.
struct AccountText {
  std::string_view domain;
  std::string_view name;
};
AccountText SplitAccount(std::string_view account);

// The rendered name of an event level, as the Windows event viewer and the Sentinel agents show
// it: 1 Critical, 2 Error, 3 Warning, 5 Verbose, and Information for 4 and for 0 (LogAlways, the
// level of Security audits).
std::string_view LevelName(uint32_t level);

// Whether a text is absent in Sysmon's sense: empty or "-".
inline bool IsBlank(std::string_view text) {
  return text.empty() || text == "-";
}

}  // namespace iochound
