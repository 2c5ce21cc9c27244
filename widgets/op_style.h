// How operators look: their category (which sets the header colour, as in Netron) and the names
// of their inputs (so constant inputs read "filter ⟨32×3×3×3⟩" rather than "input 1").
#pragma once

#include <QColor>
#include <QString>

#include <QList>

#include "core/model/ir.h"

namespace inferscope::widgets {

enum class OpCategory {
  Layer,          // convolutions, fully connected, recurrent cells
  Activation,
  Pool,
  Normalization,
  Shape,          // reshape, transpose, squeeze ...
  Tensor,         // concat, split, pad, gather, slice ...
  Quantization,   // quantize, dequantize
  Control,        // WHILE, IF, CALL_ONCE
  Custom,
  Elementwise,    // arithmetic and comparisons
  Other,
};

OpCategory opCategory(model::BuiltinOp op);
QString categoryName(OpCategory c);
// Header fill for a category; `dark` picks the variant for dark palettes.
QColor categoryColor(OpCategory c, bool dark);
// Text colour that reads well on categoryColor(c, dark).
QColor categoryTextColor(OpCategory c, bool dark);

// Name of input `i` of `op` ("input", "filter", "bias" ...), or "input i" when not known.
QString inputName(model::BuiltinOp op, int i);
// The subgraphs an operator refers to (WHILE cond/body, IF then/else, CALL_ONCE init), as
// (role, subgraph index) pairs. Empty for other operators.
struct SubgraphLink {
  QString role;
  int subgraph = -1;
};
QList<SubgraphLink> subgraphLinks(const model::Operator& op);

}  // namespace inferscope::widgets
