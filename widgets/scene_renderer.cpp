#include "widgets/scene_renderer.h"

namespace inferscope::widgets {

void paintScene(QPainter& p, const GraphScene& s, const GraphPainter& painter, const QRectF& visible, double scale,
                const PaintState& st) {
  Detail detail = detailForScale(scale);
  p.setRenderHint(QPainter::Antialiasing, detail != Detail::Boxes);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  const bool tracing = !st.trace.empty() && st.selectedNode >= 0;
  const NodeDecorations* deco = st.decorations.get();
  const bool dimUndecorated = deco && deco->dimUndecorated();

  auto nodeTrace = [&](int n) -> std::uint8_t {
    if (!tracing) return 0;
    return n == st.selectedNode ? 3 : st.trace[static_cast<std::size_t>(n)];
  };
  auto edgeState = [&](int e) {
    EdgeState es;
    const auto& ed = s.graph.edges[static_cast<std::size_t>(e)];
    es.selected = e == st.selectedEdge || (!tracing && st.selectedNode >= 0 && (ed.from == st.selectedNode || ed.to == st.selectedNode));
    if (tracing) {
      auto a = nodeTrace(ed.from), b = nodeTrace(ed.to);
      if ((a == 1 || a == 3) && b == 1) es.trace = 1;
      else if (a == 1 && b == 3) es.trace = 1;
      else if ((a == 3 || a == 2) && b == 2) es.trace = 2;
      else es.dimmed = true;
    }
    return es;
  };

  // Edges first; highlighted ones on top.
  std::vector<int> late;
  for (int e = 0; e < s.edgeCount(); ++e) {
    if (!s.edgeBounds[static_cast<std::size_t>(e)].intersects(visible)) continue;
    auto es = edgeState(e);
    if (es.selected || es.trace) {
      late.push_back(e);
      continue;
    }
    painter.paintEdge(p, s, e, es, detail);
  }
  for (int e : late) painter.paintEdge(p, s, e, edgeState(e), detail);

  for (int n = 0; n < s.nodeCount(); ++n) {
    QRectF r = s.nodeRect(n);
    if (!r.intersects(visible)) continue;
    NodeState ns;
    ns.selected = n == st.selectedNode;
    ns.hovered = n == st.hoveredNode;
    const auto& node = s.graph.nodes[static_cast<std::size_t>(n)];
    if (deco && node.kind == layout::ModelNode::Kind::Operator) ns.decoration = deco->find(s.subgraph, node.index);
    if (tracing) {
      auto t = nodeTrace(n);
      ns.trace = t == 3 ? 0 : t;
      ns.dimmed = t == 0;
    } else if (dimUndecorated && !ns.decoration && !ns.selected) {
      ns.dimmed = true;
    }
    painter.paintNode(p, s, n, ns, detail);
  }

  if (st.edgeLabels && detail == Detail::Full)
    for (int e = 0; e < s.edgeCount(); ++e)
      if (static_cast<std::size_t>(e) < s.edgeLabels.size() && s.edgeLabels[static_cast<std::size_t>(e)].intersects(visible))
        painter.paintEdgeLabel(p, s, e);
}

}  // namespace inferscope::widgets
