// The graph of one subgraph as the viewer draws it: operators, graph inputs and outputs as nodes,
// non-constant tensors as edges (producer -> each consumer). Constant tensors are not edges; the
// view shows them inside their consumer (weights, biases), as Netron does.
#pragma once

#include <cstdint>
#include <vector>

#include "core/layout/layered_layout.h"
#include "core/model/ir.h"

namespace inferscope::layout {

struct ModelNode {
  enum class Kind : std::uint8_t {
    Operator,  // index = operator index
    Input,     // index = tensor index: a graph input, or a tensor read but never written
    Output,    // index = tensor index: a graph output
  };
  Kind kind = Kind::Operator;
  std::int32_t index = 0;
};

struct ModelEdge {
  std::int32_t from = 0;   // node
  std::int32_t to = 0;     // node
  std::int32_t tensor = 0;
};

struct ModelGraph {
  std::vector<ModelNode> nodes;
  std::vector<ModelEdge> edges;
  std::vector<std::int32_t> operatorNode;   // operator index -> node
  std::vector<std::int32_t> tensorSource;   // tensor index -> node that provides it, or -1

  // Graph for layeredLayout: edges of one tensor from one node form a bundle.
  Graph layoutGraph() const;
  std::int32_t nodeOfOperator(std::int32_t op) const {
    return op >= 0 && static_cast<std::size_t>(op) < operatorNode.size() ? operatorNode[static_cast<std::size_t>(op)] : -1;
  }
};

ModelGraph buildModelGraph(const model::Subgraph& sg);

}  // namespace inferscope::layout
