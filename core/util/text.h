// Plain-text helpers for reports: aligned tables and number formatting.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace inferscope::text {

class Table {
 public:
  enum class Align { Left, Right };
  explicit Table(std::vector<std::string> header, std::vector<Align> align = {});
  // A row of cells (missing cells are empty, extra ones dropped). The cells are copied into one
  // buffer the table keeps, so a row of views costs no allocation of its own.
  void addRow(const std::vector<std::string>& row);
  void addRow(std::initializer_list<std::string_view> row);
  std::size_t rows() const { return rows_; }
  // Room for `rows` more rows of about `bytesPerRow` bytes of cell text (no regrowth while adding).
  void reserve(std::size_t rows, std::size_t bytesPerRow);
  // Columns padded to their widest cell; cells wider than maxWidth are shortened with "…".
  std::string render(std::size_t maxWidth = 48, const std::string& indent = "") const;
  // The same, appended to `out` (one allocation less for a long table).
  void renderTo(std::string& out, std::size_t maxWidth = 48, const std::string& indent = "") const;

 private:
  template <class Cells>
  void append(const Cells& row);
  std::string_view cell(std::size_t row, std::size_t col) const;  // row 0 is the header

  std::vector<Align> align_;
  std::size_t cols_ = 0, rows_ = 0;  // rows_: without the header
  std::string text_;                 // every cell, header first, row by row
  std::vector<std::size_t> start_;   // where each cell starts in text_, and the end of the last
};

std::string withSeparators(std::int64_t v);  // 1234567 -> "1,234,567"
std::string humanCount(double v);            // 3504872 -> "3.50 M"
std::string humanBytes(double bytes);        // 1536 -> "1.50 KiB"
std::string fixed(double v, int decimals);

}  // namespace inferscope::text
