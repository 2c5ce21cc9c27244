// RFC 4180 CSV: reading (quoted fields, embedded commas, quotes and newlines) and writing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace inferscope::csv {

using Row = std::vector<std::string>;

Result<std::vector<Row>> parse(std::string_view text);
// Quotes a field when it holds a comma, quote, CR or LF.
std::string quote(std::string_view field);
std::string writeRow(const Row& row);  // ends with CRLF, as RFC 4180 asks
std::string write(const std::vector<Row>& rows);

// Rows as records keyed by the header row.
class Table {
 public:
  static Result<Table> parse(std::string_view text);
  const Row& header() const { return header_; }
  std::size_t size() const { return rows_.size(); }
  const Row& row(std::size_t i) const { return rows_[i]; }
  int column(std::string_view name) const;  // -1 when absent
  // Field of row i by column name; empty when the column or field is missing.
  const std::string& get(std::size_t i, std::string_view name) const;

 private:
  Row header_;
  std::vector<Row> rows_;
};

}  // namespace inferscope::csv
