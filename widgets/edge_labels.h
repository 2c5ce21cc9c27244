// Where the tensor-shape label of each edge goes: on its route, clear of the nodes and of the
// labels already placed (fan-outs from one node would otherwise stack their labels), computed once
// when the scene is built.
#pragma once

#include <QRectF>
#include <vector>

#include "widgets/node_content.h"

namespace inferscope::widgets {

class GraphScene;

// Per edge: the label's box in scene coordinates, or an empty rectangle for an edge without a
// tensor or a route.
std::vector<QRectF> placeEdgeLabels(const GraphScene& scene, const GraphFonts& fonts);

// Width of the widest label (needs the scene's graph, not its layout).
double widestEdgeLabel(const GraphScene& scene, const GraphFonts& fonts);

}  // namespace inferscope::widgets
