// A layered (Sugiyama-style) graph layout that scales to graphs with tens of thousands of nodes.
//
// Phases: cycle breaking and layering (longest path, then a linear balancing pass that shortens
// edges), normalization into unit-span edges with dummy nodes (edges that share a bundle share one
// dummy chain, so a tensor with many far consumers costs one chain, not one per consumer), crossing
// reduction (barycentre sweeps keeping the best ordering seen), coordinate assignment
// (Brandes–Köpf, four alignments balanced), and edge routing as polylines that stay in the gaps
// between nodes. Every phase is O((V + E) log(V + E)) in practice.
//
// Qt-free. Node sizes come from the caller (text metrics stay in the GUI); positions are data.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/util/result.h"

namespace inferscope::layout {

struct Size {
  double width = 0;
  double height = 0;
};

struct Point {
  double x = 0;
  double y = 0;
  bool operator==(const Point&) const = default;
};

// Axis-aligned rectangle; (x, y) is the top-left corner.
struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;

  double right() const { return x + width; }
  double bottom() const { return y + height; }
  Point center() const { return {x + width / 2, y + height / 2}; }
  bool intersects(const Rect& o) const {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
  bool contains(Point p) const { return p.x >= x && p.x <= right() && p.y >= y && p.y <= bottom(); }
  Rect united(const Rect& o) const;
};

enum class Orientation {
  TopToBottom,  // ranks are rows, edges point down
  LeftToRight,  // ranks are columns, edges point right
};

struct Edge {
  std::int32_t from = 0;
  std::int32_t to = 0;
  // Edges leaving the same node with the same bundle id share their route until they part
  // (e.g. one tensor read by several operators). -1: the edge has its own route.
  std::int32_t bundle = -1;
};

struct Graph {
  std::int32_t nodeCount = 0;
  std::vector<Edge> edges;
};

struct Options {
  Orientation orientation = Orientation::TopToBottom;
  double nodeSpacing = 24;  // between neighbouring nodes of one rank
  double edgeSpacing = 12;  // between edges passing through a rank, and between an edge and a node
  double rankSpacing = 40;  // between ranks
  // Crossing-reduction sweeps; 0 chooses by graph size (more sweeps for small graphs).
  int sweeps = 0;
};

struct EdgeRoute {
  // From the source's boundary to the target's boundary. Consecutive points are joined by straight
  // segments that never cross a node; the last point lies on the target.
  std::vector<Point> points;
};

struct Layout {
  std::vector<Rect> nodes;        // per input node
  std::vector<EdgeRoute> edges;   // parallel to Graph::edges
  std::vector<std::int32_t> rank; // per node: its layer
  std::vector<std::int32_t> order;  // per node: position within its layer
  Rect bounds;                    // of nodes and routes; starts at (0, 0)
  std::int32_t rankCount = 0;
  std::int64_t dummyCount = 0;    // edge bend points created by normalization
  std::int64_t crossings = 0;     // edge crossings between neighbouring ranks after ordering
  Orientation orientation = Orientation::TopToBottom;
};

// Size of node i, in the final (screen) orientation. Called once per node, from the calling thread.
using MeasureFn = std::function<Size(std::int32_t node)>;

// Lays out `graph`. Self-loops and cycles are allowed (cycles are broken by reversing edges; the
// routes of reversed edges still run from `from` to `to`). Edges naming a node out of range are an
// Invalid error. `progress` reports fractions in [0, 1]; returning false cancels (Cancelled).
Result<Layout> layeredLayout(const Graph& graph, const MeasureFn& measure, const Options& options = {},
                             const Progress& progress = {});

}  // namespace inferscope::layout
