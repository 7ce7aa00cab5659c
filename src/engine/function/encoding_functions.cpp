// base64_encode_tostring base64_decode_tostring url_encode url_decode parse_url parse_urlquery.
#include <fmt/format.h>

#include <algorithm>

#include "common/base64.h"
#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

// Empty on malformed input, as Kusto returns an empty string.
std::string Base64Decode(std::string_view in) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    size_t idx = kBase64Alphabet.find(c);
    if (idx == std::string_view::npos) return "";
    buffer = (buffer << 6) | static_cast<uint32_t>(idx);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string UrlEncode(std::string_view in) {
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string UrlDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// "k1=v1&k2=v2" as a bag of the decoded values; a repeated key keeps its first value.
Dynamic QueryParameters(std::string_view query) {
  Dynamic::Object params;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1));
    bool seen = std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == key; });
    if (!seen) params.emplace_back(std::move(key), Dynamic::MakeString(std::move(value)));
  }
  return Dynamic::MakeObject(std::move(params));
}

// parse_url: scheme://user:password@host:port/path?query#fragment. Every part is a string, empty when
// absent; text that is not an absolute URL (no "scheme://") gives every part empty.
Value ParseUrl(std::string_view url) {
  std::string scheme, user, password, host, port, path, fragment;
  std::string_view query;
  if (size_t sep = url.find("://"); sep != std::string_view::npos && sep > 0) {
    scheme = url.substr(0, sep);
    std::string_view rest = url.substr(sep + 3);
    if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
      fragment = rest.substr(hash + 1);
      rest = rest.substr(0, hash);
    }
    if (size_t question = rest.find('?'); question != std::string_view::npos) {
      query = rest.substr(question + 1);
      rest = rest.substr(0, question);
    }
    size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) path = rest.substr(slash);
    if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
      std::string_view credentials = authority.substr(0, at);
      authority = authority.substr(at + 1);
      size_t colon = credentials.find(':');
      user = credentials.substr(0, colon);
      if (colon != std::string_view::npos) password = credentials.substr(colon + 1);
    }
    // A port follows the last colon, unless it is inside an IPv6 literal ([::1]).
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
      port = authority.substr(colon + 1);
      authority = authority.substr(0, colon);
    }
    host = authority;
  }
  Dynamic::Object parts;
  parts.emplace_back("Scheme", Dynamic::MakeString(scheme));
  parts.emplace_back("Host", Dynamic::MakeString(host));
  parts.emplace_back("Port", Dynamic::MakeString(port));
  parts.emplace_back("Path", Dynamic::MakeString(path));
  parts.emplace_back("Username", Dynamic::MakeString(user));
  parts.emplace_back("Password", Dynamic::MakeString(password));
  parts.emplace_back("Query Parameters", QueryParameters(query));
  parts.emplace_back("Fragment", Dynamic::MakeString(fragment));
  return Value::Dyn(Dynamic::MakeObject(std::move(parts)));
}

ScalarFunction StringMap(std::string name, std::string (*f)(std::string_view)) {
  return Simple(std::move(name), 1, 1, Type::String,
                [f](Vals v, const EvalContext&) { return Value::String(f(ToKustoString(v[0]))); });
}

}  // namespace

void RegisterEncodingFunctions(Registry& r) {
  r.Add(StringMap("base64_encode_tostring", Base64Encode));
  r.Alias("base64_encodestring", "base64_encode_tostring");
  r.Add(StringMap("base64_decode_tostring", Base64Decode));
  r.Alias("base64_decodestring", "base64_decode_tostring");
  r.Add(StringMap("url_encode", UrlEncode));
  r.Add(StringMap("url_decode", UrlDecode));
  r.Add(Simple("parse_url", 1, 1, Type::Dynamic,
               [](Vals v, const EvalContext&) { return ParseUrl(ToKustoString(v[0])); }));
  r.Alias("parseurl", "parse_url");
  r.Add(Simple("parse_urlquery", 1, 1, Type::Dynamic, [](Vals v, const EvalContext&) {
    std::string query = ToKustoString(v[0]);
    std::string_view text = query;
    if (!text.empty() && text.front() == '?') text.remove_prefix(1);
    Dynamic::Object result;
    result.emplace_back("Query Parameters", QueryParameters(text));
    return Value::Dyn(Dynamic::MakeObject(std::move(result)));
  }));
  r.Alias("parseurlquery", "parse_urlquery");
}

}  // namespace iochound::fn
