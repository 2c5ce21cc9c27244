// The drawable graph of one subgraph: model graph, node contents and the computed layout, plus
// indexes for hit testing and tracing. Immutable once built (in a background job) and shared
// between the view, the minimap and exporters.
#pragma once

#include <QPointF>
#include <QRectF>
#include <memory>
#include <vector>

#include "core/layout/layered_layout.h"
#include "core/layout/model_graph.h"
#include "core/model/ir.h"
#include "core/util/result.h"
#include "widgets/node_content.h"

namespace inferscope::widgets {

struct SceneOptions {
  ContentOptions content;
  layout::Orientation orientation = layout::Orientation::TopToBottom;
  bool edgeLabels = false;  // tensor shapes shown on edges: ranks leave room for them
  bool operator==(const SceneOptions&) const = default;
};

class GraphScene {
 public:
  model::ModelPtr model;
  int subgraph = 0;
  SceneOptions options;
  layout::ModelGraph graph;
  std::vector<NodeContent> content;  // per node
  layout::Layout layout;
  std::vector<QRectF> edgeBounds;    // per edge: bounding box of its route
  std::vector<QRectF> edgeLabels;    // per edge: where its tensor-shape label goes (edge_labels.h)
  // Per node: indices of incoming / outgoing edges (CSR).
  std::vector<std::int32_t> inOffset, inEdges, outOffset, outEdges;

  const model::Subgraph& sg() const { return model->subgraphs[static_cast<std::size_t>(subgraph)]; }
  int nodeCount() const { return static_cast<int>(graph.nodes.size()); }
  int edgeCount() const { return static_cast<int>(graph.edges.size()); }
  QRectF nodeRect(int node) const;
  QRectF bounds() const;
  // Topmost node containing p, or -1.
  int nodeAt(QPointF p) const;
  // Edge whose route passes within `tolerance` of p, or -1.
  int edgeAt(QPointF p, double tolerance) const;
  int nodeOfOperator(int op) const { return graph.nodeOfOperator(op); }
  // Node of a graph input / output tensor, else the node producing `tensor`; -1 if none.
  int nodeOfTensor(int tensor) const;
  // Nodes reachable upstream (feeding `node`) and downstream (fed by it), excluding `node`.
  std::vector<std::uint8_t> trace(int node) const;  // 0 none, 1 upstream, 2 downstream
  // Route of an edge as a polygon in scene coordinates.
  std::vector<QPointF> route(int edge) const;
};

using GraphScenePtr = std::shared_ptr<const GraphScene>;

// Builds contents, measures with `fonts` and lays out. Safe to call from a worker thread.
Result<GraphScenePtr> buildGraphScene(const model::ModelPtr& model, int subgraph, const SceneOptions& options,
                                      const GraphFonts& fonts, const Progress& progress = {});

}  // namespace inferscope::widgets
