// Internals of the layered layout, shared by its phases (ranking, ordering, positioning, routing).
// Coordinates here are in the layout's own frame: x runs along a rank, y across ranks.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/layout/layered_layout.h"

namespace inferscope::layout::detail {

// Returns true when the caller asked to stop.
using CancelCheck = std::function<bool()>;

struct Ranking {
  std::vector<std::int32_t> rank;  // per node, starting at 0
  std::vector<bool> reversed;      // per input edge: reversed to break a cycle
  std::int32_t rankCount = 0;
};

// Breaks cycles (reversing DFS back edges) and assigns ranks so every non-loop edge spans >= 1 rank.
Ranking assignRanks(std::int32_t nodeCount, std::span<const Edge> edges);

// The normalized graph: real nodes 0..realCount-1, then dummy nodes; every edge joins
// neighbouring ranks and points downwards (rank r to rank r + 1).
struct Layered {
  std::int32_t realCount = 0;
  std::vector<std::int32_t> rank;
  std::vector<double> width;  // extent along the rank (0 for dummies)
  std::vector<std::vector<std::int32_t>> layers;  // node ids of each rank, in order
  std::vector<std::int32_t> order;                // position of each node within its rank
  // Unit-span adjacency in CSR form: up = neighbours in rank - 1, down = in rank + 1.
  std::vector<std::int32_t> upOffset, upList, downOffset, downList;

  std::int32_t size() const { return static_cast<std::int32_t>(rank.size()); }
  bool isDummy(std::int32_t v) const { return v >= realCount; }
  std::span<const std::int32_t> up(std::int32_t v) const {
    auto i = static_cast<std::size_t>(v);
    return {upList.data() + upOffset[i], static_cast<std::size_t>(upOffset[i + 1] - upOffset[i])};
  }
  std::span<const std::int32_t> down(std::int32_t v) const {
    auto i = static_cast<std::size_t>(v);
    return {downList.data() + downOffset[i], static_cast<std::size_t>(downOffset[i + 1] - downOffset[i])};
  }
  // Builds the CSR lists from unit-span (upper, lower) pairs; duplicates are kept.
  void setEdges(std::span<const std::pair<std::int32_t, std::int32_t>> pairs);
  void fillOrder();  // order[] from layers
};

// Initial order (DFS from the real nodes in index order) followed by barycentre sweeps; keeps the
// ordering with the fewest crossings. Returns that crossing count, or -1 when cancelled.
std::int64_t orderLayers(Layered& g, int sweeps, const CancelCheck& cancelled);
// Crossings between every pair of neighbouring ranks under the current order.
std::int64_t countCrossings(const Layered& g);

// Brandes–Köpf coordinate assignment: x centre of every node. Empty when cancelled.
std::vector<double> assignX(const Layered& g, double nodeSpacing, double edgeSpacing, const CancelCheck& cancelled);

}  // namespace inferscope::layout::detail
