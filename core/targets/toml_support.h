// Private helpers shared by the profile reader and writer (includes toml11; not a public header).
#pragma once

#include <map>
#include <vector>

#include <toml.hpp>

#include <string>

namespace inferscope::targets::detail {

using TomlValue = toml::basic_value<toml::preserve_comments, std::map, std::vector>;

// "file:line:col" of a value, or just the file when toml11 has no location for it.
inline std::string where(const TomlValue& v, const std::string& file) {
  auto loc = v.location();
  if (loc.line() == 0 || loc.file_name() == "unknown file") return file;
  return file + ":" + std::to_string(loc.line()) + ":" + std::to_string(loc.column());
}

inline const char* tomlTypeName(const TomlValue& v) {
  switch (v.type()) {
    case toml::value_t::string: return "a string";
    case toml::value_t::integer: return "an integer";
    case toml::value_t::floating: return "a float";
    case toml::value_t::boolean: return "a boolean";
    case toml::value_t::array: return "an array";
    case toml::value_t::table: return "a table";
    case toml::value_t::offset_datetime:
    case toml::value_t::local_datetime:
    case toml::value_t::local_date:
    case toml::value_t::local_time: return "a date/time";
    default: return "empty";
  }
}

}  // namespace inferscope::targets::detail
