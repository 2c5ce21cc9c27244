// Internal: the compatibility tables in resources/compat/*.json, compiled into the core.
#pragma once

#include <string_view>

#include "core/util/json.h"

namespace inferscope::compat::data {

// Parsed once; a null value if the embedded table does not parse (a build error, caught by tests).
const json::Value& armnnDelegate();
const json::Value& tosaLegalization();
const json::Value& tflmOps();

}  // namespace inferscope::compat::data
