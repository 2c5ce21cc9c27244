// The compatibility overlay: every operator coloured by its verdict (NPU green, CPU red, folded and
// dropped operators grey), a badge on the ones off the target, the reasons and advice as tooltip.
#pragma once

#include "widgets/compat_data.h"
#include "widgets/node_decorations.h"

namespace inferscope::widgets {

NodeDecorationsPtr compatibilityOverlay(const CompatData& data);

// The tooltip text of one entry (plain text, one line per fact).
QString compatTooltip(const CompatData& data, const CompatEntry& e);

}  // namespace inferscope::widgets
