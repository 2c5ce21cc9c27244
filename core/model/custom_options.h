// Decoding an operator's custom options for display.
#pragma once

#include "core/model/ir.h"
#include "core/util/json.h"
#include "core/util/result.h"

namespace inferscope::model {

// FlexBuffers custom options as a JSON-like value (maps become objects, blobs become byte
// counts). The bytes are verified first; bad or non-FlexBuffers data is an error, not a crash.
Result<json::Value> decodeCustomOptions(const Operator& op);

}  // namespace inferscope::model
