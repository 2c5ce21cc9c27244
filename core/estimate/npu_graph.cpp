#include "core/estimate/npu_graph.h"

namespace inferscope::estimate {

const char* nngName(NpuOpType t) {
  switch (t) {
    case NpuOpType::Conv2DBias: return "Conv2DBias";
    case NpuOpType::DepthwiseConv2DBias: return "DepthwiseConv2DBias";
    case NpuOpType::FullyConnected: return "FullyConnected";
    case NpuOpType::Conv2DBackpropInputSwitchedBias: return "Conv2DBackpropInputSwitchedBias";
    case NpuOpType::MaxPool: return "MaxPool";
    case NpuOpType::AvgPool: return "AvgPool";
    case NpuOpType::ReduceSum: return "ReduceSum";
    case NpuOpType::Add: return "Add";
    case NpuOpType::Sub: return "Sub";
    case NpuOpType::Mul: return "Mul";
    case NpuOpType::Maximum: return "Maximum";
    case NpuOpType::Minimum: return "Minimum";
    case NpuOpType::Abs: return "Abs";
    case NpuOpType::LeakyRelu: return "LeakyRelu";
    case NpuOpType::SHL: return "SHL";
    case NpuOpType::SHR: return "SHR";
    case NpuOpType::CLZ: return "CLZ";
    case NpuOpType::Memcpy: return "Memcpy";
    case NpuOpType::ResizeBilinear: return "ResizeBilinear";
    case NpuOpType::ResizeNearestNeighbor: return "ResizeNearestNeighbor";
  }
  return "?";
}

BlockType blockTypeOf(NpuOpType t) {
  switch (t) {
    case NpuOpType::Conv2DBias:
    case NpuOpType::Conv2DBackpropInputSwitchedBias: return BlockType::ConvolutionMxN;
    case NpuOpType::DepthwiseConv2DBias: return BlockType::ConvolutionDepthWise;
    case NpuOpType::FullyConnected: return BlockType::VectorProduct;
    case NpuOpType::MaxPool:
    case NpuOpType::AvgPool:
    case NpuOpType::ResizeBilinear:
    case NpuOpType::ResizeNearestNeighbor: return BlockType::Pooling;
    case NpuOpType::ReduceSum: return BlockType::ReduceSum;
    case NpuOpType::Memcpy: return BlockType::Dma;
    default: return BlockType::ElementWise;
  }
}

bool isElementwise(NpuOpType t) { return blockTypeOf(t) == BlockType::ElementWise; }

std::int64_t FeatureMap::storageBytes() const {
  std::int64_t c = format == TensorFormat::NHCWB16 ? (shape.c + 15) / 16 * 16 : shape.c;
  std::int64_t bytes = std::int64_t(shape.n) * shape.h * shape.w * c * bits / 8;
  return (bytes + 15) / 16 * 16;
}

std::int32_t storageOf(const std::vector<FeatureMap>& featureMaps, std::int32_t fm) {
  for (int guard = 0; fm >= 0 && static_cast<std::size_t>(fm) < featureMaps.size() &&
                      featureMaps[static_cast<std::size_t>(fm)].aliasOf >= 0 && guard < 64;
       ++guard)
    fm = featureMaps[static_cast<std::size_t>(fm)].aliasOf;
  return fm;
}

std::int32_t LoweredGraph::opsPerSource(std::int32_t sourceOp) const {
  std::int32_t n = 0;
  for (const auto& s : segments)
    for (const auto& op : s.ops) n += op.sourceOp == sourceOp;
  return n;
}

}  // namespace inferscope::estimate
