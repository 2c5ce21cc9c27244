// Coordinate assignment after Brandes & Köpf, "Fast and Simple Horizontal Coordinate Assignment"
// (2001), with the refinements dagre uses: type-1 conflicts keep inner (dummy-dummy) segments
// straight, blocks are compacted over a block graph with per-pair separations (so node widths
// vary), and the four alignments are aligned to the narrowest and balanced by their medians.
#include <algorithm>
#include <array>
#include <limits>
#include <unordered_set>

#include "core/layout/layered_detail.h"

namespace inferscope::layout::detail {
namespace {

using Layers = std::vector<std::vector<std::int32_t>>;

std::uint64_t pairKey(std::int32_t a, std::int32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
}

// Type-1 conflicts: a non-inner segment crossing an inner segment (both ends dummies). Inner
// segments win, which keeps long edges straight.
std::unordered_set<std::uint64_t> typeOneConflicts(const Layered& g) {
  std::unordered_set<std::uint64_t> conflicts;
  for (std::size_t r = 1; r < g.layers.size(); ++r) {
    const auto& prev = g.layers[r - 1];
    const auto& layer = g.layers[r];
    std::int32_t k0 = 0;
    std::size_t scan = 0;
    for (std::size_t i = 0; i < layer.size(); ++i) {
      auto v = layer[i];
      std::int32_t inner = -1;
      if (g.isDummy(v))
        for (auto u : g.up(v))
          if (g.isDummy(u)) {
            inner = u;
            break;
          }
      if (inner < 0 && i + 1 != layer.size()) continue;
      auto k1 = inner >= 0 ? g.order[static_cast<std::size_t>(inner)] : static_cast<std::int32_t>(prev.size());
      for (; scan <= i; ++scan) {
        auto s = layer[scan];
        for (auto u : g.up(s)) {
          auto p = g.order[static_cast<std::size_t>(u)];
          if ((p < k0 || k1 < p) && !(g.isDummy(u) && g.isDummy(s))) conflicts.insert(pairKey(u, s));
        }
      }
      k0 = k1;
    }
  }
  return conflicts;
}

struct Alignment {
  std::vector<std::int32_t> root, align;
};

// Vertical alignment for one of the four directions. `layers` is already ordered for the
// direction (rows reversed for bottom-up, each row reversed for right-to-left); `pos` holds the
// positions within those rows; `upward` picks the neighbours in the previous row.
Alignment alignVertically(const Layered& g, const Layers& layers, const std::vector<std::int32_t>& pos, bool upward,
                          const std::unordered_set<std::uint64_t>& conflicts) {
  auto n = static_cast<std::size_t>(g.size());
  Alignment a;
  a.root.resize(n);
  a.align.resize(n);
  for (std::size_t v = 0; v < n; ++v) a.root[v] = a.align[v] = static_cast<std::int32_t>(v);
  std::vector<std::int32_t> ws;
  for (const auto& layer : layers) {
    std::int32_t prevIdx = -1;
    for (auto v : layer) {
      auto nb = upward ? g.up(v) : g.down(v);
      if (nb.empty()) continue;
      ws.assign(nb.begin(), nb.end());
      std::sort(ws.begin(), ws.end(), [&](auto x, auto y) { return pos[static_cast<std::size_t>(x)] < pos[static_cast<std::size_t>(y)]; });
      ws.erase(std::unique(ws.begin(), ws.end()), ws.end());
      double mp = (static_cast<double>(ws.size()) - 1) / 2;
      for (auto i = static_cast<std::size_t>(mp); i <= static_cast<std::size_t>(mp + 0.5); ++i) {
        auto w = ws[i];
        auto vi = static_cast<std::size_t>(v), wi = static_cast<std::size_t>(w);
        if (a.align[vi] == v && prevIdx < pos[wi] && !conflicts.count(pairKey(v, w))) {
          a.align[wi] = v;
          a.align[vi] = a.root[vi] = a.root[wi];
          prevIdx = pos[wi];
        }
      }
    }
  }
  return a;
}

// Places blocks as far left as separations allow (pass 1), then pulls each block right towards its
// right neighbours where that is free (pass 2), which centres blocks between their neighbours.
std::vector<double> compact(const Layered& g, const Layers& layers, const Alignment& a, double nodeSep, double edgeSep) {
  auto n = static_cast<std::size_t>(g.size());
  auto halfSep = [&](std::int32_t v) { return (g.isDummy(v) ? edgeSep : nodeSep) / 2; };
  // Block graph: edge root(u) -> root(v) for left neighbour u of v, weight = required distance.
  struct BEdge {
    std::int32_t from, to;
    double w;
  };
  std::vector<BEdge> bedges;
  for (const auto& layer : layers)
    for (std::size_t i = 1; i < layer.size(); ++i) {
      auto u = layer[i - 1], v = layer[i];
      double sep = g.width[static_cast<std::size_t>(u)] / 2 + halfSep(u) + halfSep(v) + g.width[static_cast<std::size_t>(v)] / 2;
      bedges.push_back({a.root[static_cast<std::size_t>(u)], a.root[static_cast<std::size_t>(v)], sep});
    }
  std::vector<std::int32_t> outOff(n + 1, 0), inOff(n + 1, 0);
  for (const auto& e : bedges) {
    ++outOff[static_cast<std::size_t>(e.from) + 1];
    ++inOff[static_cast<std::size_t>(e.to) + 1];
  }
  for (std::size_t i = 1; i <= n; ++i) {
    outOff[i] += outOff[i - 1];
    inOff[i] += inOff[i - 1];
  }
  std::vector<std::int32_t> outList(bedges.size()), inList(bedges.size());
  {
    std::vector<std::int32_t> fo(outOff.begin(), outOff.end() - 1), fi(inOff.begin(), inOff.end() - 1);
    for (std::size_t e = 0; e < bedges.size(); ++e) {
      outList[static_cast<std::size_t>(fo[static_cast<std::size_t>(bedges[e].from)]++)] = static_cast<std::int32_t>(e);
      inList[static_cast<std::size_t>(fi[static_cast<std::size_t>(bedges[e].to)]++)] = static_cast<std::int32_t>(e);
    }
  }
  // Topological order of the roots (the block graph is acyclic for a valid alignment).
  std::vector<std::int32_t> indeg(n, 0), topo;
  for (const auto& e : bedges) ++indeg[static_cast<std::size_t>(e.to)];
  for (std::size_t v = 0; v < n; ++v)
    if (a.root[v] == static_cast<std::int32_t>(v) && indeg[v] == 0) topo.push_back(static_cast<std::int32_t>(v));
  for (std::size_t i = 0; i < topo.size(); ++i) {
    auto v = static_cast<std::size_t>(topo[i]);
    for (auto k = outOff[v]; k < outOff[v + 1]; ++k) {
      auto w = bedges[static_cast<std::size_t>(outList[static_cast<std::size_t>(k)])].to;
      if (--indeg[static_cast<std::size_t>(w)] == 0) topo.push_back(w);
    }
  }
  std::vector<double> xs(n, 0);
  for (auto v : topo) {
    auto vi = static_cast<std::size_t>(v);
    double x = 0;
    for (auto k = inOff[vi]; k < inOff[vi + 1]; ++k) {
      const auto& e = bedges[static_cast<std::size_t>(inList[static_cast<std::size_t>(k)])];
      x = std::max(x, xs[static_cast<std::size_t>(e.from)] + e.w);
    }
    xs[vi] = x;
  }
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    auto vi = static_cast<std::size_t>(*it);
    double lim = std::numeric_limits<double>::infinity();
    for (auto k = outOff[vi]; k < outOff[vi + 1]; ++k) {
      const auto& e = bedges[static_cast<std::size_t>(outList[static_cast<std::size_t>(k)])];
      lim = std::min(lim, xs[static_cast<std::size_t>(e.to)] - e.w);
    }
    if (lim != std::numeric_limits<double>::infinity()) xs[vi] = std::max(xs[vi], lim);
  }
  for (std::size_t v = 0; v < n; ++v) xs[v] = xs[static_cast<std::size_t>(a.root[v])];
  return xs;
}

}  // namespace

std::vector<double> assignX(const Layered& g, double nodeSep, double edgeSep, const CancelCheck& cancelled) {
  auto n = static_cast<std::size_t>(g.size());
  if (n == 0) return {};
  auto conflicts = typeOneConflicts(g);
  std::array<std::vector<double>, 4> xss;
  std::vector<std::int32_t> pos(n);
  for (int dir = 0; dir < 4; ++dir) {
    if (cancelled && cancelled()) return {};
    bool upward = dir < 2;   // align with the rank above, sweeping top-down
    bool rightToLeft = dir % 2 == 1;
    Layers layers = g.layers;
    if (!upward) std::reverse(layers.begin(), layers.end());
    if (rightToLeft)
      for (auto& l : layers) std::reverse(l.begin(), l.end());
    for (const auto& l : layers)
      for (std::size_t i = 0; i < l.size(); ++i) pos[static_cast<std::size_t>(l[i])] = static_cast<std::int32_t>(i);
    auto a = alignVertically(g, layers, pos, upward, conflicts);
    auto xs = compact(g, layers, a, nodeSep, edgeSep);
    if (rightToLeft)
      for (auto& x : xs) x = -x;
    xss[static_cast<std::size_t>(dir)] = std::move(xs);
  }
  // Align every assignment to the narrowest one (left-aligned ones by their minimum, right-aligned
  // ones by their maximum), then take the average of the two median candidates per node.
  auto extent = [&](const std::vector<double>& xs) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t v = 0; v < n; ++v) {
      lo = std::min(lo, xs[v] - g.width[v] / 2);
      hi = std::max(hi, xs[v] + g.width[v] / 2);
    }
    return std::pair{lo, hi};
  };
  std::size_t narrowest = 0;
  double bestWidth = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < 4; ++k) {
    auto [lo, hi] = extent(xss[k]);
    if (hi - lo < bestWidth) {
      bestWidth = hi - lo;
      narrowest = k;
    }
  }
  auto minMax = [&](const std::vector<double>& xs) {
    auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
    return std::pair{*lo, *hi};
  };
  auto [alignMin, alignMax] = minMax(xss[narrowest]);
  for (std::size_t k = 0; k < 4; ++k) {
    if (k == narrowest) continue;
    auto [lo, hi] = minMax(xss[k]);
    double delta = (k % 2 == 0) ? alignMin - lo : alignMax - hi;
    for (auto& x : xss[k]) x += delta;
  }
  std::vector<double> out(n);
  for (std::size_t v = 0; v < n; ++v) {
    std::array<double, 4> c{xss[0][v], xss[1][v], xss[2][v], xss[3][v]};
    std::sort(c.begin(), c.end());
    out[v] = (c[1] + c[2]) / 2;
  }
  return out;
}

}  // namespace inferscope::layout::detail
