#include "normalizers/export_datetime.h"

#include "types/datetime.h"

namespace iochound {
namespace {

// Reads 1..max_digits digits at text[pos]; advances pos.
bool ReadNumber(std::string_view text, size_t& pos, size_t max_digits, int& out) {
  size_t start = pos;
  out = 0;
  while (pos < text.size() && pos - start < max_digits && text[pos] >= '0' && text[pos] <= '9') {
    out = out * 10 + (text[pos++] - '0');
  }
  return pos > start;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// M/D/YYYY[,] h:mm:ss[.fffffff] AM|PM, the en-US rendering the portal writes in CSV exports.
std::optional<int64_t> ParsePortalDateTime(std::string_view text) {
  size_t pos = 0;
  CivilTime t{};
  if (!ReadNumber(text, pos, 2, t.month) || !Expect(text, pos, '/') || !ReadNumber(text, pos, 2, t.day) ||
      !Expect(text, pos, '/') || !ReadNumber(text, pos, 4, t.year) ||
      pos != text.find_first_not_of("0123456789/")) {
    return std::nullopt;
  }
  if (pos < text.size() && text[pos] == ',') ++pos;
  if (!Expect(text, pos, ' ') || !ReadNumber(text, pos, 2, t.hour) || !Expect(text, pos, ':') ||
      !ReadNumber(text, pos, 2, t.minute) || !Expect(text, pos, ':') || !ReadNumber(text, pos, 2, t.second)) {
    return std::nullopt;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t scale = kTicksPerSecond;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++digits > 7) return std::nullopt;
      scale /= 10;
      t.fraction_ticks += (text[pos++] - '0') * scale;
    }
    if (digits == 0) return std::nullopt;
  }
  std::string_view meridiem = text.substr(pos);
  bool pm = meridiem == " PM";
  if (!pm && meridiem != " AM") return std::nullopt;
  if (t.hour < 1 || t.hour > 12 || t.minute > 59 || t.second > 59 || t.month < 1 || t.month > 12 ||
      t.day < 1 || t.year < 1) {
    return std::nullopt;
  }
  t.hour = t.hour % 12 + (pm ? 12 : 0);
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (t.year % 4 == 0 && t.year % 100 != 0) || t.year % 400 == 0;
  if (t.day > kDaysInMonth[t.month - 1] + (t.month == 2 && leap ? 1 : 0)) return std::nullopt;
  return FromCivil(t);
}

}  // namespace

std::optional<int64_t> ParseExportDateTime(std::string_view text) {
  if (auto ticks = ParseDateTime(text)) return ticks;
  size_t begin = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t");
  if (begin == std::string_view::npos) return std::nullopt;
  return ParsePortalDateTime(text.substr(begin, end - begin + 1));
}

bool IsExportDateTime(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return false;
  text.remove_prefix(begin);
  auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  bool iso =
      digit(0) && digit(1) && digit(2) && digit(3) && text.size() >= 10 && text[4] == '-' && text[7] == '-';
  if (iso) return ParseDateTime(text).has_value();
  return digit(0) && text.find('/') != std::string_view::npos && ParseExportDateTime(text).has_value();
}

}  // namespace iochound
