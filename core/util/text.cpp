#include "core/util/text.h"

#include <algorithm>
#include <cstdio>

namespace inferscope::text {
namespace {
// Display width of UTF-8 text: counts code points, not bytes.
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
std::string shorten(const std::string& s, std::size_t max) {
  if (width(s) <= max || max < 2) return s;
  std::string out;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80 && ++n > max - 1) break;
    out += s[i];
  }
  return out + "\xE2\x80\xA6";
}
}  // namespace

Table::Table(std::vector<std::string> header, std::vector<Align> align)
    : header_(std::move(header)), align_(std::move(align)) {
  align_.resize(header_.size(), Align::Left);
}

void Table::addRow(std::vector<std::string> row) {
  row.resize(header_.size());
  rows_.push_back(std::move(row));
}

std::string Table::render(std::size_t maxWidth, const std::string& indent) const {
  std::vector<std::size_t> w(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& r) {
    for (std::size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], std::min(width(r[i]), maxWidth));
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l = indent;
    for (std::size_t i = 0; i < r.size(); ++i) {
      auto cell = shorten(r[i], maxWidth);
      auto pad = std::string(w[i] - std::min(w[i], width(cell)), ' ');
      bool last = i + 1 == r.size();
      if (align_[i] == Align::Right) l += pad + cell;
      else l += cell + (last ? "" : pad);
      if (!last) l += "  ";
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(header_);
  std::vector<std::string> rule;
  for (auto x : w) rule.emplace_back(x, '-');
  line(rule);
  for (const auto& r : rows_) line(r);
  return out;
}

std::string withSeparators(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string humanCount(double v) {
  const char* units[] = {"", " k", " M", " G", " T"};
  int u = 0;
  while (v >= 1000 && u < 4) { v /= 1000; ++u; }
  return u == 0 ? fixed(v, 0) : fixed(v, 2) + units[u];
}

std::string humanBytes(double b) {
  const char* units[] = {" B", " KiB", " MiB", " GiB", " TiB"};
  int u = 0;
  while (b >= 1024 && u < 4) { b /= 1024; ++u; }
  return u == 0 ? fixed(b, 0) + units[0] : fixed(b, 2) + units[u];
}

}  // namespace inferscope::text
