#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>

#include "core/layout/layered_layout.h"
#include "core/layout/model_graph.h"
#include "core/layout/synthetic_model.h"
#include "core/model_fixtures.h"

using namespace inferscope;
using namespace inferscope::layout;

namespace {

Size fixedSize(std::int32_t) { return {80, 30}; }

// Does segment a-b pass through the interior of r (shrunk by a small tolerance)?
bool segmentCrosses(Point a, Point b, Rect r) {
  r = {r.x + 0.5, r.y + 0.5, r.width - 1, r.height - 1};
  if (r.width <= 0 || r.height <= 0) return false;
  // Liang–Barsky clipping.
  double t0 = 0, t1 = 1, dx = b.x - a.x, dy = b.y - a.y;
  auto clip = [&](double p, double q) {
    if (p == 0) return q >= 0;
    double t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      t0 = std::max(t0, t);
    } else {
      if (t < t0) return false;
      t1 = std::min(t1, t);
    }
    return true;
  };
  return clip(-dx, a.x - r.x) && clip(dx, r.right() - a.x) && clip(-dy, a.y - r.y) && clip(dy, r.bottom() - a.y) &&
         t0 < t1;
}

bool onBoundary(Point p, Rect r) {
  const double eps = 1e-6;
  bool inX = p.x >= r.x - eps && p.x <= r.right() + eps, inY = p.y >= r.y - eps && p.y <= r.bottom() + eps;
  bool edgeX = std::abs(p.x - r.x) < eps || std::abs(p.x - r.right()) < eps;
  bool edgeY = std::abs(p.y - r.y) < eps || std::abs(p.y - r.bottom()) < eps;
  return inX && inY && (edgeX || edgeY);
}

// Checks the invariants every layout must keep; `checkSegments` is quadratic, for small graphs.
void expectValid(const Graph& g, const Layout& l, bool checkSegments = true) {
  ASSERT_EQ(l.nodes.size(), static_cast<std::size_t>(g.nodeCount));
  ASSERT_EQ(l.edges.size(), g.edges.size());
  // No two nodes overlap: sweep by x.
  std::vector<std::int32_t> idx(l.nodes.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<std::int32_t>(i);
  std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return l.nodes[static_cast<std::size_t>(a)].x < l.nodes[static_cast<std::size_t>(b)].x; });
  for (std::size_t i = 0; i < idx.size(); ++i) {
    const auto& a = l.nodes[static_cast<std::size_t>(idx[i])];
    for (std::size_t j = i + 1; j < idx.size(); ++j) {
      const auto& b = l.nodes[static_cast<std::size_t>(idx[j])];
      if (b.x >= a.right()) break;
      ASSERT_FALSE(a.intersects(b)) << "nodes " << idx[i] << " and " << idx[j] << " overlap";
    }
  }
  for (std::size_t e = 0; e < g.edges.size(); ++e) {
    const auto& pts = l.edges[e].points;
    ASSERT_GE(pts.size(), 2u) << "edge " << e;
    const auto& from = l.nodes[static_cast<std::size_t>(g.edges[e].from)];
    const auto& to = l.nodes[static_cast<std::size_t>(g.edges[e].to)];
    EXPECT_TRUE(onBoundary(pts.front(), from)) << "edge " << e << " does not start on its source";
    EXPECT_TRUE(onBoundary(pts.back(), to)) << "edge " << e << " does not end on its target";
    for (const auto& p : pts) EXPECT_TRUE(l.bounds.contains(p));
    if (!checkSegments) continue;
    for (std::size_t k = 0; k + 1 < pts.size(); ++k)
      for (std::size_t v = 0; v < l.nodes.size(); ++v)
        EXPECT_FALSE(segmentCrosses(pts[k], pts[k + 1], l.nodes[v]))
            << "edge " << e << " segment " << k << " crosses node " << v;
  }
}

Graph randomDag(int n, int extraEdges, unsigned seed) {
  std::mt19937 rng(seed);
  Graph g;
  g.nodeCount = n;
  for (int v = 1; v < n; ++v) g.edges.push_back({static_cast<std::int32_t>(rng() % static_cast<unsigned>(v)), v, -1});
  for (int i = 0; i < extraEdges; ++i) {
    int a = static_cast<int>(rng() % static_cast<unsigned>(n)), b = static_cast<int>(rng() % static_cast<unsigned>(n));
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    g.edges.push_back({a, b, -1});
  }
  return g;
}

}  // namespace

TEST(Layout, EmptyGraph) {
  auto l = layeredLayout(Graph{}, fixedSize);
  ASSERT_TRUE(l.ok());
  EXPECT_TRUE(l->nodes.empty());
  EXPECT_EQ(l->bounds.width, 0);
}

TEST(Layout, ChainGoesDownOneRankPerNode) {
  Graph g{4, {{0, 1}, {1, 2}, {2, 3}}};
  auto l = layeredLayout(g, fixedSize);
  ASSERT_TRUE(l.ok()) << l.error().describe();
  expectValid(g, *l);
  for (int v = 0; v < 4; ++v) EXPECT_EQ(l->rank[static_cast<std::size_t>(v)], v);
  for (int v = 1; v < 4; ++v) {
    EXPECT_GT(l->nodes[static_cast<std::size_t>(v)].y, l->nodes[static_cast<std::size_t>(v - 1)].bottom());
    EXPECT_DOUBLE_EQ(l->nodes[static_cast<std::size_t>(v)].center().x, l->nodes[0].center().x);  // straight
  }
  EXPECT_EQ(l->crossings, 0);
}

TEST(Layout, ResidualJoinRoutesAroundTheBranch) {
  // 0 -> 1 -> 2 -> 3 and 0 -> 3: the skip edge needs two bend points beside 1 and 2.
  Graph g{4, {{0, 1}, {1, 2}, {2, 3}, {0, 3}}};
  auto l = layeredLayout(g, fixedSize);
  ASSERT_TRUE(l.ok());
  expectValid(g, *l);
  EXPECT_EQ(l->dummyCount, 2);
  EXPECT_GE(l->edges[3].points.size(), 4u);
}

TEST(Layout, BundledEdgesShareOneChain) {
  // Node 0 feeds 1..5 at growing depth through a chain 1 -> 2 -> ... -> 5.
  Graph shared{6, {}}, separate{6, {}};
  for (int v = 1; v < 6; ++v) {
    shared.edges.push_back({0, v, 7});
    separate.edges.push_back({0, v, -1});
    if (v > 1) {
      shared.edges.push_back({v - 1, v, -1});
      separate.edges.push_back({v - 1, v, -1});
    }
  }
  auto a = layeredLayout(shared, fixedSize);
  auto b = layeredLayout(separate, fixedSize);
  ASSERT_TRUE(a.ok() && b.ok());
  expectValid(shared, *a);
  expectValid(separate, *b);
  EXPECT_EQ(a->dummyCount, 4);              // ranks 1 to 4, once
  EXPECT_EQ(b->dummyCount, 1 + 2 + 3 + 4);  // one chain per far edge
}

TEST(Layout, CyclesAndSelfLoopsAreLaidOut) {
  Graph g{3, {{0, 1}, {1, 2}, {2, 0}, {1, 1}}};
  auto l = layeredLayout(g, fixedSize);
  ASSERT_TRUE(l.ok());
  expectValid(g, *l, false);
  // The reversed edge still starts at node 2 and ends at node 0.
  EXPECT_TRUE(onBoundary(l->edges[2].points.front(), l->nodes[2]));
  EXPECT_TRUE(onBoundary(l->edges[2].points.back(), l->nodes[0]));
}

TEST(Layout, LeftToRightPutsRanksInColumns) {
  Graph g{3, {{0, 1}, {1, 2}}};
  Options o;
  o.orientation = Orientation::LeftToRight;
  auto l = layeredLayout(g, [](std::int32_t) { return Size{100, 20}; }, o);
  ASSERT_TRUE(l.ok());
  expectValid(g, *l);
  EXPECT_DOUBLE_EQ(l->nodes[0].width, 100);
  EXPECT_DOUBLE_EQ(l->nodes[0].height, 20);
  EXPECT_GT(l->nodes[1].x, l->nodes[0].right());
  EXPECT_GT(l->nodes[2].x, l->nodes[1].right());
  EXPECT_DOUBLE_EQ(l->nodes[1].y, l->nodes[0].y);
}

TEST(Layout, VaryingSizesDoNotOverlap) {
  auto g = randomDag(400, 300, 3);
  std::mt19937 rng(5);
  std::vector<Size> sizes(400);
  for (auto& s : sizes) s = {20.0 + rng() % 200, 10.0 + rng() % 120};
  auto l = layeredLayout(g, [&](std::int32_t v) { return sizes[static_cast<std::size_t>(v)]; });
  ASSERT_TRUE(l.ok());
  expectValid(g, *l);
  for (std::size_t v = 0; v < sizes.size(); ++v) EXPECT_DOUBLE_EQ(l->nodes[v].width, sizes[v].width);
}

TEST(Layout, CrossingReductionHelps) {
  auto g = randomDag(300, 200, 11);
  Options one;
  one.sweeps = 1;
  auto a = layeredLayout(g, fixedSize, one);
  auto b = layeredLayout(g, fixedSize);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_LE(b->crossings, a->crossings);
}

TEST(Layout, BadEdgeIsAnError) {
  Graph g{2, {{0, 5}}};
  auto l = layeredLayout(g, fixedSize);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().code, ErrorCode::Invalid);
  EXPECT_NE(l.error().message.find("edge 0"), std::string::npos);
}

TEST(Layout, CancelStopsWithCancelled) {
  auto g = randomDag(2000, 1000, 1);
  int calls = 0;
  Progress p{[&](double) { return ++calls < 3; }};
  auto l = layeredLayout(g, fixedSize, {}, p);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().code, ErrorCode::Cancelled);
}

TEST(Layout, ProgressIsMonotoneAndEndsAtOne) {
  auto g = randomDag(500, 200, 2);
  std::vector<double> seen;
  Progress p{[&](double f) {
    seen.push_back(f);
    return true;
  }};
  ASSERT_TRUE(layeredLayout(g, fixedSize, {}, p).ok());
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}

TEST(ModelGraph, SmallCnnHasInputOperatorsAndOutput) {
  auto m = testdata::smallCnn();
  const auto& sg = m->subgraphs[0];
  auto mg = buildModelGraph(sg);
  ASSERT_EQ(mg.nodes.size(), sg.operators.size() + 2);
  EXPECT_EQ(mg.nodes.front().kind, ModelNode::Kind::Input);
  EXPECT_EQ(mg.nodes.back().kind, ModelNode::Kind::Output);
  // A chain: input -> 5 operators -> output; weights are not edges.
  EXPECT_EQ(mg.edges.size(), 6u);
  for (const auto& e : mg.edges) {
    const auto& to = mg.nodes[static_cast<std::size_t>(e.to)];
    if (to.kind == ModelNode::Kind::Operator) {
      const auto& ins = sg.operators[static_cast<std::size_t>(to.index)].inputs;
      EXPECT_NE(std::find(ins.begin(), ins.end(), e.tensor), ins.end());
    }
  }
  auto g = mg.layoutGraph();
  auto l = layeredLayout(g, fixedSize);
  ASSERT_TRUE(l.ok());
  expectValid(g, *l);
}

TEST(ModelGraph, SyntheticModelsBranchAndJoin) {
  auto m = layout::syntheticModel(1000);
  const auto& sg = m->subgraphs[0];
  EXPECT_GE(sg.operators.size(), 1000u);
  auto mg = buildModelGraph(sg);
  auto g = mg.layoutGraph();
  // Branches: more edges than a chain would have.
  EXPECT_GT(g.edges.size(), mg.nodes.size() + sg.operators.size() / 4);
  auto l = layeredLayout(g, fixedSize);
  ASSERT_TRUE(l.ok());
  expectValid(g, *l, false);
  EXPECT_LT(l->rankCount, static_cast<std::int32_t>(sg.operators.size()));
}

TEST(ModelGraph, TenThousandOperatorsLayOutQuickly) {
  auto m = layout::syntheticModel(10000);
  auto g = buildModelGraph(m->subgraphs[0]).layoutGraph();
  auto t0 = std::chrono::steady_clock::now();
  auto l = layeredLayout(g, fixedSize);
  auto dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_TRUE(l.ok());
  expectValid(g, *l, false);
  // The target is 1 s (bench/bench_layout.cpp); allow for sanitizer and debug builds here.
  EXPECT_LT(dt, 20.0);
}
