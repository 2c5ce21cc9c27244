#include "core/util/text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace inferscope::text {
namespace {
// Display width of UTF-8 text: counts code points, not bytes (ASCII text, 8 bytes at a time).
std::size_t width(const std::string& s) {
  const char* p = s.data();
  const std::size_t size = s.size();
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ull) break;
  }
  std::size_t n = i;
  for (; i < size; ++i) n += (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
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
  const std::size_t cols = header_.size();
  // Each cell's display width, measured once: header, rule, rows.
  std::vector<std::size_t> cellWidth((rows_.size() + 2) * cols);
  std::vector<std::size_t> w(cols, 0);
  auto measure = [&](const std::vector<std::string>& r, std::size_t row) {
    for (std::size_t i = 0; i < cols; ++i) {
      const std::size_t cw = width(r[i]);
      cellWidth[row * cols + i] = cw;
      w[i] = std::max(w[i], std::min(cw, maxWidth));
    }
  };
  measure(header_, 0);
  for (std::size_t k = 0; k < rows_.size(); ++k) measure(rows_[k], k + 2);
  std::vector<std::string> rule;
  for (std::size_t i = 0; i < cols; ++i) {
    rule.emplace_back(w[i], '-');
    cellWidth[cols + i] = w[i];
  }
  std::size_t lineWidth = indent.size() + 1;
  for (auto x : w) lineWidth += x + 2;
  std::string out;
  out.reserve((rows_.size() + 2) * lineWidth);
  auto line = [&](const std::vector<std::string>& r, std::size_t row) {
    const auto start = out.size();
    out += indent;
    for (std::size_t i = 0; i < cols; ++i) {
      std::size_t cw = cellWidth[row * cols + i];
      const bool cut = cw > maxWidth && maxWidth >= 2;
      const std::string shortened = cut ? shorten(r[i], maxWidth) : std::string();
      const std::string& cell = cut ? shortened : r[i];
      if (cut) cw = width(cell);
      const auto pad = w[i] - std::min(w[i], cw);
      const bool last = i + 1 == cols;
      if (align_[i] == Align::Right) {
        out.append(pad, ' ');
        out += cell;
      } else {
        out += cell;
        if (!last) out.append(pad, ' ');
      }
      if (!last) out += "  ";
    }
    while (out.size() > start && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  line(header_, 0);
  line(rule, 1);
  for (std::size_t k = 0; k < rows_.size(); ++k) line(rows_[k], k + 2);
  return out;
}

std::string withSeparators(std::int64_t v) {
  char buf[32];
  char* p = buf + sizeof buf;
  std::uint64_t n = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + n % 10);
    n /= 10;
    ++digits;
  } while (n);
  if (v < 0) *--p = '-';
  return std::string(p, buf + sizeof buf);
}

std::string fixed(double v, int decimals) {
  // Most values: the integer nearest to |v| x 10^decimals is clear of a tie even with the product's
  // rounding error, so its digits are printf's (checked against snprintf on 20 million values);
  // near-ties, huge and non-finite values go to snprintf, which is 10x slower.
  static constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (decimals >= 0 && decimals <= 9 && std::isfinite(v)) {
    const double s = std::fabs(v) * kPow10[decimals];
    const double r = std::floor(s), f = s - r;
    if (s < 0x1p52 && std::fabs(f - 0.5) > s * 0x1p-51 + 0x1p-60) {
      auto n = static_cast<std::uint64_t>(r) + (f > 0.5 ? 1 : 0);
      char buf[32];
      char* p = buf + sizeof buf;
      for (int i = 0; i < decimals; ++i, n /= 10) *--p = static_cast<char>('0' + n % 10);
      if (decimals > 0) *--p = '.';
      do {
        *--p = static_cast<char>('0' + n % 10);
        n /= 10;
      } while (n);
      if (std::signbit(v)) *--p = '-';
      return std::string(p, buf + sizeof buf);
    }
  }
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
