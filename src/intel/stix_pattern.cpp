#include "intel/stix_pattern.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace iochound {
namespace {

constexpr std::array<std::pair<std::string_view, IocType>, 14> kProperties = {{
    {"domain-name:value", IocType::kDomain},
    {"ipv4-addr:value", IocType::kIp},
    {"ipv6-addr:value", IocType::kIp},
    {"url:value", IocType::kUrl},
    {"file:name", IocType::kFilename},
    {"file:hashes.'SHA-256'", IocType::kSha256},
    {"file:hashes.'SHA256'", IocType::kSha256},
    {"file:hashes.SHA256", IocType::kSha256},
    {"file:hashes.'SHA-1'", IocType::kSha1},
    {"file:hashes.'SHA1'", IocType::kSha1},
    {"file:hashes.SHA1", IocType::kSha1},
    {"file:hashes.MD5", IocType::kMd5},
    {"file:hashes.'MD5'", IocType::kMd5},
    {"file:hashes.'SHA3-384'", IocType::kSha384},
}};

class PatternScanner {
 public:
  explicit PatternScanner(std::string_view text) : text_(text) {}

  // Skips blanks and the brackets and parentheses that group comparisons (only OR joins them, so
  // grouping does not change the set of values).
  void SkipSeparators() {
    while (pos_ < text_.size() && std::string_view(" \t\r\n[]()").find(text_[pos_]) != std::string_view::npos)
      ++pos_;
  }
  bool AtEnd() {
    SkipSeparators();
    return pos_ >= text_.size();
  }
  // A property path, up to the blank or operator after it; quoted path parts may hold anything.
  std::string_view Path() {
    SkipSeparators();
    size_t begin = pos_;
    bool quoted = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\'') quoted = !quoted;
      if (!quoted && (c == ' ' || c == '=' || c == '!' || c == '<' || c == '>' || c == ']')) break;
      ++pos_;
    }
    return text_.substr(begin, pos_ - begin);
  }
  // The next blank-delimited word (an operator or a keyword).
  std::string_view Word() {
    SkipSeparators();
    size_t begin = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '\'' && text_[pos_] != ']') ++pos_;
    return text_.substr(begin, pos_ - begin);
  }
  // A single-quoted string with `\'` and `\\` escapes.
  std::optional<std::string> String() {
    SkipSeparators();
    if (pos_ >= text_.size() || text_[pos_] != '\'') return std::nullopt;
    std::string out;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      char c = text_[pos_];
      if (c == '\\' && pos_ + 1 < text_.size()) {
        out += text_[++pos_];
      } else if (c == '\'') {
        ++pos_;
        return out;
      } else {
        out += c;
      }
    }
    return std::nullopt;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<std::vector<PatternValue>> ParseStixPattern(std::string_view pattern, std::string& error) {
  PatternScanner scanner(pattern);
  std::vector<PatternValue> values;
  while (true) {
    std::string_view path = scanner.Path();
    auto property = std::find_if(kProperties.begin(), kProperties.end(),
                                 [&](const auto& entry) { return entry.first == path; });
    if (property == kProperties.end()) {
      error = fmt::format("unsupported STIX property '{}'", path);
      return std::nullopt;
    }
    std::string_view op = scanner.Word();
    if (op != "=") {
      error = fmt::format("unsupported STIX operator '{}' (only = is a list of IOCs)", op);
      return std::nullopt;
    }
    auto value = scanner.String();
    if (!value) {
      error = "expected a quoted string after '='";
      return std::nullopt;
    }
    values.push_back(PatternValue{property->second, std::move(*value)});
    if (scanner.AtEnd()) return values;
    std::string_view connector = scanner.Word();
    if (connector != "OR") {
      error = fmt::format(
          "unsupported STIX pattern keyword '{}' (only OR-combined comparisons are lists of IOCs)",
          connector);
      return std::nullopt;
    }
  }
}

}  // namespace iochound
