#include "core/util/text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace inferscope::text {
namespace {
// Display width of UTF-8 text: counts code points, not bytes (ASCII text, 8 bytes at a time).
std::size_t width(std::string_view s) {
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
std::string shorten(std::string_view s, std::size_t max) {
  if (width(s) <= max || max < 2) return std::string(s);
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
    : align_(std::move(align)), cols_(header.size()) {
  align_.resize(cols_, Align::Left);
  start_.push_back(0);
  append(header);
}

template <class Cells>
void Table::append(const Cells& row) {
  std::size_t i = 0;
  for (const auto& c : row) {
    if (i++ == cols_) break;
    text_.append(c.data(), c.size());
    start_.push_back(text_.size());
  }
  for (; i < cols_; ++i) start_.push_back(text_.size());
}

void Table::addRow(const std::vector<std::string>& row) {
  append(row);
  ++rows_;
}

void Table::addRow(std::initializer_list<std::string_view> row) {
  append(row);
  ++rows_;
}

std::string_view Table::cell(std::size_t row, std::size_t col) const {
  const std::size_t k = row * cols_ + col;
  return std::string_view(text_).substr(start_[k], start_[k + 1] - start_[k]);
}

void Table::reserve(std::size_t rows, std::size_t bytesPerRow) {
  text_.reserve(text_.size() + rows * bytesPerRow);
  start_.reserve(start_.size() + rows * cols_);
}

std::string Table::render(std::size_t maxWidth, const std::string& indent) const {
  std::string out;
  renderTo(out, maxWidth, indent);
  return out;
}

void Table::renderTo(std::string& out, std::size_t maxWidth, const std::string& indent) const {
  const std::size_t cols = cols_;
  // Each cell's display width, measured once: header, rule, rows.
  std::vector<std::size_t> cellWidth((rows_ + 2) * cols);
  std::vector<std::size_t> w(cols, 0);
  auto measure = [&](std::size_t row, std::size_t at) {
    for (std::size_t i = 0; i < cols; ++i) {
      const std::size_t cw = width(cell(row, i));
      cellWidth[at * cols + i] = cw;
      w[i] = std::max(w[i], std::min(cw, maxWidth));
    }
  };
  measure(0, 0);
  for (std::size_t k = 1; k <= rows_; ++k) measure(k, k + 1);
  std::vector<std::string> rule;
  for (std::size_t i = 0; i < cols; ++i) {
    rule.emplace_back(w[i], '-');
    cellWidth[cols + i] = w[i];
  }
  std::size_t lineWidth = indent.size() + 1;
  for (auto x : w) lineWidth += x + 2;
  // (Room to spare when `out` grows: text usually follows the table.)
  const std::size_t bound = (rows_ + 2) * lineWidth;
  if (out.capacity() < out.size() + bound) out.reserve(out.size() + bound + bound / 8 + 1024);
  std::vector<std::string_view> cells(cols);
  std::vector<std::string> shortened(cols);
  // `text(i)` gives the line's cell in column i; `at` is its row in cellWidth. The line is sized
  // first and written in place.
  auto line = [&](const auto& text, std::size_t at) {
    std::size_t bytes = indent.size() + 1;
    for (std::size_t i = 0; i < cols; ++i) {
      std::size_t& cw = cellWidth[at * cols + i];
      cells[i] = text(i);
      if (cw > maxWidth && maxWidth >= 2) {  // cut to the column's limit
        shortened[i] = shorten(cells[i], maxWidth);
        cells[i] = shortened[i];
        cw = width(cells[i]);
      }
      bytes += cells[i].size() + (w[i] - std::min(w[i], cw)) + 2;
    }
    const auto start = out.size();
    out.resize(start + bytes);
    char* const begin = out.data() + start;
    char* p = begin;
    std::memcpy(p, indent.data(), indent.size());
    p += indent.size();
    for (std::size_t i = 0; i < cols; ++i) {
      const std::string_view c = cells[i];
      const auto pad = w[i] - std::min(w[i], cellWidth[at * cols + i]);
      const bool last = i + 1 == cols;
      if (align_[i] == Align::Right) {
        std::memset(p, ' ', pad);
        p += pad;
        std::memcpy(p, c.data(), c.size());
        p += c.size();
      } else {
        std::memcpy(p, c.data(), c.size());
        p += c.size();
        if (!last) {
          std::memset(p, ' ', pad);
          p += pad;
        }
      }
      if (!last) {
        p[0] = p[1] = ' ';
        p += 2;
      }
    }
    while (p > begin && p[-1] == ' ') --p;
    *p++ = '\n';
    out.resize(static_cast<std::size_t>(p - out.data()));
  };
  line([&](std::size_t i) { return cell(0, i); }, 0);
  line([&](std::size_t i) { return std::string_view(rule[i]); }, 1);
  for (std::size_t k = 1; k <= rows_; ++k) line([&](std::size_t i) { return cell(k, i); }, k + 1);
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
