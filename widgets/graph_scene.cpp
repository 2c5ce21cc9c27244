#include "widgets/graph_scene.h"

#include "widgets/edge_labels.h"

#include <algorithm>
#include <cmath>

namespace inferscope::widgets {

QRectF GraphScene::nodeRect(int node) const {
  const auto& r = layout.nodes[static_cast<std::size_t>(node)];
  return {r.x, r.y, r.width, r.height};
}

QRectF GraphScene::bounds() const {
  const auto& b = layout.bounds;
  return {b.x, b.y, b.width, b.height};
}

int GraphScene::nodeAt(QPointF p) const {
  for (int i = nodeCount() - 1; i >= 0; --i)
    if (nodeRect(i).contains(p)) return i;
  return -1;
}

namespace {
double distanceToSegment(QPointF p, QPointF a, QPointF b) {
  QPointF d = b - a;
  double len2 = d.x() * d.x() + d.y() * d.y();
  double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / len2, 0.0, 1.0) : 0.0;
  QPointF q = a + t * d - p;
  return std::sqrt(q.x() * q.x() + q.y() * q.y());
}
}  // namespace

int GraphScene::edgeAt(QPointF p, double tol) const {
  int best = -1;
  double bestD = tol;
  for (int e = 0; e < edgeCount(); ++e) {
    if (!edgeBounds[static_cast<std::size_t>(e)].adjusted(-tol, -tol, tol, tol).contains(p)) continue;
    const auto& pts = layout.edges[static_cast<std::size_t>(e)].points;
    for (std::size_t k = 0; k + 1 < pts.size(); ++k) {
      double d = distanceToSegment(p, {pts[k].x, pts[k].y}, {pts[k + 1].x, pts[k + 1].y});
      if (d <= bestD) {
        bestD = d;
        best = e;
      }
    }
  }
  return best;
}

int GraphScene::nodeOfTensor(int tensor) const {
  for (int i = 0; i < nodeCount(); ++i) {
    const auto& n = graph.nodes[static_cast<std::size_t>(i)];
    if (n.kind != layout::ModelNode::Kind::Operator && n.index == tensor) return i;
  }
  if (tensor >= 0 && static_cast<std::size_t>(tensor) < graph.tensorSource.size())
    return graph.tensorSource[static_cast<std::size_t>(tensor)];
  return -1;
}

std::vector<std::uint8_t> GraphScene::trace(int node) const {
  std::vector<std::uint8_t> mark(graph.nodes.size(), 0);
  if (node < 0 || node >= nodeCount()) return mark;
  std::vector<std::int32_t> stack;
  auto walk = [&](bool up, std::uint8_t tag) {
    stack.assign(1, node);
    while (!stack.empty()) {
      auto v = static_cast<std::size_t>(stack.back());
      stack.pop_back();
      const auto& off = up ? inOffset : outOffset;
      const auto& list = up ? inEdges : outEdges;
      for (auto k = off[v]; k < off[v + 1]; ++k) {
        const auto& e = graph.edges[static_cast<std::size_t>(list[static_cast<std::size_t>(k)])];
        auto w = up ? e.from : e.to;
        if (w == node || mark[static_cast<std::size_t>(w)] == tag) continue;
        mark[static_cast<std::size_t>(w)] = tag;
        stack.push_back(w);
      }
    }
  };
  walk(true, 1);
  walk(false, 2);
  return mark;
}

std::vector<QPointF> GraphScene::route(int edge) const {
  std::vector<QPointF> out;
  for (const auto& p : layout.edges[static_cast<std::size_t>(edge)].points) out.emplace_back(p.x, p.y);
  return out;
}

Result<GraphScenePtr> buildGraphScene(const model::ModelPtr& model, int subgraph, const SceneOptions& options,
                                      const GraphFonts& fonts, const Progress& progress) {
  if (!model || subgraph < 0 || static_cast<std::size_t>(subgraph) >= model->subgraphs.size())
    return makeError(ErrorCode::Usage, "no such subgraph: " + std::to_string(subgraph));
  auto scene = std::make_shared<GraphScene>();
  scene->model = model;
  scene->subgraph = subgraph;
  scene->options = options;
  const auto& sg = model->subgraphs[static_cast<std::size_t>(subgraph)];
  scene->graph = layout::buildModelGraph(sg);
  auto n = scene->graph.nodes.size();
  scene->content.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    scene->content[i] = nodeContent(*model, sg, scene->graph.nodes[i], options.content);
    if (i % 4096 == 0 && !progress.report(0.1 * static_cast<double>(i) / static_cast<double>(n)))
      return makeError(ErrorCode::Cancelled, "layout cancelled");
  }
  layout::Options lo;
  lo.orientation = options.orientation;
  lo.nodeSpacing = 22;
  lo.edgeSpacing = 10;
  lo.rankSpacing = 30;
  // Left to right, a shape label sits in the gap between ranks: make the gap fit the widest.
  if (options.edgeLabels && options.orientation == layout::Orientation::LeftToRight)
    lo.rankSpacing = std::clamp(widestEdgeLabel(*scene, fonts) + 16.0, lo.rankSpacing, 160.0);
  Progress inner{[&](double f) { return progress.report(0.1 + 0.85 * f); }};
  auto result = layout::layeredLayout(
      scene->graph.layoutGraph(), [&](std::int32_t v) { return measureNode(scene->content[static_cast<std::size_t>(v)], fonts); },
      lo, inner);
  if (!result.ok()) return result.error();
  scene->layout = std::move(result).value();

  auto E = scene->graph.edges.size();
  scene->edgeBounds.resize(E);
  for (std::size_t e = 0; e < E; ++e) {
    const auto& pts = scene->layout.edges[e].points;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& p : pts) {
      x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    // Padded so straight (zero-width) routes still intersect the visible area.
    scene->edgeBounds[e] = pts.empty() ? QRectF() : QRectF(x0 - 2, y0 - 2, x1 - x0 + 4, y1 - y0 + 4);
  }
  scene->edgeLabels = placeEdgeLabels(*scene, fonts);
  auto csr = [&](bool incoming, std::vector<std::int32_t>& off, std::vector<std::int32_t>& list) {
    off.assign(n + 1, 0);
    for (const auto& e : scene->graph.edges) ++off[static_cast<std::size_t>(incoming ? e.to : e.from) + 1];
    for (std::size_t i = 1; i <= n; ++i) off[i] += off[i - 1];
    list.resize(E);
    std::vector<std::int32_t> fill(off.begin(), off.end() - 1);
    for (std::size_t e = 0; e < E; ++e) {
      const auto& ed = scene->graph.edges[e];
      list[static_cast<std::size_t>(fill[static_cast<std::size_t>(incoming ? ed.to : ed.from)]++)] = static_cast<std::int32_t>(e);
    }
  };
  csr(true, scene->inOffset, scene->inEdges);
  csr(false, scene->outOffset, scene->outEdges);
  if (!progress.report(1.0)) return makeError(ErrorCode::Cancelled, "layout cancelled");
  return GraphScenePtr(std::move(scene));
}

}  // namespace inferscope::widgets
