#include "core/estimate/command_stream.h"

#include <algorithm>
#include <array>
#include <bit>
#include <unordered_map>

namespace inferscope::estimate {
namespace {

// The registers whose writes Vela de-duplicates, one id per register.
enum Reg : int {
  IfmRegion, IfmBase0, IfmBase1, IfmBase2, IfmBase3, IfmHeight0, IfmHeight1, IfmWidth0, IfmDepth, IfmStrideC,
  IfmStrideY, IfmStrideX, IfmZeroPoint, IfmPrecision, IfmUpscale, PadTop, PadLeft, PadBottom, PadRight,
  OfmRegion, OfmBase0, OfmBase1, OfmBase2, OfmBase3, OfmHeight0, OfmHeight1, OfmWidth0, OfmHeight, OfmWidth,
  OfmDepth, OfmStrideC, OfmStrideY, OfmStrideX, OfmZeroPoint, OfmPrecision, KernelHeight, KernelWidth,
  KernelStride, WeightRegion, WeightBase, WeightLength, Weight1Base, Weight1Length, ScaleRegion, ScaleBase,
  ScaleLength, Scale1Base, Scale1Length, ActivationFn, ActivationMin, ActivationMax, BlockHeight, BlockWidth,
  BlockDepth, IbEnd, AbStart, Ifm2IbStart, AccFormat, OfmScale, OpaScale, OpbScale, Ifm2Region, Ifm2Base0,
  Ifm2Base1, Ifm2Base2, Ifm2Base3, Ifm2Height0, Ifm2Height1, Ifm2Width0, Ifm2StrideC, Ifm2StrideY, Ifm2StrideX,
  Ifm2ZeroPoint, Ifm2Precision, Ifm2Broadcast, Ifm2Scalar, BlockDep, ParallelMode,
  // DMA register bank
  DmaSrcRegion, DmaSrc, DmaDstRegion, DmaDst, DmaLength,
};

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}
template <typename... T>
std::uint64_t key(T... values) {
  std::uint64_t h = 0x84222325cbf29ce4ULL;
  ((h = mix(h, static_cast<std::uint64_t>(values))), ...);
  return h;
}
std::uint64_t floatBits(float f) { return std::bit_cast<std::uint32_t>(f); }

// Vela's CommandStreamEmitter: a register write costs one word (16-bit payload) or two (32-bit
// payload) unless the register already holds the value.
class Emitter {
 public:
  void cmd0(Reg r, std::uint64_t v) { set(r, v, 1); }
  void cmd1(Reg r, std::uint64_t v) { set(r, v, 2); }
  void always(std::int64_t words) { words_ += words; }
  std::int64_t words() const { return words_; }

 private:
  void set(Reg r, std::uint64_t v, std::int64_t cost) {
    auto [it, inserted] = regs_.try_emplace(r, v);
    if (!inserted && it->second == v) return;
    it->second = v;
    words_ += cost;

  }
  std::unordered_map<int, std::uint64_t> regs_;
  std::int64_t words_ = 0;
};

class StreamModel {
 public:
  StreamModel(const CommandStreamContext& ctx, const std::vector<ScheduledOp>& ops) : c_(ctx), ops_(ops) {}

  std::int64_t run(std::size_t begin, std::size_t end) {
    if (isU65(c_.arch->accel)) e_.cmd0(ParallelMode, std::uint64_t(c_.arch->cores - 1));
    for (std::size_t i = begin; i < end; ++i) emitOp(i);
    e_.always(1);  // STOP
    return e_.words();
  }

 private:
  const FeatureMap& fm(std::int32_t i) const { return c_.graph->featureMaps[static_cast<std::size_t>(i)]; }
  const model::Tensor* tensorOf(std::int32_t i) const {
    if (i < 0 || !c_.subgraph) return nullptr;
    auto t = fm(i).tensor;
    if (t < 0 || static_cast<std::size_t>(t) >= c_.subgraph->tensors.size()) return nullptr;
    return &c_.subgraph->tensors[static_cast<std::size_t>(t)];
  }
  std::int64_t zeroPoint(std::int32_t i) const {
    const auto* t = tensorOf(i);
    return t && t->quant && !t->quant->zeroPoint.empty() ? t->quant->zeroPoint[0] : 0;
  }
  // The scale of a feature map's tensor; one lowering made has its producer's scale, which is
  // what `fallback` names (Vela clones the quantization of the tensor it replaces).
  std::uint64_t scale(std::int32_t i, std::int32_t fallback = -1) const {
    const auto* t = tensorOf(i);
    if (t && t->quant && !t->quant->scale.empty()) return floatBits(t->quant->scale[0]);
    return fallback >= 0 && fallback != i ? scale(fallback) : 0;
  }
  bool isSigned(std::int32_t i) const {
    const auto* t = tensorOf(i);
    return !t || t->dtype != model::DType::UINT8;
  }
  std::int32_t root(std::int32_t i) const { return storageOf(c_.graph->featureMaps, i); }
  // Base pointer region: 0 permanent storage, 1 the arena, 2 fast storage when spilling.
  std::uint64_t region(std::int32_t i) const {
    if (fm(i).constant) return 0;
    const auto& area = c_.plan->fmArea;
    const auto r = root(i);
    bool fast = c_.arch->mem.spillingEnabled() && static_cast<std::size_t>(r) < area.size() &&
                area[static_cast<std::size_t>(r)] == c_.arch->mem.cacheArea;
    return fast ? 2 : 1;
  }
  std::uint64_t address(std::int32_t i) const {
    const auto& f = fm(i);
    // Constants lowering makes (pad borders, scalars) are shared by value as Vela does with its
    // equivalence ids; the model's constants are one tensor each.
    if (f.constant) return f.tensor >= 0 ? key(1, f.tensor) : key(0, f.shape.elements(), f.bits);
    const auto r = root(i);
    const auto& group = c_.plan->group;
    const auto it = version_.find(r);
    return key(2, static_cast<std::size_t>(r) < group.size() ? group[static_cast<std::size_t>(r)] : r,
               it == version_.end() ? 0 : it->second);
  }
  // STRIDE_C, STRIDE_Y, STRIDE_X of a feature map, from its storage shape and layout.
  std::array<std::uint64_t, 3> strides(std::int32_t i) const {
    const auto& f = fm(i);
    const std::uint64_t elem = std::uint64_t(std::max(1, f.bits / 8)), w = std::uint64_t(f.shape.w),
                        c = std::uint64_t(f.shape.c);
    if (f.format == TensorFormat::NHWC) return {elem, w * c * elem, c * elem};
    return {16 * elem * w, w * ((c + 15) / 16 * 16) * elem, 16 * elem};
  }
  void strideRegisters(std::int32_t f, Reg first) {
    const auto s = strides(f);
    for (int j = 0; j < 3; ++j) e_.cmd1(Reg(first + j), s[static_cast<std::size_t>(j)]);
  }
  std::uint64_t precision(std::int32_t i, std::uint64_t extra) const {
    return key(fm(i).bits, isSigned(i), static_cast<int>(fm(i).format), extra);
  }

  // IFM-like registers of one operand.
  void featureMap(std::int32_t f, const Shape4& shape, std::uint64_t base, Reg regionReg) {
    const int o = regionReg;  // IfmRegion / OfmRegion / Ifm2Region are followed by the same layout
    e_.cmd0(Reg(o), region(f));
    e_.cmd1(Reg(o + 1), base);
    e_.cmd1(Reg(o + 2), 0);
    e_.cmd1(Reg(o + 3), 0);
    e_.cmd1(Reg(o + 4), 0);
    e_.cmd0(Reg(o + 5), std::uint64_t(shape.h));
    e_.cmd0(Reg(o + 6), std::uint64_t(shape.h));
    e_.cmd0(Reg(o + 7), std::uint64_t(shape.w));
  }

  void emitOp(std::size_t index) {
    const auto& so = ops_[index];
    const auto& op = *so.op;
    const auto type = blockTypeOf(op.type);
    if (type == BlockType::Dma) {
      // A copy onto its own memory (input and output share it) is no DMA at all (Vela's NOP).
      if (address(op.ifm) == address(op.ofm) && region(op.ifm) == region(op.ofm)) return;
      dma(key(3, address(op.ifm)), region(op.ifm), key(4, address(op.ofm)), region(op.ofm),
          std::uint64_t(fm(op.ofm).storageBytes()));
      e_.always(2);  // waits for the producer and, before the consumer, for the copy
      return;
    }
    const bool buffered = so.weights.buffered && op.weights;
    const int slices = buffered ? std::max(1, so.weightDmas) : 1;
    const std::int64_t sliceDepth = (op.ofmShape.c + slices - 1) / slices;
    if (op.lutBytes > 0) {
      dma(key(5, index), 0, key(6, op.lutBytes), 7, std::uint64_t(op.lutBytes));
      e_.always(1);  // DMA_WAIT
    }
    for (int s = 0; s < slices; ++s) {
      Shape4 ofm = op.ofmShape;
      const std::int64_t depth0 = std::int64_t(s) * sliceDepth;
      ofm.c = static_cast<std::int32_t>(std::min<std::int64_t>(sliceDepth, op.ofmShape.c - depth0));
      if (buffered) {
        const int buffer = so.weights.doubleBuffered ? s % 2 : 0;
        const std::uint64_t length = std::uint64_t(so.weights.encodedBytes / slices);
        dma(key(7, index, s), 0, key(8, index, buffer), 2, length);
        if (s >= (so.weights.doubleBuffered ? 2 : 1)) e_.always(1);  // KERNEL_WAIT: buffer still in use
        e_.always(1);                                                // DMA_WAIT before the operation
      }
      blockOp(index, ofm, depth0 * fm(op.ofm).bits / 8, s);
    }
  }

  void dma(std::uint64_t src, std::uint64_t srcRegion, std::uint64_t dst, std::uint64_t dstRegion, std::uint64_t len) {
    dmaBank_.cmd0(DmaSrcRegion, srcRegion);
    dmaBank_.cmd1(DmaSrc, src);
    dmaBank_.cmd0(DmaDstRegion, dstRegion);
    dmaBank_.cmd1(DmaDst, dst);
    dmaBank_.cmd1(DmaLength, len);
    e_.always(dmaBank_.words() - dmaWords_ + 1);  // + DMA_START
    dmaWords_ = dmaBank_.words();
  }

  void blockOp(std::size_t index, const Shape4& ofm, std::int64_t ofmOffset, int slice) {
    const auto& so = ops_[index];
    const auto& op = *so.op;
    const auto type = blockTypeOf(op.type);
    const bool elementwise = type == BlockType::ElementWise;
    const bool unary = op.type == NpuOpType::Abs || op.type == NpuOpType::LeakyRelu || op.type == NpuOpType::CLZ;
    const bool scalar = elementwise && !unary && op.ifm2Scalar;
    const bool hasIfm2 = elementwise && !unary && !scalar;
    const auto& k = op.kernel;
    const bool padded = k.padTop || k.padLeft || k.padBottom || k.padRight;

    // Scaling (elementwise: before the common registers; pooling: after; the order does not
    // change which writes repeat).
    std::uint64_t opToScale = 0;
    if (elementwise) {
      const bool addSub = op.type == NpuOpType::Add || op.type == NpuOpType::Sub;
      const std::uint64_t scales = key(static_cast<int>(op.type), scale(op.ifm, op.ofm), op.ifm2 >= 0 ? scale(op.ifm2) : 0,
                                       scale(op.ofm, op.ifm), static_cast<int>(op.activation));
      if (addSub) {
        opToScale = op.ifm2 >= 0 && scale(op.ifm) != scale(op.ifm2) ? 1 : 0;
        e_.cmd1(OpaScale, key(11, scales));
        e_.cmd1(OpbScale, key(12, scales));
      }
      e_.cmd1(OfmScale, scales);
    } else if ((op.type == NpuOpType::AvgPool || op.type == NpuOpType::ReduceSum ||
                op.type == NpuOpType::ResizeBilinear || op.type == NpuOpType::ResizeNearestNeighbor) && !padded) {
      e_.cmd1(OfmScale, key(13, scale(op.ifm, op.ofm), scale(op.ofm, op.ifm), k.elementsWH(), static_cast<int>(op.activation)));
    }
    const bool globalScale = elementwise ? (op.type == NpuOpType::Add || op.type == NpuOpType::Sub ||
                                            op.type == NpuOpType::Mul || op.type == NpuOpType::LeakyRelu ||
                                            op.type == NpuOpType::Abs)
                                         : (type == BlockType::Pooling || type == BlockType::ReduceSum) && !padded &&
                                               op.type != NpuOpType::MaxPool;

    // IFM
    featureMap(op.ifm, op.ifmShape, key(address(op.ifm), 0), IfmRegion);
    const std::uint64_t ifm2Base = op.ifm2 >= 0 ? key(address(op.ifm2), 0) : 0;
    // An operation the lowering runs in place (softmax's reciprocal chain) writes a new tensor in
    // Vela, at another address.
    if (op.ofm == op.ifm || op.ofm == op.ifm2) ++version_[root(op.ofm)];
    const bool convLike = type == BlockType::ConvolutionMxN || type == BlockType::VectorProduct ||
                          type == BlockType::ReduceSum;
    e_.cmd0(IfmDepth, std::uint64_t(convLike ? op.ifmShape.c : ofm.c));
    strideRegisters(op.ifm, IfmStrideC);
    e_.cmd0(IfmZeroPoint, std::uint64_t(zeroPoint(op.ifm)));
    e_.cmd0(IfmPrecision, precision(op.ifm, opToScale));
    e_.cmd0(IfmUpscale, std::uint64_t(op.resampling));
    if (!elementwise) {
      e_.cmd0(PadTop, std::uint64_t(k.padTop));
      e_.cmd0(PadLeft, std::uint64_t(k.padLeft));
      e_.cmd0(PadBottom, std::uint64_t(k.padBottom));
      e_.cmd0(PadRight, std::uint64_t(k.padRight));
    }
    // OFM (an operation writing part of its OFM, as pad and concatenation do, starts at its own
    // offset in it)
    const bool partial = !(op.ofmShape == fm(op.ofm).shape);
    featureMap(op.ofm, ofm, key(address(op.ofm), partial ? key(std::uint64_t(ofmOffset), index) : std::uint64_t(ofmOffset)),
               OfmRegion);
    e_.cmd0(OfmHeight, std::uint64_t(ofm.h));
    e_.cmd0(OfmWidth, std::uint64_t(ofm.w));
    e_.cmd0(OfmDepth, std::uint64_t(ofm.c));
    strideRegisters(op.ofm, OfmStrideC);
    e_.cmd0(OfmZeroPoint, std::uint64_t(zeroPoint(op.ofm)));
    e_.cmd0(OfmPrecision, precision(op.ofm, key(globalScale, 9)));
    if (!elementwise) {
      e_.cmd0(KernelHeight, std::uint64_t(k.dilatedH()));
      e_.cmd0(KernelWidth, std::uint64_t(k.dilatedW()));
      e_.cmd0(KernelStride, key(k.strideX, k.strideY, k.dilationX, k.dilationY, so.config.partKernel));
    }
    if (op.weights) weightRegisters(index, slice);
    // Activation: its bounds follow from the OFM type and quantization.
    e_.cmd0(ActivationFn, key(static_cast<int>(op.activation), op.lutBytes));
    const std::uint64_t bounds = op.activation == Activation::None || op.activation == Activation::Lut
                                     ? key(fm(op.ofm).bits, isSigned(op.ofm))
                                     : key(fm(op.ofm).bits, isSigned(op.ofm), static_cast<int>(op.activation),
                                           scale(op.ofm), zeroPoint(op.ofm));
    e_.cmd0(ActivationMin, key(1, bounds));
    e_.cmd0(ActivationMax, key(2, bounds));
    // Block configuration and SHRAM layout.
    e_.cmd0(BlockHeight, std::uint64_t(so.config.ofmBlock.h));
    e_.cmd0(BlockWidth, std::uint64_t(so.config.ofmBlock.w));
    e_.cmd0(BlockDepth, std::uint64_t(so.config.ofmBlock.c));
    e_.cmd0(IbEnd, std::uint64_t(so.config.layout.ibEnd));
    e_.cmd0(AbStart, std::uint64_t(so.config.layout.abStart));
    if (hasIfm2) e_.cmd0(Ifm2IbStart, std::uint64_t(so.config.layout.ibStart2));
    e_.cmd0(AccFormat, std::uint64_t(so.config.acc));
    // IFM2
    if (elementwise && !unary) {
      if (!scalar && op.ifm2 >= 0) {
        featureMap(op.ifm2, op.ifm2Shape, ifm2Base, Ifm2Region);
        strideRegisters(op.ifm2, Ifm2StrideC);
      } else if (!scalar) {
        // A constant lowering made for this operation alone (Vela's [1, 1, 1, 1] tensors).
        const auto& b = op.ifm2Shape;
        const std::uint64_t elem = std::uint64_t(std::max(1, op.ifm2Bits / 8));
        e_.cmd0(Ifm2Region, 0);
        e_.cmd1(Ifm2Base0, key(15, index));
        e_.cmd1(Ifm2Base1, 0);
        e_.cmd1(Ifm2Base2, 0);
        e_.cmd1(Ifm2Base3, 0);
        e_.cmd0(Ifm2Height0, std::uint64_t(b.h));
        e_.cmd0(Ifm2Height1, std::uint64_t(b.h));
        e_.cmd0(Ifm2Width0, std::uint64_t(b.w));
        e_.cmd1(Ifm2StrideC, elem);
        e_.cmd1(Ifm2StrideY, std::uint64_t(b.w) * std::uint64_t(b.c) * elem);
        e_.cmd1(Ifm2StrideX, std::uint64_t(b.c) * elem);
      }
      e_.cmd0(Ifm2ZeroPoint, std::uint64_t(op.ifm2 >= 0 ? zeroPoint(op.ifm2) : 0));
      e_.cmd0(Ifm2Precision, op.ifm2 >= 0 ? precision(op.ifm2, 0) : key(op.ifm2Bits));
      const auto& a = op.ifmShape;
      const auto& b = op.ifm2Shape;
      e_.cmd0(Ifm2Broadcast, scalar ? 8 : key(a.h != b.h, a.w != b.w, a.c != b.c));
      if (scalar) e_.cmd0(Ifm2Scalar, key(14, index));
    }
    // BLOCKDEP: 0 first, the maximum when the previous OFM is not read, else what the overlap allows.
    e_.cmd0(BlockDep, blockDep(index));
    prevBlockOp_ = static_cast<std::int64_t>(index);
    e_.always(1);  // the NPU_OP_* command
  }

  void weightRegisters(std::size_t index, int slice) {
    const auto& so = ops_[index];
    const bool buffered = so.weights.buffered;
    const std::uint64_t weightRegion = buffered ? (c_.arch->mem.spillingEnabled() ? 2 : 1) : 0;
    const int buffer = so.weights.doubleBuffered ? slice % 2 : 0;
    const std::uint64_t base = buffered ? key(8, index, buffer) : key(9, index, slice);
    const int slices = buffered ? std::max(1, so.weightDmas) : 1;
    // WEIGHT_LENGTH and SCALE_LENGTH are byte counts (an equal count is not written again): per
    // depth slice and core, the mlw stream and the 10-byte scale entries rounded up to 16.
    const std::int64_t cores = std::max(1, c_.arch->cores);
    const std::int64_t channels = (ops_[index].op->ofmShape.c + slices - 1) / slices;
    const std::uint64_t scaleLength = std::uint64_t((10 * ((channels + cores - 1) / cores) + 15) / 16 * 16);
    const std::int64_t streams = so.weights.scaleBytes > 0 ? so.weights.encodedBytes - so.weights.scaleBytes
                                                           : so.weights.encodedBytes;
    const std::uint64_t length = std::uint64_t(streams / slices / cores);
    e_.cmd0(WeightRegion, weightRegion);
    e_.cmd1(WeightBase, base);
    e_.cmd1(WeightLength, length);
    e_.cmd0(ScaleRegion, weightRegion);
    e_.cmd1(ScaleBase, key(10, base));
    e_.cmd1(ScaleLength, scaleLength);
    if (cores > 1) {
      e_.cmd1(Weight1Base, key(11, base));
      e_.cmd1(Weight1Length, length);
      e_.cmd1(Scale1Base, key(12, base));
      e_.cmd1(Scale1Length, scaleLength);
    }
  }

  std::uint64_t blockDep(std::size_t index) const {
    if (prevBlockOp_ < 0) return 0;
    const auto& prev = *ops_[static_cast<std::size_t>(prevBlockOp_)].op;
    const auto& op = *ops_[index].op;
    auto same = [&](std::int32_t a, std::int32_t b) { return a >= 0 && b >= 0 && address(a) == address(b); };
    const bool ifmOverlap = same(prev.ofm, op.ifm), ifm2Overlap = same(prev.ofm, op.ifm2);
    if (!ifmOverlap && !ifm2Overlap) return 3;
    if (ifmOverlap && ifm2Overlap) return 0;
    const auto& pc = ops_[static_cast<std::size_t>(prevBlockOp_)].config.ofmBlock;
    const auto& cc = ops_[index].config.ofmBlock;
    return key(prev.ofmShape.h, prev.ofmShape.w, prev.ofmShape.c, pc.h, pc.w, pc.c, op.ifmShape.h, op.ifmShape.w,
               cc.h, cc.w, cc.c, op.kernel.h, op.kernel.w);
  }

  const CommandStreamContext& c_;
  const std::vector<ScheduledOp>& ops_;
  Emitter e_;
  Emitter dmaBank_;
  std::int64_t dmaWords_ = 0;
  std::int64_t prevBlockOp_ = -1;
  std::unordered_map<std::int32_t, int> version_;  // tensors written in place so far, per feature map
};

}  // namespace

std::int64_t emulatedCommandStreamBytes(const CommandStreamContext& ctx, const std::vector<ScheduledOp>& ops,
                                        std::size_t begin, std::size_t end) {
  StreamModel model(ctx, ops);
  const std::int64_t words = 8 + model.run(begin, end);  // 8: the driver header (COP1, config, length)
  return (words * 4 + 15) / 16 * 16;
}

}  // namespace inferscope::estimate
