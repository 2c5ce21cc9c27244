#include "core/targets/ini.h"

#include <climits>

#include "core/util/fileio.h"

namespace inferscope::targets {

namespace {

constexpr int kMaxInterpolationDepth = 10;  // ConfigParser's MAX_INTERPOLATION_DEPTH

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

Error syntaxError(const std::string& file, int line, const std::string& what) {
  return makeError(ErrorCode::Format, file + ":" + std::to_string(line) + ": ini syntax error: " + what);
}

// Joins the collected lines of a value as ConfigParser does: '\n' between lines, trailing blank
// lines dropped.
std::string joinValue(const std::vector<std::string>& lines) {
  std::string v;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) v += '\n';
    v += lines[i];
  }
  while (!v.empty() && (v.back() == '\n' || isSpace(v.back()))) v.pop_back();
  return v;
}

}  // namespace

std::string toLowerAscii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const IniEntry* IniSection::find(std::string_view key) const {
  // Keys are stored lower-case: compare with `key` lower-cased on the fly (no copy per lookup).
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const auto& e : entries) {
    if (e.key.size() != key.size()) continue;
    std::size_t i = 0;
    while (i < key.size() && e.key[i] == lower(key[i])) ++i;
    if (i == key.size()) return &e;
  }
  return nullptr;
}

IniFile IniFile::fromSections(std::string fileName, std::vector<IniSection> sections) {
  IniFile ini;
  ini.fileName_ = std::move(fileName);
  ini.defaults_.name = "DEFAULT";
  ini.sections_ = std::move(sections);
  return ini;
}

Result<IniFile> IniFile::parse(std::string_view text, std::string fileName) {
  IniFile ini;
  ini.fileName_ = std::move(fileName);
  ini.defaults_.name = "DEFAULT";
  const auto& file = ini.fileName_;

  IniSection* cur = nullptr;
  IniEntry* curEntry = nullptr;          // the option that continuation lines extend
  std::vector<std::string> curLines;     // its value lines
  std::size_t indentLevel = 0;
  bool sawDefaults = false;
  auto flush = [&] {
    if (curEntry) curEntry->value = joinValue(curLines);
    curEntry = nullptr;
    curLines.clear();
  };

  int lineNo = 0;
  std::size_t pos = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 BOM
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++lineNo;
    if (raw.find('\0') != std::string_view::npos) return syntaxError(file, lineNo, "NUL byte in a text file");

    auto value = trim(raw);
    bool isComment = !value.empty() && (value.front() == '#' || value.front() == ';');
    if (value.empty() || isComment) {
      // A blank line inside a multi-line value belongs to it; comment lines are skipped.
      if (!isComment && curEntry) curLines.emplace_back();
      continue;
    }
    std::size_t indent = raw.find_first_not_of(" \t\r\f\v");
    if (cur && curEntry && indent > indentLevel) {  // continuation line
      curLines.emplace_back(value);
      continue;
    }
    flush();
    indentLevel = indent;

    if (value.front() == '[') {
      auto close = value.rfind(']');
      if (close == std::string_view::npos || close < 2)
        return syntaxError(file, lineNo, "section header '" + std::string(value) + "' has no closing ']'");
      std::string name(value.substr(1, close - 1));
      if (name == "DEFAULT") {
        if (sawDefaults) return syntaxError(file, lineNo, "section 'DEFAULT' appears twice");
        sawDefaults = true;
        ini.defaults_.line = lineNo;
        cur = &ini.defaults_;
      } else {
        for (const auto& s : ini.sections_)
          if (s.name == name)
            return syntaxError(file, lineNo, "section '" + name + "' already exists (line " +
                                                 std::to_string(s.line) + ")");
        ini.sections_.push_back(IniSection{name, lineNo, {}});
        cur = &ini.sections_.back();
      }
      continue;
    }
    if (!cur)
      return syntaxError(file, lineNo, "'" + std::string(value) + "' is outside any [section]");

    auto delim = value.find_first_of("=:");
    if (delim == std::string_view::npos)
      return syntaxError(file, lineNo, "expected 'key = value', got '" + std::string(value) + "'");
    auto key = toLowerAscii(trim(value.substr(0, delim)));
    if (key.empty()) return syntaxError(file, lineNo, "empty key before '" + std::string(1, value[delim]) + "'");
    for (const auto& e : cur->entries)
      if (e.key == key)
        return syntaxError(file, lineNo, "key '" + key + "' in section '" + cur->name +
                                             "' already exists (line " + std::to_string(e.line) + ")");
    cur->entries.push_back(IniEntry{key, "", lineNo});
    curEntry = &cur->entries.back();
    curLines.assign(1, std::string(trim(value.substr(delim + 1))));
  }
  flush();
  if (ini.sections_.empty() && !sawDefaults)
    return makeError(ErrorCode::Format, file + ": ini syntax error: the file has no [section] headers");
  return ini;
}

Result<IniFile> IniFile::load(const std::string& path) {
  auto text = readTextFile(path, 16u << 20);
  if (!text) return text.error();
  return parse(*text, path);
}

const IniSection* IniFile::section(std::string_view name) const {
  for (const auto& s : sections_)
    if (s.name == name) return &s;
  return nullptr;
}

const IniEntry* IniFile::entry(std::string_view sectionName, std::string_view key) const {
  if (const auto* s = section(sectionName))
    if (const auto* e = s->find(key)) return e;
  return defaults_.find(key);
}

Result<std::optional<std::string>> IniFile::value(std::string_view sectionName, std::string_view key) const {
  const auto* e = entry(sectionName, key);
  if (!e) return std::optional<std::string>{};
  auto v = interpolate(sectionName, *e, 1);
  if (!v) return v.error();
  return std::optional<std::string>(std::move(*v));
}

Result<std::string> IniFile::interpolate(std::string_view sectionName, const IniEntry& e, int depth) const {
  auto where = fileName_ + ":" + std::to_string(e.line) + ": ";
  if (depth > kMaxInterpolationDepth)
    return makeError(ErrorCode::Config, where + e.key + ": interpolation nests deeper than " +
                                            std::to_string(kMaxInterpolationDepth) + " levels");
  std::string out;
  const auto& v = e.value;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '%') {
      out += v[i];
      continue;
    }
    if (i + 1 < v.size() && v[i + 1] == '%') {
      out += '%';
      ++i;
    } else if (i + 1 < v.size() && v[i + 1] == '(') {
      auto close = v.find(")s", i + 2);
      if (close == std::string::npos)
        return makeError(ErrorCode::Config, where + e.key + ": bad interpolation syntax in '" + v +
                                                "' (use %(name)s, or %% for a literal %)");
      auto ref = v.substr(i + 2, close - i - 2);
      const auto* target = entry(sectionName, ref);
      if (!target)
        return makeError(ErrorCode::Config, where + e.key + ": '%(" + ref + ")s' refers to a key that section '" +
                                                std::string(sectionName) + "' does not have");
      auto sub = interpolate(sectionName, *target, depth + 1);
      if (!sub) return sub.error();
      out += *sub;
      i = close + 1;
    } else {
      return makeError(ErrorCode::Config, where + e.key + ": '%' must be followed by '%' or '(' in '" + v + "'");
    }
  }
  return out;
}

}  // namespace inferscope::targets
