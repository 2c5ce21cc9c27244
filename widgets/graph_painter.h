// Painting of nodes and edges with level of detail. The view decides what is visible and in
// which state; a GraphPainter decides how it looks. Subclass and pass to GraphView::setPainter to
// change the look without touching the view.
#pragma once

#include <QPainter>
#include <QPainterPath>
#include <cstdint>
#include <vector>

#include "widgets/graph_scene.h"
#include "widgets/node_decorations.h"
#include "widgets/theme.h"

namespace inferscope::widgets {

enum class Detail {
  Boxes,    // zoomed far out: filled boxes and straight polylines
  Titles,   // headers and titles
  Full,     // everything: rows, fused activation, badges, curved edges with arrows, labels
};

Detail detailForScale(double scale);

struct NodeState {
  bool selected = false;
  bool hovered = false;
  bool dimmed = false;
  std::uint8_t trace = 0;  // 1: feeds the selection, 2: fed by it
  const NodeDecoration* decoration = nullptr;
};

struct EdgeState {
  bool selected = false;
  bool dimmed = false;
  std::uint8_t trace = 0;
};

class GraphPainter {
 public:
  virtual ~GraphPainter() = default;
  void setTheme(const GraphTheme& t) { theme_ = t; }
  const GraphTheme& theme() const { return theme_; }
  void setFonts(const GraphFonts& f) { fonts_ = f; }
  const GraphFonts& fonts() const { return fonts_; }

  virtual void paintNode(QPainter& p, const GraphScene& s, int node, const NodeState& st, Detail d) const;
  virtual void paintEdge(QPainter& p, const GraphScene& s, int edge, const EdgeState& st, Detail d) const;
  // Tensor shape at the middle of the edge (Full detail only).
  virtual void paintEdgeLabel(QPainter& p, const GraphScene& s, int edge) const;
  // The curve drawn for an edge at Full detail (straight pieces inside ranks, S-curves between).
  static QPainterPath edgePath(const GraphScene& s, int edge);

 protected:
  QColor headerColor(const GraphScene& s, int node, const NodeState& st) const;
  void paintBadge(QPainter& p, const QRectF& r, const NodeDecoration& d) const;
  void paintArrow(QPainter& p, const GraphScene& s, int edge, const QColor& c) const;

  GraphTheme theme_;
  GraphFonts fonts_;
};

}  // namespace inferscope::widgets
