// Number parsing with Python's float() / int() rules, which is how Vela converts .ini values.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace inferscope::targets {

// Like float(s): surrounding whitespace, a sign, digits with single '_' between them, a fraction,
// an exponent, "inf"/"nan". Returns nullopt where Python would raise ValueError.
std::optional<double> parsePythonFloat(std::string_view s);
// Like int(s) in base 10: surrounding whitespace, a sign, digits with single '_' between them.
std::optional<std::int64_t> parsePythonInt(std::string_view s);

}  // namespace inferscope::targets
