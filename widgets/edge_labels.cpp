#include "widgets/edge_labels.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "widgets/graph_scene.h"

namespace inferscope::widgets {
namespace {

// Rectangles bucketed on a uniform grid, for "does this box overlap anything placed" queries.
class RectGrid {
 public:
  explicit RectGrid(double cell) : cell_(cell) {}
  void add(const QRectF& r) {
    const auto id = static_cast<std::int32_t>(rects_.size());
    rects_.push_back(r);
    forCells(r, [&](std::int64_t key) { cells_[key].push_back(id); });
  }
  bool overlaps(const QRectF& r) const {
    bool hit = false;
    forCells(r, [&](std::int64_t key) {
      if (hit) return;
      auto it = cells_.find(key);
      if (it == cells_.end()) return;
      for (auto id : it->second)
        if (rects_[static_cast<std::size_t>(id)].intersects(r)) {
          hit = true;
          return;
        }
    });
    return hit;
  }

 private:
  template <typename F>
  void forCells(const QRectF& r, F&& f) const {
    const auto x0 = static_cast<std::int64_t>(std::floor(r.left() / cell_));
    const auto x1 = static_cast<std::int64_t>(std::floor(r.right() / cell_));
    const auto y0 = static_cast<std::int64_t>(std::floor(r.top() / cell_));
    const auto y1 = static_cast<std::int64_t>(std::floor(r.bottom() / cell_));
    for (auto y = y0; y <= y1; ++y)
      for (auto x = x0; x <= x1; ++x) f((y << 32) ^ (x & 0xffffffff));
  }
  double cell_;
  std::vector<QRectF> rects_;
  std::unordered_map<std::int64_t, std::vector<std::int32_t>> cells_;
};

// The point at fraction t of a polyline's length.
QPointF along(const std::vector<QPointF>& pts, const std::vector<double>& cumulative, double t) {
  const double target = t * cumulative.back();
  auto it = std::lower_bound(cumulative.begin(), cumulative.end(), target);
  auto k = static_cast<std::size_t>(std::max<std::ptrdiff_t>(1, it - cumulative.begin()));
  k = std::min(k, pts.size() - 1);
  const double len = cumulative[k] - cumulative[k - 1];
  const double f = len > 0 ? (target - cumulative[k - 1]) / len : 0;
  return pts[k - 1] + f * (pts[k] - pts[k - 1]);
}

}  // namespace

double widestEdgeLabel(const GraphScene& s, const GraphFonts& fonts) {
  double widest = 0;
  for (const auto& e : s.graph.edges)
    if (const auto* t = s.sg().tensor(e.tensor)) widest = std::max(widest, fonts.smallMetrics.width(shapeString(t->shape)) + 2);
  return widest;
}

std::vector<QRectF> placeEdgeLabels(const GraphScene& s, const GraphFonts& fonts) {
  const auto E = static_cast<std::size_t>(s.edgeCount());
  std::vector<QRectF> out(E);
  RectGrid placed(160.0);
  for (int i = 0; i < s.nodeCount(); ++i) placed.add(s.nodeRect(i).adjusted(-2, -2, 2, 2));
  const double h = fonts.smallMetrics.height();
  // Middle first, then outwards; beside the route (right, left, above, below).
  static constexpr double kAlong[] = {0.5, 0.35, 0.65, 0.2, 0.8};
  for (std::size_t e = 0; e < E; ++e) {
    const auto* t = s.sg().tensor(s.graph.edges[e].tensor);
    const auto& raw = s.layout.edges[e].points;
    if (!t || raw.size() < 2) continue;
    std::vector<QPointF> pts;
    std::vector<double> cumulative{0.0};
    for (const auto& p : raw) {
      if (!pts.empty()) cumulative.push_back(cumulative.back() + std::hypot(p.x - pts.back().x(), p.y - pts.back().y()));
      pts.emplace_back(p.x, p.y);
    }
    if (cumulative.back() <= 0) continue;
    const double w = fonts.smallMetrics.width(shapeString(t->shape)) + 2;
    // The first candidate clear of nodes and labels, else the first one.
    auto pick = [&]() {
      QRectF first;
      for (double f : kAlong) {
        const QPointF m = along(pts, cumulative, f);
        const QRectF candidates[] = {{m.x() + 3, m.y() - h / 2, w, h},
                                     {m.x() - 3 - w, m.y() - h / 2, w, h},
                                     {m.x() - w / 2, m.y() - h - 2, w, h},
                                     {m.x() - w / 2, m.y() + 2, w, h}};
        for (const auto& c : candidates) {
          if (first.isNull()) first = c;
          if (!placed.overlaps(c)) return c;
        }
      }
      return first;
    };
    const QRectF chosen = pick();
    out[e] = chosen;
    placed.add(chosen);
  }
  return out;
}

}  // namespace inferscope::widgets
