// What the embedded TFLite schema knows, without exposing FlatBuffers types:
// enum names, the options table of each builtin operator, and building options from key/values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::model {

// Name of an enum value, e.g. enumValueName("Padding", 0) == "SAME"; empty when unknown.
std::string_view enumValueName(std::string_view enumType, std::int64_t value);
std::optional<std::int64_t> enumValueFromName(std::string_view enumType, std::string_view name);
// Every (name, value) of a schema enum, in value order.
std::vector<std::pair<std::string_view, std::int64_t>> enumValues(std::string_view enumType);

// The options table an operator uses ("Conv2DOptions"); empty when it has none.
std::string_view optionsTypeFor(BuiltinOp op);

using OptionInit = std::pair<std::string_view, OptionScalar>;
// Builds the options of `op` with schema defaults, overridden by `values`. Enum fields accept
// their symbolic name as a string ("SAME"). Unknown keys or wrong types are errors.
Result<BuiltinOptions> makeOptions(BuiltinOp op, std::span<const OptionInit> values);

}  // namespace inferscope::model
