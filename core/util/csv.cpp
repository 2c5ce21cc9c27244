#include "core/util/csv.h"

namespace inferscope::csv {

Result<std::vector<Row>> parse(std::string_view t) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false, fieldStarted = false;
  std::size_t line = 1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < t.size() && t[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !fieldStarted) {
      quoted = fieldStarted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      fieldStarted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      fieldStarted = false;
      rows.push_back(std::move(row));
      row.clear();
      ++line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return makeError(ErrorCode::Format, "CSV: unterminated quoted field starting before line " + std::to_string(line));
  if (fieldStarted || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string quote(std::string_view f) {
  if (f.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(f);
  std::string out = "\"";
  for (char c : f) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string writeRow(const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) out += ',';
    out += quote(row[i]);
  }
  return out + "\r\n";
}

std::string write(const std::vector<Row>& rows) {
  std::string out;
  for (const auto& r : rows) out += writeRow(r);
  return out;
}

Result<Table> Table::parse(std::string_view text) {
  auto rows = csv::parse(text);
  if (!rows) return rows.error();
  Table t;
  if (rows->empty()) return t;
  t.header_ = std::move(rows->front());
  for (std::size_t i = 1; i < rows->size(); ++i) {
    auto& r = (*rows)[i];
    if (r.size() == 1 && r[0].empty()) continue;  // blank line
    t.rows_.push_back(std::move(r));
  }
  return t;
}

int Table::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

const std::string& Table::get(std::size_t i, std::string_view name) const {
  static const std::string empty;
  int c = column(name);
  if (c < 0 || i >= rows_.size() || static_cast<std::size_t>(c) >= rows_[i].size()) return empty;
  return rows_[i][static_cast<std::size_t>(c)];
}

}  // namespace inferscope::csv
