#include "core/targets/number_parse.h"

#include <cerrno>
#include <cstdlib>
#include <limits>
#include <string>

namespace inferscope::targets {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view strip(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

// Removes '_' that sits between two digits; nullopt for any other '_'.
std::optional<std::string> dropUnderscores(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '_') {
      out += s[i];
      continue;
    }
    if (i == 0 || i + 1 >= s.size() || !isDigit(s[i - 1]) || !isDigit(s[i + 1])) return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<double> parsePythonFloat(std::string_view text) {
  auto s = dropUnderscores(strip(text));
  if (!s || s->empty()) return std::nullopt;
  std::string body = *s;
  std::size_t i = 0;
  if (body[i] == '+' || body[i] == '-') ++i;
  std::string rest = body.substr(i);
  for (auto& c : rest) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (rest == "inf" || rest == "infinity" || rest == "nan") {
    double v = rest == "nan" ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
    return body[0] == '-' ? -v : v;
  }
  // digits [. digits] [e [sign] digits], with at least one digit in the mantissa
  std::size_t j = i, mantissaDigits = 0;
  while (j < body.size() && isDigit(body[j])) ++j, ++mantissaDigits;
  if (j < body.size() && body[j] == '.') {
    ++j;
    while (j < body.size() && isDigit(body[j])) ++j, ++mantissaDigits;
  }
  if (!mantissaDigits) return std::nullopt;
  if (j < body.size() && (body[j] == 'e' || body[j] == 'E')) {
    ++j;
    if (j < body.size() && (body[j] == '+' || body[j] == '-')) ++j;
    std::size_t expDigits = 0;
    while (j < body.size() && isDigit(body[j])) ++j, ++expDigits;
    if (!expDigits) return std::nullopt;
  }
  if (j != body.size()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(body.c_str(), &end);
  if (end != body.c_str() + body.size()) return std::nullopt;
  return v;  // overflow gives +-inf, as Python does
}

std::optional<std::int64_t> parsePythonInt(std::string_view text) {
  auto s = dropUnderscores(strip(text));
  if (!s || s->empty()) return std::nullopt;
  std::size_t i = 0;
  bool neg = false;
  if ((*s)[0] == '+' || (*s)[0] == '-') neg = (*s)[i++] == '-';
  if (i >= s->size()) return std::nullopt;
  std::int64_t v = 0;
  for (; i < s->size(); ++i) {
    char c = (*s)[i];
    if (!isDigit(c)) return std::nullopt;
    if (v > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return neg ? -v : v;
}

std::optional<double> parseFrequency(std::string_view text) {
  if (auto plain = parsePythonFloat(text)) return plain;
  std::string s(text);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::string lower = s;
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  struct Unit {
    const char* suffix;
    double scale;
  };
  for (const Unit u : {Unit{"ghz", 1e9}, Unit{"mhz", 1e6}, Unit{"khz", 1e3}, Unit{"hz", 1.0}}) {
    const std::string_view suffix(u.suffix);
    if (lower.size() <= suffix.size() || lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    auto v = parsePythonFloat(std::string_view(s).substr(0, s.size() - suffix.size()));
    if (!v) return std::nullopt;
    return *v * u.scale;
  }
  return std::nullopt;
}

}  // namespace inferscope::targets
