// base64_encode_tostring base64_decode_tostring url_encode url_decode.
#include <fmt/format.h>

#include "engine/function/function_internal.h"

namespace iochound::fn {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<uint8_t>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// Empty on malformed input, as Kusto returns an empty string.
std::string Base64Decode(std::string_view in) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    size_t idx = kAlphabet.find(c);
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
}

}  // namespace iochound::fn
