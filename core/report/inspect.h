// The "inspect" report: what a model contains, as JSON and as text. Shared by CLI and GUI.
#pragma once

#include <string>

#include "core/model/ir.h"
#include "core/util/json.h"

namespace inferscope::report {

json::Value tensorJson(const model::Subgraph& sg, std::int32_t index);
json::Value inspectJson(const model::Model& m, const std::string& path = {});
std::string inspectText(const model::Model& m, const std::string& path = {});

}  // namespace inferscope::report
