// Plain-text helpers for reports: aligned tables and number formatting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace inferscope::text {

class Table {
 public:
  enum class Align { Left, Right };
  explicit Table(std::vector<std::string> header, std::vector<Align> align = {});
  void addRow(std::vector<std::string> row);
  std::size_t rows() const { return rows_.size(); }
  // Columns padded to their widest cell; cells wider than maxWidth are shortened with "…".
  std::string render(std::size_t maxWidth = 48, const std::string& indent = "") const;

 private:
  std::vector<std::string> header_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

std::string withSeparators(std::int64_t v);  // 1234567 -> "1,234,567"
std::string humanCount(double v);            // 3504872 -> "3.50 M"
std::string humanBytes(double bytes);        // 1536 -> "1.50 KiB"
std::string fixed(double v, int decimals);

}  // namespace inferscope::text
