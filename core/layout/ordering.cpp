// Crossing reduction: DFS initial order, then alternating barycentre sweeps.
#include <algorithm>
#include <numeric>

#include "core/layout/layered_detail.h"

namespace inferscope::layout::detail {

void Layered::setEdges(std::span<const std::pair<std::int32_t, std::int32_t>> pairs) {
  auto n = static_cast<std::size_t>(size());
  upOffset.assign(n + 1, 0);
  downOffset.assign(n + 1, 0);
  for (auto [a, b] : pairs) {
    ++downOffset[static_cast<std::size_t>(a) + 1];
    ++upOffset[static_cast<std::size_t>(b) + 1];
  }
  for (std::size_t i = 1; i <= n; ++i) {
    upOffset[i] += upOffset[i - 1];
    downOffset[i] += downOffset[i - 1];
  }
  upList.resize(pairs.size());
  downList.resize(pairs.size());
  std::vector<std::int32_t> fu(upOffset.begin(), upOffset.end() - 1), fd(downOffset.begin(), downOffset.end() - 1);
  for (auto [a, b] : pairs) {
    downList[static_cast<std::size_t>(fd[static_cast<std::size_t>(a)]++)] = b;
    upList[static_cast<std::size_t>(fu[static_cast<std::size_t>(b)]++)] = a;
  }
}

void Layered::fillOrder() {
  order.assign(rank.size(), 0);
  for (const auto& layer : layers)
    for (std::size_t i = 0; i < layer.size(); ++i) order[static_cast<std::size_t>(layer[i])] = static_cast<std::int32_t>(i);
}

namespace {

// Crossings between rank r and r + 1: inversions of the lower endpoints when edges are sorted by
// their upper endpoint (Barth, Jünger, Mutzel), counted with a Fenwick tree.
std::int64_t crossingsBelow(const Layered& g, std::size_t r, std::vector<std::int32_t>& scratch,
                            std::vector<std::int32_t>& tree) {
  const auto& upper = g.layers[r];
  auto lowerSize = g.layers[r + 1].size();
  tree.assign(lowerSize + 1, 0);
  std::int64_t crossings = 0;
  std::int64_t seen = 0;
  for (auto u : upper) {
    scratch.clear();
    for (auto w : g.down(u)) scratch.push_back(g.order[static_cast<std::size_t>(w)]);
    std::sort(scratch.begin(), scratch.end());
    for (auto p : scratch) {
      // Edges seen so far whose lower end lies strictly right of p cross this one.
      std::int64_t notGreater = 0;
      for (auto i = static_cast<std::size_t>(p) + 1; i > 0; i -= i & (~i + 1)) notGreater += tree[i];
      crossings += seen - notGreater;
    }
    for (auto p : scratch) {
      for (auto i = static_cast<std::size_t>(p) + 1; i <= lowerSize; i += i & (~i + 1)) ++tree[i];
      ++seen;
    }
  }
  return crossings;
}

void initialOrder(Layered& g) {
  auto n = static_cast<std::size_t>(g.size());
  for (auto& l : g.layers) l.clear();
  std::vector<bool> seen(n, false);
  std::vector<std::pair<std::int32_t, std::size_t>> stack;
  auto visit = [&](std::int32_t s) {
    seen[static_cast<std::size_t>(s)] = true;
    g.layers[static_cast<std::size_t>(g.rank[static_cast<std::size_t>(s)])].push_back(s);
    stack.push_back({s, 0});
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      auto downs = g.down(v);
      if (next == downs.size()) {
        stack.pop_back();
        continue;
      }
      auto w = downs[next++];
      if (seen[static_cast<std::size_t>(w)]) continue;
      seen[static_cast<std::size_t>(w)] = true;
      g.layers[static_cast<std::size_t>(g.rank[static_cast<std::size_t>(w)])].push_back(w);
      stack.push_back({w, 0});
    }
  };
  // Sources first (in index order), then whatever is left (nodes reached only from below).
  for (std::int32_t v = 0; v < g.realCount; ++v)
    if (g.up(v).empty() && !seen[static_cast<std::size_t>(v)]) visit(v);
  for (std::int32_t v = 0; v < g.size(); ++v)
    if (!seen[static_cast<std::size_t>(v)]) visit(v);
  g.fillOrder();
}

// Reorders rank r by the barycentre of each node's neighbours in the fixed neighbouring rank.
// Nodes without neighbours there keep their positions.
void sweepLayer(Layered& g, std::size_t r, bool useUp, std::vector<std::pair<double, std::int32_t>>& keyed,
                std::vector<std::int32_t>& fixed) {
  auto& layer = g.layers[r];
  keyed.clear();
  fixed.clear();
  for (std::size_t i = 0; i < layer.size(); ++i) {
    auto v = layer[i];
    auto nb = useUp ? g.up(v) : g.down(v);
    if (nb.empty()) {
      fixed.push_back(static_cast<std::int32_t>(i));
      continue;
    }
    double sum = 0;
    for (auto w : nb) sum += g.order[static_cast<std::size_t>(w)];
    keyed.push_back({sum / static_cast<double>(nb.size()), v});
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::int32_t> result(layer.size(), -1);
  for (auto i : fixed) result[static_cast<std::size_t>(i)] = layer[static_cast<std::size_t>(i)];
  std::size_t k = 0;
  for (auto& slot : result)
    if (slot < 0) slot = keyed[k++].second;
  layer.swap(result);
  for (std::size_t i = 0; i < layer.size(); ++i) g.order[static_cast<std::size_t>(layer[i])] = static_cast<std::int32_t>(i);
}

}  // namespace

std::int64_t countCrossings(const Layered& g) {
  std::vector<std::int32_t> scratch, tree;
  std::int64_t total = 0;
  for (std::size_t r = 0; r + 1 < g.layers.size(); ++r) total += crossingsBelow(g, r, scratch, tree);
  return total;
}

std::int64_t orderLayers(Layered& g, int sweeps, const CancelCheck& cancelled) {
  initialOrder(g);
  auto best = countCrossings(g);
  auto bestLayers = g.layers;
  std::vector<std::pair<double, std::int32_t>> keyed;
  std::vector<std::int32_t> fixed;
  int sinceBest = 0;
  for (int s = 0; s < sweeps && best > 0; ++s) {
    if (cancelled && cancelled()) return -1;
    bool downward = s % 2 == 0;
    auto R = g.layers.size();
    if (downward) {
      for (std::size_t r = 1; r < R; ++r) sweepLayer(g, r, true, keyed, fixed);
    } else {
      for (std::size_t r = R - 1; r-- > 0;) sweepLayer(g, r, false, keyed, fixed);
    }
    auto c = countCrossings(g);
    if (c < best) {
      best = c;
      bestLayers = g.layers;
      sinceBest = 0;
    } else if (++sinceBest >= 4) {
      break;  // four sweeps without improvement: converged
    }
  }
  g.layers.swap(bestLayers);
  g.fillOrder();
  return best;
}

}  // namespace inferscope::layout::detail
