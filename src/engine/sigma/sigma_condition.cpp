// Grammar and precedence from the Sigma rules specification (Condition section), least to most
// binding: or, and, not, `x of`, parentheses.
#include "engine/sigma/sigma_condition.h"

#include <fmt/format.h>

#include <cctype>

#include "engine/sigma/sigma_value.h"

namespace iochound::sigma {

namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '*' || c == '.' || c == '-';
}

bool Lower(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) != keyword[i]) return false;
  }
  return true;
}

// `*` matches any run of characters, as the specification's identifier patterns do.
bool GlobMatch(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern.front() == '*') {
    for (size_t skip = 0; skip <= name.size(); ++skip) {
      if (GlobMatch(pattern.substr(1), name.substr(skip))) return true;
    }
    return false;
  }
  return !name.empty() && pattern.front() == name.front() && GlobMatch(pattern.substr(1), name.substr(1));
}

class ConditionParser {
 public:
  ConditionParser(std::string_view text, const std::vector<std::pair<std::string, std::string>>& identifiers)
      : identifiers_(identifiers) {
    for (size_t i = 0; i < text.size();) {
      char c = text[i];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.emplace_back(1, c);
        ++i;
      } else if (IsWordChar(c)) {
        size_t start = i;
        while (i < text.size() && IsWordChar(text[i])) ++i;
        tokens_.emplace_back(text.substr(start, i - start));
      } else if (c == '|') {
        throw SigmaError(
            "condition aggregations ('| count() ...', Sigma v1) are not supported; use correlation rules");
      } else {
        throw SigmaError(fmt::format("unexpected '{}' in condition", c));
      }
    }
  }

  std::string Parse() {
    if (tokens_.empty()) throw SigmaError("empty condition");
    std::string expr = Or();
    if (pos_ != tokens_.size()) throw SigmaError(fmt::format("unexpected '{}' in condition", tokens_[pos_]));
    return expr;
  }

 private:
  bool Accept(std::string_view keyword) {
    if (pos_ < tokens_.size() && Lower(tokens_[pos_], keyword)) {
      ++pos_;
      return true;
    }
    return false;
  }

  const std::string& Next(std::string_view expected) {
    if (pos_ >= tokens_.size())
      throw SigmaError(fmt::format("condition ends where {} was expected", expected));
    return tokens_[pos_++];
  }

  std::string Or() {
    std::string left = And();
    while (Accept("or")) left = fmt::format("({} or {})", left, And());
    return left;
  }

  std::string And() {
    std::string left = Not();
    while (Accept("and")) left = fmt::format("({} and {})", left, Not());
    return left;
  }

  std::string Not() {
    if (Accept("not")) return fmt::format("not({})", Not());
    return Primary();
  }

  std::string Primary() {
    const std::string& token = Next("an identifier");
    if (token == "(") {
      std::string inner = Or();
      if (Next("')'") != ")") throw SigmaError("missing ')' in condition");
      return inner;
    }
    if (token == ")") throw SigmaError("unexpected ')' in condition");
    bool one = token == "1" || Lower(token, "any");
    if ((one || Lower(token, "all")) && pos_ < tokens_.size() && Lower(tokens_[pos_], "of")) {
      ++pos_;
      return Quantified(one, Next("an identifier pattern after 'of'"));
    }
    for (const auto& [name, predicate] : identifiers_) {
      if (name == token) return predicate;
    }
    throw SigmaError(fmt::format("condition names '{}', which the detection does not define", token));
  }

  std::string Quantified(bool one, const std::string& pattern) {
    bool them = Lower(pattern, "them");
    std::vector<std::string> matched;
    for (const auto& [name, predicate] : identifiers_) {
      if (them ? !name.starts_with('_') : GlobMatch(pattern, name)) matched.push_back(predicate);
    }
    if (matched.empty())
      throw SigmaError(fmt::format("no search identifier matches '{}' in condition", pattern));
    if (matched.size() == 1) return matched.front();
    std::string out = "(";
    for (size_t i = 0; i < matched.size(); ++i) out += (i ? (one ? " or " : " and ") : "") + matched[i];
    return out + ")";
  }

  const std::vector<std::pair<std::string, std::string>>& identifiers_;
  std::vector<std::string> tokens_;
  size_t pos_ = 0;
};

}  // namespace

std::string CompileCondition(std::string_view condition,
                             const std::vector<std::pair<std::string, std::string>>& identifiers) {
  return ConditionParser(condition, identifiers).Parse();
}

}  // namespace iochound::sigma
