// The lowered graph the Ethos-U estimator works on: what Vela's graph optimiser turns a TFLite
// graph into (NPU operations on 4-D feature maps, plus the TFLite operators left on the CPU).
// Produced by lowering.cpp; consumed by the block-config, performance and memory models.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/ir.h"
#include "core/util/small_vector.h"

namespace inferscope::estimate {

struct Shape4 {
  std::int32_t n = 1, h = 1, w = 1, c = 1;
  std::int64_t elements() const { return std::int64_t(n) * h * w * c; }
  std::int64_t elementsWH() const { return std::int64_t(w) * h; }
  bool operator==(const Shape4&) const = default;
};

// Vela's NNG operation types that appear as per-layer rows ("NNG Operator" column).
enum class NpuOpType {
  Conv2DBias,
  DepthwiseConv2DBias,
  FullyConnected,
  Conv2DBackpropInputSwitchedBias,  // transpose convolution
  MaxPool,
  AvgPool,
  ReduceSum,
  Add,
  Sub,
  Mul,
  Maximum,
  Minimum,
  Abs,
  LeakyRelu,
  SHL,
  SHR,
  CLZ,
  Memcpy,
  ResizeBilinear,
  ResizeNearestNeighbor,
};
const char* nngName(NpuOpType t);

// The hardware block each operation runs on (Vela's NpuBlockType).
enum class BlockType { ConvolutionMxN, VectorProduct, Pooling, ConvolutionDepthWise, ElementWise, ReduceSum, Dma };
BlockType blockTypeOf(NpuOpType t);
bool isElementwise(NpuOpType t);

// Fused activation as the performance model groups them.
enum class Activation { None, Relu, Relu6, ReluN1To1, Lut };

enum class TensorFormat { NHWC, NHCWB16 };

// IFM upscaling the hardware applies while reading (Vela's ifm_resampling_mode): Nearest for the x2
// steps of resize lowering, Transpose for transpose convolutions with stride > 1.
enum class Resampling { None, Nearest, Transpose };

// A feature map (activation tensor) as the NPU sees it.
struct FeatureMap {
  std::int32_t tensor = -1;   // TFLite tensor index in the subgraph, or -1 for one lowering made
  std::string name;
  Shape4 shape;
  std::int32_t bits = 8;      // element size
  TensorFormat format = TensorFormat::NHWC;
  bool graphInput = false;    // an input of the (TFLite) subgraph
  bool graphOutput = false;
  bool cpuProducer = false;   // produced by a CPU-placed operator
  bool cpuConsumer = false;   // read by a CPU-placed operator
  bool constant = false;      // constant data read from permanent storage (never in the arena)
  bool variable = false;      // a variable tensor (LSTM/SVDF state): lives in the arena for the whole run
  bool scalar = false;        // a rank-0 TFLite tensor
  std::int32_t aliasOf = -1;  // stored in another feature map (an LSTM step's state in its variable)

  // Bytes in memory: NHWC elements, or NHCWB16 with the depth rounded up to 16; rounded to 16.
  std::int64_t storageBytes() const;
};

struct Kernel {
  std::int32_t w = 1, h = 1;
  std::int32_t strideX = 1, strideY = 1;
  std::int32_t dilationX = 1, dilationY = 1;
  std::int32_t padTop = 0, padLeft = 0, padBottom = 0, padRight = 0;
  std::int64_t elementsWH() const { return std::int64_t(w) * h; }
  std::int32_t dilatedW() const { return (w - 1) * dilationX + 1; }
  std::int32_t dilatedH() const { return (h - 1) * dilationY + 1; }
};

enum class WeightKind { Conv, Depthwise, FullyConnected, TransposeConv };

// Weights of an NPU operation, in Vela's OHWI order (O = output channels).
struct NpuWeights {
  WeightKind kind = WeightKind::Conv;
  std::int32_t o = 1, h = 1, w = 1, i = 1;  // OHWI dims after Vela's layout transform
  // Either a TFLite constant tensor (values minus zero point) or values lowering created.
  const model::Tensor* tensor = nullptr;
  std::vector<std::int16_t> synthetic;
  std::int64_t originalBytes = 0;  // Vela's total_original_weights contribution
  std::int32_t biasChannels = 0;   // scale/bias entries (10 bytes each)
  std::uint64_t shareKey = 0;      // equal keys = the same encoded stream (encoded once)
};

// One scheduled NPU operation: one row of Vela's per-layer report.
struct NpuOp {
  NpuOpType type = NpuOpType::AvgPool;
  std::string name;
  std::int32_t sourceOp = -1;  // the TFLite operator it came from
  model::BuiltinOp sourceType = model::BuiltinOp::ADD;
  std::int32_t ifm = -1, ifm2 = -1, ofm = -1;  // feature map indices; ifm2 -1 when unary
  Shape4 ifmShape, ifm2Shape, ofmShape;         // shapes as read / written by this op
  std::int32_t ifmBits = 8, ifm2Bits = 8, ofmBits = 8;
  bool ifm2Constant = false;  // constant second operand (read from permanent storage)
  bool ifm2Scalar = false;    // ... a rank-0 constant, which the command stream carries in a register
  Kernel kernel;
  std::optional<NpuWeights> weights;
  Activation activation = Activation::None;
  std::int32_t lutBytes = 0;  // a LUT DMA-ed to SHRAM before the op (256, 1024 or 2048)
  bool acc40 = false;         // 40-bit accumulators (int16 IFM)
  Resampling resampling = Resampling::None;  // added for the block-config/performance model
  bool scalarOperand = false;  // IFM or IFM2 is a rank-0 tensor (Vela's uses_scalar: SHRAM layout)
};

// A run of consecutive NPU operations between CPU operators: one Vela "NPU subgraph".
struct NpuSegment {
  std::vector<NpuOp> ops;
};

// One step of execution: an NPU segment or a CPU operator.
struct ExecStep {
  std::int32_t segment = -1;  // index into segments, or -1
  std::int32_t cpuOp = -1;    // TFLite operator index, or -1
  util::SmallVector<std::int32_t, 4> fms;  // feature maps a CPU operator reads and writes
};

// The feature map whose storage `fm` uses: itself, or the one it is stored in (aliasOf, followed).
std::int32_t storageOf(const std::vector<FeatureMap>& featureMaps, std::int32_t fm);

struct LoweredGraph {
  std::vector<FeatureMap> featureMaps;
  std::vector<NpuSegment> segments;          // in execution order
  std::vector<std::int32_t> cpuOps;          // TFLite operators left on the CPU
  std::vector<ExecStep> execution;           // segments and CPU operators, interleaved
  std::vector<std::int32_t> fmOfTensor;      // TFLite tensor -> feature map (-1: none)
  std::int64_t constantBytes = 0;            // non-weight NPU constants: LUTs, scalars, borders
  std::int32_t npuOperators = 0;             // Vela's "NPU operators" count
  std::int32_t opsPerSource(std::int32_t sourceOp) const;
};

}  // namespace inferscope::estimate
