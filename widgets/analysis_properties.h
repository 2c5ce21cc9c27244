// The analysis of one operator in the properties sidebar: its compatibility verdict with every
// failing constraint and the advice, and its share of the performance estimate.
#pragma once

#include "widgets/analysis_controller.h"
#include "widgets/property_model.h"

namespace inferscope::widgets {

void addAnalysisProperties(PropertyItem* root, const AnalysisOutcome& outcome, int subgraph, int op);

}  // namespace inferscope::widgets
