// Number parsing with Python's float() / int() rules, which is how Vela converts .ini values.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace inferscope::targets {

// Like float(s): surrounding whitespace, a sign, digits with single '_' between them, a fraction,
// an exponent, "inf"/"nan". Returns nullopt where Python would raise ValueError.
std::optional<double> parsePythonFloat(std::string_view s);
// A clock frequency as people type it in the editor: a float as above, optionally followed by a
// unit Hz, kHz, MHz or GHz (any case, space optional): "400e6", "400 MHz", "0.4GHz". In Hz.
std::optional<double> parseFrequency(std::string_view s);
// Like int(s) in base 10: surrounding whitespace, a sign, digits with single '_' between them.
std::optional<std::int64_t> parsePythonInt(std::string_view s);

}  // namespace inferscope::targets
