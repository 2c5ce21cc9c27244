// Draws a GraphScene region with a GraphPainter: culling, level of detail and selection, trace and
// decoration states. Used by the view, the exporters and the paint benchmark.
#pragma once

#include <QRectF>
#include <cstdint>
#include <vector>

#include "widgets/graph_painter.h"

namespace inferscope::widgets {

struct PaintState {
  int selectedNode = -1;
  int selectedEdge = -1;
  int hoveredNode = -1;
  std::vector<std::uint8_t> trace;  // per node (GraphScene::trace), empty: no trace shown
  NodeDecorationsPtr decorations;
  bool edgeLabels = false;
};

// Paints the part of `scene` inside `visible` (scene coordinates). The painter must already map
// scene coordinates to the device; `scale` is device pixels per scene unit.
void paintScene(QPainter& p, const GraphScene& scene, const GraphPainter& painter, const QRectF& visible, double scale,
                const PaintState& state);

}  // namespace inferscope::widgets
