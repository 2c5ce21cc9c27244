// Cycle breaking and layering.
#include <algorithm>
#include <limits>

#include "core/layout/layered_detail.h"

namespace inferscope::layout::detail {
namespace {

struct Csr {
  std::vector<std::int32_t> offset, list;  // list holds edge indices
  void build(std::int32_t n, std::span<const Edge> edges, const std::vector<bool>& reversed, bool outgoing) {
    offset.assign(static_cast<std::size_t>(n) + 1, 0);
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (edges[e].from == edges[e].to) continue;
      bool rev = reversed[e];
      auto key = (outgoing != rev) ? edges[e].from : edges[e].to;
      ++offset[static_cast<std::size_t>(key) + 1];
    }
    for (std::size_t i = 1; i < offset.size(); ++i) offset[i] += offset[i - 1];
    list.resize(static_cast<std::size_t>(offset.back()));
    std::vector<std::int32_t> fill(offset.begin(), offset.end() - 1);
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (edges[e].from == edges[e].to) continue;
      bool rev = reversed[e];
      auto key = (outgoing != rev) ? edges[e].from : edges[e].to;
      list[static_cast<std::size_t>(fill[static_cast<std::size_t>(key)]++)] = static_cast<std::int32_t>(e);
    }
  }
  std::span<const std::int32_t> of(std::int32_t v) const {
    auto i = static_cast<std::size_t>(v);
    return {list.data() + offset[i], static_cast<std::size_t>(offset[i + 1] - offset[i])};
  }
};

std::int32_t head(const Edge& e, bool reversed) { return reversed ? e.from : e.to; }
std::int32_t tail(const Edge& e, bool reversed) { return reversed ? e.to : e.from; }

// Kahn's algorithm; returns the nodes in topological order (shorter than n when there is a cycle).
std::vector<std::int32_t> topoOrder(std::int32_t n, std::span<const Edge> edges, const std::vector<bool>& rev,
                                    const Csr& out) {
  std::vector<std::int32_t> indeg(static_cast<std::size_t>(n), 0);
  for (std::size_t e = 0; e < edges.size(); ++e)
    if (edges[e].from != edges[e].to) ++indeg[static_cast<std::size_t>(head(edges[e], rev[e]))];
  std::vector<std::int32_t> order;
  order.reserve(static_cast<std::size_t>(n));
  for (std::int32_t v = 0; v < n; ++v)
    if (indeg[static_cast<std::size_t>(v)] == 0) order.push_back(v);
  for (std::size_t i = 0; i < order.size(); ++i)
    for (auto e : out.of(order[i])) {
      auto w = head(edges[static_cast<std::size_t>(e)], rev[static_cast<std::size_t>(e)]);
      if (--indeg[static_cast<std::size_t>(w)] == 0) order.push_back(w);
    }
  return order;
}

// Marks DFS back edges as reversed, which leaves an acyclic graph.
void breakCycles(std::int32_t n, std::span<const Edge> edges, std::vector<bool>& rev, const Csr& out) {
  enum : std::uint8_t { White, Grey, Black };
  std::vector<std::uint8_t> state(static_cast<std::size_t>(n), White);
  std::vector<std::pair<std::int32_t, std::size_t>> stack;  // node, next out-edge position
  for (std::int32_t s = 0; s < n; ++s) {
    if (state[static_cast<std::size_t>(s)] != White) continue;
    stack.push_back({s, 0});
    state[static_cast<std::size_t>(s)] = Grey;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      auto outs = out.of(v);
      if (next == outs.size()) {
        state[static_cast<std::size_t>(v)] = Black;
        stack.pop_back();
        continue;
      }
      auto e = static_cast<std::size_t>(outs[next++]);
      auto w = edges[e].to;
      if (state[static_cast<std::size_t>(w)] == Grey) {
        rev[e] = true;
      } else if (state[static_cast<std::size_t>(w)] == White) {
        state[static_cast<std::size_t>(w)] = Grey;
        stack.push_back({w, 0});
      }
    }
  }
}

}  // namespace

Ranking assignRanks(std::int32_t n, std::span<const Edge> edges) {
  Ranking r;
  r.reversed.assign(edges.size(), false);
  Csr out, in;
  out.build(n, edges, r.reversed, true);
  auto topo = topoOrder(n, edges, r.reversed, out);
  if (static_cast<std::int32_t>(topo.size()) < n) {
    breakCycles(n, edges, r.reversed, out);
    out.build(n, edges, r.reversed, true);
    topo = topoOrder(n, edges, r.reversed, out);
  }
  in.build(n, edges, r.reversed, false);

  // Longest path from the sources.
  auto& rank = r.rank;
  rank.assign(static_cast<std::size_t>(n), 0);
  for (auto v : topo)
    for (auto e : in.of(v)) {
      auto u = tail(edges[static_cast<std::size_t>(e)], r.reversed[static_cast<std::size_t>(e)]);
      rank[static_cast<std::size_t>(v)] = std::max(rank[static_cast<std::size_t>(v)], rank[static_cast<std::size_t>(u)] + 1);
    }

  // Balancing: a node with more edges below than above moves down as far as its successors allow
  // (and vice versa). Each move shortens the total edge length; sources sink next to their first
  // consumer instead of waiting at rank 0 with a long edge.
  auto moveDown = [&](std::int32_t v) {
    auto outs = out.of(v), ins = in.of(v);
    if (outs.empty() || (!ins.empty() && outs.size() <= ins.size())) return;
    std::int32_t limit = std::numeric_limits<std::int32_t>::max();
    for (auto e : outs) {
      auto w = head(edges[static_cast<std::size_t>(e)], r.reversed[static_cast<std::size_t>(e)]);
      limit = std::min(limit, rank[static_cast<std::size_t>(w)] - 1);
    }
    if (limit > rank[static_cast<std::size_t>(v)]) rank[static_cast<std::size_t>(v)] = limit;
  };
  auto moveUp = [&](std::int32_t v) {
    auto outs = out.of(v), ins = in.of(v);
    if (ins.empty() || (!outs.empty() && ins.size() <= outs.size())) return;
    std::int32_t limit = 0;
    for (auto e : ins) {
      auto u = tail(edges[static_cast<std::size_t>(e)], r.reversed[static_cast<std::size_t>(e)]);
      limit = std::max(limit, rank[static_cast<std::size_t>(u)] + 1);
    }
    if (limit < rank[static_cast<std::size_t>(v)]) rank[static_cast<std::size_t>(v)] = limit;
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (auto it = topo.rbegin(); it != topo.rend(); ++it) moveDown(*it);
    for (auto v : topo) moveUp(v);
  }

  std::int32_t lo = n ? *std::min_element(rank.begin(), rank.end()) : 0;
  std::int32_t hi = 0;
  for (auto& x : rank) {
    x -= lo;
    hi = std::max(hi, x);
  }
  r.rankCount = n ? hi + 1 : 0;
  return r;
}

}  // namespace inferscope::layout::detail
