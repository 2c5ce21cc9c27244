#include "core/layout/model_graph.h"

#include <algorithm>

namespace inferscope::layout {

Graph ModelGraph::layoutGraph() const {
  Graph g;
  g.nodeCount = static_cast<std::int32_t>(nodes.size());
  g.edges.reserve(edges.size());
  for (const auto& e : edges) g.edges.push_back({e.from, e.to, e.tensor});
  return g;
}

ModelGraph buildModelGraph(const model::Subgraph& sg) {
  ModelGraph mg;
  auto T = sg.tensors.size();
  mg.tensorSource.assign(T, -1);
  mg.operatorNode.assign(sg.operators.size(), -1);
  auto valid = [&](std::int32_t t) { return t >= 0 && static_cast<std::size_t>(t) < T; };
  auto isConst = [&](std::int32_t t) { return sg.tensors[static_cast<std::size_t>(t)].isConstant(); };

  // Graph inputs first, in signature order: they lead the initial ordering.
  for (auto t : sg.inputs)
    if (valid(t) && mg.tensorSource[static_cast<std::size_t>(t)] < 0) {
      mg.tensorSource[static_cast<std::size_t>(t)] = static_cast<std::int32_t>(mg.nodes.size());
      mg.nodes.push_back({ModelNode::Kind::Input, t});
    }
  // Operators in execution order (the topological order of the model's facts when present).
  std::vector<std::int32_t> order = sg.facts.topoOrder;
  if (order.size() != sg.operators.size()) {
    order.resize(sg.operators.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
  }
  for (auto op : order) {
    mg.operatorNode[static_cast<std::size_t>(op)] = static_cast<std::int32_t>(mg.nodes.size());
    mg.nodes.push_back({ModelNode::Kind::Operator, op});
  }
  for (std::size_t op = 0; op < sg.operators.size(); ++op)
    for (auto t : sg.operators[op].outputs)
      if (valid(t) && mg.tensorSource[static_cast<std::size_t>(t)] < 0)
        mg.tensorSource[static_cast<std::size_t>(t)] = mg.operatorNode[op];
  // Tensors read but produced by nothing (variables, inputs missing from the input list).
  for (std::size_t op = 0; op < sg.operators.size(); ++op)
    for (auto t : sg.operators[op].inputs)
      if (valid(t) && !isConst(t) && mg.tensorSource[static_cast<std::size_t>(t)] < 0) {
        mg.tensorSource[static_cast<std::size_t>(t)] = static_cast<std::int32_t>(mg.nodes.size());
        mg.nodes.push_back({ModelNode::Kind::Input, t});
      }
  // Edges: one per (tensor, consumer); an operator reading a tensor twice gets one edge.
  for (std::size_t op = 0; op < sg.operators.size(); ++op) {
    const auto& ins = sg.operators[op].inputs;
    for (std::size_t i = 0; i < ins.size(); ++i) {
      auto t = ins[i];
      if (!valid(t) || isConst(t)) continue;
      if (std::find(ins.begin(), ins.begin() + static_cast<std::ptrdiff_t>(i), t) != ins.begin() + static_cast<std::ptrdiff_t>(i))
        continue;
      auto src = mg.tensorSource[static_cast<std::size_t>(t)];
      if (src >= 0) mg.edges.push_back({src, mg.operatorNode[op], t});
    }
  }
  std::vector<bool> seenOutput(T, false);
  for (auto t : sg.outputs) {
    if (!valid(t) || seenOutput[static_cast<std::size_t>(t)]) continue;
    seenOutput[static_cast<std::size_t>(t)] = true;
    auto node = static_cast<std::int32_t>(mg.nodes.size());
    mg.nodes.push_back({ModelNode::Kind::Output, t});
    auto src = mg.tensorSource[static_cast<std::size_t>(t)];
    if (src >= 0) mg.edges.push_back({src, node, t});
  }
  return mg;
}

}  // namespace inferscope::layout
