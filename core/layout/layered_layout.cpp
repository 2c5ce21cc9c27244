// The layered layout: normalization, rank geometry, edge routing and orientation; the phases live
// in ranking.cpp, ordering.cpp and positioning.cpp.
#include "core/layout/layered_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "core/layout/layered_detail.h"

namespace inferscope::layout {

Rect Rect::united(const Rect& o) const {
  double l = std::min(x, o.x), t = std::min(y, o.y);
  return {l, t, std::max(right(), o.right()) - l, std::max(bottom(), o.bottom()) - t};
}

namespace {

using detail::Layered;

struct Group {
  std::int32_t source = 0;
  std::int32_t maxRank = 0;
  std::int32_t firstDummy = -1;  // dummies for ranks rank[source] + 1 .. maxRank - 1, consecutive ids
};

struct Normalized {
  Layered g;
  std::vector<Group> groups;
  std::vector<std::int32_t> edgeGroup;  // per input edge; -1 for self-loops
  std::vector<std::int32_t> upper, lower;  // per input edge, in the layout's downward direction
};

Normalized normalize(const Graph& graph, const detail::Ranking& ranking, const std::vector<Size>& sizes) {
  Normalized N;
  auto& g = N.g;
  auto n = graph.nodeCount;
  g.realCount = n;
  g.rank = ranking.rank;
  g.width.resize(static_cast<std::size_t>(n));
  for (std::size_t v = 0; v < static_cast<std::size_t>(n); ++v) g.width[v] = sizes[v].width;

  auto E = graph.edges.size();
  N.edgeGroup.assign(E, -1);
  N.upper.assign(E, 0);
  N.lower.assign(E, 0);
  std::unordered_map<std::uint64_t, std::int32_t> byKey;
  byKey.reserve(E);
  for (std::size_t e = 0; e < E; ++e) {
    const auto& edge = graph.edges[e];
    if (edge.from == edge.to) continue;
    bool rev = ranking.reversed[e];
    auto u = rev ? edge.to : edge.from;
    auto v = rev ? edge.from : edge.to;
    N.upper[e] = u;
    N.lower[e] = v;
    std::int32_t gid;
    if (!rev && edge.bundle >= 0) {
      auto key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(u)) << 32) | static_cast<std::uint32_t>(edge.bundle);
      auto [it, fresh] = byKey.try_emplace(key, static_cast<std::int32_t>(N.groups.size()));
      if (fresh) N.groups.push_back({u, 0, -1});
      gid = it->second;
    } else {
      gid = static_cast<std::int32_t>(N.groups.size());
      N.groups.push_back({u, 0, -1});
    }
    N.edgeGroup[e] = gid;
    auto& grp = N.groups[static_cast<std::size_t>(gid)];
    grp.maxRank = std::max(grp.maxRank, g.rank[static_cast<std::size_t>(v)]);
  }
  // Dummy chains and unit-span edges.
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  pairs.reserve(E * 2);
  for (auto& grp : N.groups) {
    auto r0 = g.rank[static_cast<std::size_t>(grp.source)];
    if (grp.maxRank - r0 < 2) continue;
    grp.firstDummy = g.size();
    std::int32_t prev = grp.source;
    for (auto r = r0 + 1; r < grp.maxRank; ++r) {
      auto d = g.size();
      g.rank.push_back(r);
      g.width.push_back(0);
      pairs.push_back({prev, d});
      prev = d;
    }
  }
  for (std::size_t e = 0; e < E; ++e) {
    auto gid = N.edgeGroup[e];
    if (gid < 0) continue;
    const auto& grp = N.groups[static_cast<std::size_t>(gid)];
    auto span = g.rank[static_cast<std::size_t>(N.lower[e])] - g.rank[static_cast<std::size_t>(grp.source)];
    auto last = span == 1 ? grp.source : grp.firstDummy + span - 2;
    pairs.push_back({last, N.lower[e]});
  }
  g.setEdges(pairs);
  auto rankCount = ranking.rankCount;
  g.layers.assign(static_cast<std::size_t>(rankCount), {});
  return N;
}

// Spreads `count` ports over a node of the given width around its centre.
double portOffset(std::size_t i, std::size_t count, double width, double gap) {
  if (count <= 1) return 0;
  double spread = std::min(width * 0.7, gap * static_cast<double>(count - 1));
  return -spread / 2 + spread * static_cast<double>(i) / static_cast<double>(count - 1);
}

}  // namespace

Result<Layout> layeredLayout(const Graph& graph, const MeasureFn& measure, const Options& opt, const Progress& progress) {
  auto cancelledError = [] { return makeError(ErrorCode::Cancelled, "layout cancelled"); };
  if (graph.nodeCount < 0) return makeError(ErrorCode::Invalid, "layout: negative node count");
  for (std::size_t e = 0; e < graph.edges.size(); ++e) {
    const auto& edge = graph.edges[e];
    if (edge.from < 0 || edge.from >= graph.nodeCount || edge.to < 0 || edge.to >= graph.nodeCount)
      return makeError(ErrorCode::Invalid, "layout: edge " + std::to_string(e) + " joins " + std::to_string(edge.from) +
                                               " and " + std::to_string(edge.to) + ", but the graph has " +
                                               std::to_string(graph.nodeCount) + " nodes");
  }
  const bool lr = opt.orientation == Orientation::LeftToRight;
  auto n = static_cast<std::size_t>(graph.nodeCount);
  std::vector<Size> sizes(n);  // in the layout frame: width along the rank
  for (std::size_t v = 0; v < n; ++v) {
    auto s = measure ? measure(static_cast<std::int32_t>(v)) : Size{1, 1};
    s.width = std::isfinite(s.width) ? std::max(0.0, s.width) : 0;
    s.height = std::isfinite(s.height) ? std::max(0.0, s.height) : 0;
    sizes[v] = lr ? Size{s.height, s.width} : s;
  }
  if (!progress.report(0.05)) return cancelledError();

  auto ranking = detail::assignRanks(graph.nodeCount, graph.edges);
  if (!progress.report(0.15)) return cancelledError();
  auto N = normalize(graph, ranking, sizes);
  auto& g = N.g;
  if (!progress.report(0.25)) return cancelledError();

  int sweeps = opt.sweeps > 0 ? opt.sweeps : (g.size() < 3000 ? 24 : g.size() < 30000 ? 12 : 8);
  auto cancel = [&] { return !progress.report(0.5); };
  auto crossings = detail::orderLayers(g, sweeps, cancel);
  if (crossings < 0 || !progress.report(0.6)) return cancelledError();
  auto xs = detail::assignX(g, opt.nodeSpacing, opt.edgeSpacing, [&] { return !progress.report(0.75); });
  if (xs.size() != static_cast<std::size_t>(g.size())) return cancelledError();

  // Rank bands across the ranks; real nodes are centred in their band.
  auto R = static_cast<std::size_t>(ranking.rankCount);
  std::vector<double> bandTop(R, 0), bandBottom(R, 0), bandHeight(R, 0);
  for (std::size_t v = 0; v < n; ++v) {
    auto r = static_cast<std::size_t>(g.rank[v]);
    bandHeight[r] = std::max(bandHeight[r], sizes[v].height);
  }
  double y = 0;
  for (std::size_t r = 0; r < R; ++r) {
    bandTop[r] = y;
    bandBottom[r] = y + bandHeight[r];
    y = bandBottom[r] + opt.rankSpacing;
  }
  auto centreY = [&](std::int32_t v) {
    auto r = static_cast<std::size_t>(g.rank[static_cast<std::size_t>(v)]);
    return (bandTop[r] + bandBottom[r]) / 2;
  };

  Layout out;
  out.orientation = opt.orientation;
  out.rankCount = ranking.rankCount;
  out.dummyCount = g.size() - g.realCount;
  out.crossings = crossings;
  out.rank.assign(g.rank.begin(), g.rank.begin() + static_cast<std::ptrdiff_t>(n));
  out.order.assign(g.order.begin(), g.order.begin() + static_cast<std::ptrdiff_t>(n));
  out.nodes.resize(n);
  for (std::size_t v = 0; v < n; ++v)
    out.nodes[v] = {xs[v] - sizes[v].width / 2, centreY(static_cast<std::int32_t>(v)) - sizes[v].height / 2,
                    sizes[v].width, sizes[v].height};
  if (!progress.report(0.8)) return cancelledError();

  // Ports: one per group on the source's lower side, one per edge on the target's upper side,
  // ordered by where the route goes next / comes from, so edges leave and enter without crossing.
  auto E = graph.edges.size();
  auto nextX = [&](std::size_t e) {
    const auto& grp = N.groups[static_cast<std::size_t>(N.edgeGroup[e])];
    return grp.firstDummy >= 0 ? xs[static_cast<std::size_t>(grp.firstDummy)] : xs[static_cast<std::size_t>(N.lower[e])];
  };
  auto prevX = [&](std::size_t e) {
    const auto& grp = N.groups[static_cast<std::size_t>(N.edgeGroup[e])];
    auto span = g.rank[static_cast<std::size_t>(N.lower[e])] - g.rank[static_cast<std::size_t>(grp.source)];
    return span == 1 ? xs[static_cast<std::size_t>(grp.source)] : xs[static_cast<std::size_t>(grp.firstDummy + span - 2)];
  };
  std::vector<double> groupPort(N.groups.size(), 0), edgeInPort(E, 0);
  {
    std::vector<std::vector<std::int32_t>> outGroups(n), inEdges(n);
    std::vector<std::int32_t> groupEdge(N.groups.size(), -1);  // a representative edge
    for (std::size_t e = 0; e < E; ++e) {
      auto gid = N.edgeGroup[e];
      if (gid < 0) continue;
      if (groupEdge[static_cast<std::size_t>(gid)] < 0) {
        groupEdge[static_cast<std::size_t>(gid)] = static_cast<std::int32_t>(e);
        outGroups[static_cast<std::size_t>(N.upper[e])].push_back(gid);
      }
      inEdges[static_cast<std::size_t>(N.lower[e])].push_back(static_cast<std::int32_t>(e));
    }
    for (std::size_t v = 0; v < n; ++v) {
      auto& og = outGroups[v];
      std::stable_sort(og.begin(), og.end(), [&](auto a, auto b) {
        return nextX(static_cast<std::size_t>(groupEdge[static_cast<std::size_t>(a)])) <
               nextX(static_cast<std::size_t>(groupEdge[static_cast<std::size_t>(b)]));
      });
      for (std::size_t i = 0; i < og.size(); ++i)
        groupPort[static_cast<std::size_t>(og[i])] = xs[v] + portOffset(i, og.size(), sizes[v].width, opt.edgeSpacing);
      auto& ie = inEdges[v];
      std::stable_sort(ie.begin(), ie.end(), [&](auto a, auto b) {
        return prevX(static_cast<std::size_t>(a)) < prevX(static_cast<std::size_t>(b));
      });
      for (std::size_t i = 0; i < ie.size(); ++i)
        edgeInPort[static_cast<std::size_t>(ie[i])] = xs[v] + portOffset(i, ie.size(), sizes[v].width, opt.edgeSpacing);
    }
  }

  out.edges.resize(E);
  for (std::size_t e = 0; e < E; ++e) {
    auto& pts = out.edges[e].points;
    const auto& edge = graph.edges[e];
    auto push = [&](double px, double py) {
      if (pts.empty() || pts.back().x != px || pts.back().y != py) pts.push_back({px, py});
    };
    if (N.edgeGroup[e] < 0) {  // self-loop on the node's far side
      const auto& b = out.nodes[static_cast<std::size_t>(edge.from)];
      double side = b.right(), off = opt.edgeSpacing;
      push(side, b.y + b.height * 0.3);
      push(side + off, b.y + b.height * 0.3);
      push(side + off, b.y + b.height * 0.7);
      push(side, b.y + b.height * 0.7);
      continue;
    }
    const auto& grp = N.groups[static_cast<std::size_t>(N.edgeGroup[e])];
    auto u = static_cast<std::size_t>(N.upper[e]), v = static_cast<std::size_t>(N.lower[e]);
    auto ru = static_cast<std::size_t>(g.rank[u]), rv = static_cast<std::size_t>(g.rank[v]);
    double sx = groupPort[static_cast<std::size_t>(N.edgeGroup[e])];
    push(sx, out.nodes[u].bottom());
    push(sx, bandBottom[ru]);
    for (auto r = ru + 1; r < rv; ++r) {
      auto d = static_cast<std::size_t>(grp.firstDummy) + (r - ru - 1);
      push(xs[d], bandTop[r]);
      push(xs[d], bandBottom[r]);
    }
    double tx = edgeInPort[e];
    push(tx, bandTop[rv]);
    push(tx, out.nodes[v].y);
    if (ranking.reversed[e]) std::reverse(pts.begin(), pts.end());
  }
  if (!progress.report(0.95)) return cancelledError();

  // Orientation and origin.
  if (lr) {
    for (auto& b : out.nodes) b = {b.y, b.x, b.height, b.width};
    for (auto& route : out.edges)
      for (auto& p : route.points) p = {p.y, p.x};
  }
  double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
  for (const auto& b : out.nodes) {
    minX = std::min(minX, b.x), minY = std::min(minY, b.y);
    maxX = std::max(maxX, b.right()), maxY = std::max(maxY, b.bottom());
  }
  for (const auto& route : out.edges)
    for (const auto& p : route.points) {
      minX = std::min(minX, p.x), minY = std::min(minY, p.y);
      maxX = std::max(maxX, p.x), maxY = std::max(maxY, p.y);
    }
  if (n == 0) minX = minY = maxX = maxY = 0;
  for (auto& b : out.nodes) b.x -= minX, b.y -= minY;
  for (auto& route : out.edges)
    for (auto& p : route.points) p.x -= minX, p.y -= minY;
  out.bounds = {0, 0, maxX - minX, maxY - minY};
  if (!progress.report(1.0)) return cancelledError();
  return out;
}

}  // namespace inferscope::layout
