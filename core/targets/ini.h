// Reader for Vela configuration files. Vela reads them with Python's ConfigParser defaults, so this
// follows the same rules: "[Section]" headers (case-sensitive names), "key = value" or "key: value"
// (keys are case-insensitive), full-line comments starting with '#' or ';' (no inline comments),
// indented continuation lines, a [DEFAULT] section whose keys every section sees, "%(key)s" / "%%"
// interpolation, and errors for duplicate sections or keys and for lines outside any section.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace inferscope::targets {

struct IniEntry {
  std::string key;    // lower-cased, as ConfigParser stores it
  std::string value;  // raw (before interpolation), continuation lines joined with '\n'
  int line = 0;       // 1-based line of the key
};

struct IniSection {
  std::string name;
  int line = 0;
  std::vector<IniEntry> entries;
  const IniEntry* find(std::string_view key) const;  // key compared case-insensitively
};

class IniFile {
 public:
  // `fileName` is used in error messages and SourceRefs.
  static Result<IniFile> parse(std::string_view text, std::string fileName);
  static Result<IniFile> load(const std::string& path);
  // Sections built in code, as parse() would return them (lower-case keys, distinct section names,
  // no [DEFAULT]; the caller guarantees what parse() checks).
  static IniFile fromSections(std::string fileName, std::vector<IniSection> sections);

  const std::string& fileName() const { return fileName_; }
  // Sections in file order, without [DEFAULT].
  const std::vector<IniSection>& sections() const { return sections_; }
  const IniSection* section(std::string_view name) const;
  const IniSection& defaults() const { return defaults_; }

  // The entry for `key` in `section` or, failing that, in [DEFAULT]; nullptr when neither has it.
  const IniEntry* entry(std::string_view section, std::string_view key) const;
  // The value with ConfigParser's basic interpolation applied; nullopt when the key is absent.
  Result<std::optional<std::string>> value(std::string_view section, std::string_view key) const;

 private:
  Result<std::string> interpolate(std::string_view section, const IniEntry& e, int depth) const;

  std::string fileName_;
  std::vector<IniSection> sections_;
  IniSection defaults_;
};

std::string toLowerAscii(std::string_view s);

}  // namespace inferscope::targets
