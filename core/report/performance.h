// Reports of an Ethos-U estimate: the JSON section the CLI and GUI export, a Vela-style text
// summary with the per-layer table, and CSV files with Vela's column names.
#pragma once

#include <string>

#include "core/estimate/estimate.h"
#include "core/report/check.h"
#include "core/util/json.h"

namespace inferscope::report {

json::Value performanceJson(const estimate::Estimate& e);
std::string performanceText(const estimate::Estimate& e, const std::string& network);
// Vela's per-layer CSV columns (TFLite_operator, NNG Operator, SRAM Usage, ..., Name).
std::string perLayerCsv(const estimate::Estimate& e);
// One row of network figures, with Vela's summary CSV column names where it has them.
std::string summaryCsv(const estimate::Estimate& e, const std::string& network);

// The "performance" section of the check document.
CheckSection performanceSection(const estimate::Estimate& e, const std::string& network,
                                SectionForm form = SectionForm::Both);

}  // namespace inferscope::report
