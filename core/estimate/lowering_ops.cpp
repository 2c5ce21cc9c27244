// What each TFLite operator becomes on the NPU, following Vela 3.10's graph optimiser.
#include <algorithm>
#include <set>
#include <cmath>

#include "core/estimate/lowering_impl.h"
#include "core/estimate/lowering_kernels.h"

namespace inferscope::estimate::detail {

using model::BuiltinOp;
using model::DType;


void Lowerer::lowerOperator(std::int32_t oi) {
  const auto& op = sg_.operators[static_cast<std::size_t>(oi)];
  const auto name = opName(oi);
  const auto* in0 = input(op, 0);
  const auto* out0 = output(op, 0);
  auto inFm = [&](std::size_t i) { return i < op.inputs.size() ? fm(op.inputs[i]) : -1; };
  auto outFm = [&](std::size_t i) { return i < op.outputs.size() ? fm(op.outputs[i]) : -1; };
  const auto key = (std::uint64_t(static_cast<std::uint32_t>(oi)) << 8);

  switch (op.code) {
    case BuiltinOp::CONV_2D: {
      const auto* w = input(op, 1);
      if (!w || w->shape.size() != 4 || !in0) break;
      auto ifm = inFm(0), ofm = outFm(0);
      const auto& is = fmAt(ifm).shape;
      bool asFc = is.h == 1 && is.w == 1 && w->shape[1] == 1 && w->shape[2] == 1;
      auto& n = emitSimple(asFc ? NpuOpType::FullyConnected : NpuOpType::Conv2DBias, asFc ? name + "_fc" : name, oi,
                           ifm, ofm);
      setKernel(n, op, w->shape[1], w->shape[2]);
      n.weights = weightsOf(w, asFc ? WeightKind::FullyConnected : WeightKind::Conv, w->shape[0], w->shape[1],
                            w->shape[2], w->shape[3], key);
      n.activation = fusedActivation(op);
      if (!asFc) dilateKernel(n, w, false);
      fixupStridedConv(n, op, oi);
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::DEPTHWISE_CONV_2D: {
      const auto* w = input(op, 1);
      if (!w || w->shape.size() != 4 || !in0 || !out0) break;
      auto ifm = inFm(0), ofm = outFm(0);
      const auto& is = fmAt(ifm).shape;
      const auto& os = fmAt(ofm).shape;
      auto mult = op.options.getInt("depth_multiplier", 1);
      // A single input channel multiplied out is an ordinary convolution.
      bool asConv = is.c == 1 && mult == os.c && mult > 1;
      auto& n = emitSimple(asConv ? NpuOpType::Conv2DBias : NpuOpType::DepthwiseConv2DBias, name, oi, ifm, ofm);
      setKernel(n, op, w->shape[1], w->shape[2]);
      n.weights = weightsOf(w, asConv ? WeightKind::Conv : WeightKind::Depthwise, os.c, w->shape[1], w->shape[2], 1, key);
      n.activation = fusedActivation(op);
      dilateKernel(n, w, true);
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::FULLY_CONNECTED: {
      const auto* w = input(op, 1);
      if (!w || w->shape.size() != 2 || !in0 || !out0) break;
      auto ifm = inFm(0), ofm = outFm(0);
      auto k = w->shape[1], units = w->shape[0];
      auto batch = static_cast<std::int32_t>(std::max<std::int64_t>(in0->numElements() / std::max(k, 1), 1));
      auto& n = emitSimple(NpuOpType::FullyConnected, name, oi, ifm, ofm);
      n.ifmShape = Shape4{1, 1, batch, k};
      n.ofmShape = Shape4{1, 1, batch, units};
      if (batch == 4 || batch == 8 || batch == 16) {
        std::int32_t h = batch == 4 ? 2 : batch == 8 ? 2 : 4, wd = batch / h;
        n.ifmShape = Shape4{1, h, wd, k};
        n.ofmShape = Shape4{1, h, wd, units};
      }
      n.weights = weightsOf(w, WeightKind::FullyConnected, units, 1, 1, k, key);
      n.activation = fusedActivation(op);
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::TRANSPOSE_CONV: {
      const auto* w = input(op, 1);
      if (!w || w->shape.size() != 4) break;
      auto ifm = inFm(2), ofm = outFm(0);
      auto& n = emitSimple(NpuOpType::Conv2DBackpropInputSwitchedBias, name, oi, ifm, ofm);
      n.kernel.w = w->shape[2];
      n.kernel.h = w->shape[1];
      // Vela upscales the IFM in hardware (TRANSPOSE resampling) and runs the kernel at stride 1.
      if (stride(op, "stride_w") > 1 || stride(op, "stride_h") > 1) n.resampling = Resampling::Transpose;
      n.weights = weightsOf(w, WeightKind::TransposeConv, w->shape[0], w->shape[1], w->shape[2], w->shape[3], key);
      n.activation = fusedActivation(op);
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::AVERAGE_POOL_2D:
    case BuiltinOp::MAX_POOL_2D: {
      auto& n = emitSimple(op.code == BuiltinOp::MAX_POOL_2D ? NpuOpType::MaxPool : NpuOpType::AvgPool, name, oi, inFm(0),
                           outFm(0));
      n.kernel.w = static_cast<std::int32_t>(op.options.getInt("filter_width", 1));
      n.kernel.h = static_cast<std::int32_t>(op.options.getInt("filter_height", 1));
      n.kernel.strideX = stride(op, "stride_w");
      n.kernel.strideY = stride(op, "stride_h");
      // A pool whose kernel and stride cover the whole input is a single step.
      if (n.kernel.w == n.ifmShape.w && n.kernel.h == n.ifmShape.h) n.kernel.strideX = n.kernel.strideY = 1;
      n.activation = fusedActivation(op);
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::ADD:
    case BuiltinOp::SUB:
    case BuiltinOp::MUL:
    case BuiltinOp::MAXIMUM:
    case BuiltinOp::MINIMUM: {
      NpuOpType t = op.code == BuiltinOp::ADD ? NpuOpType::Add
                    : op.code == BuiltinOp::SUB ? NpuOpType::Sub
                    : op.code == BuiltinOp::MUL ? NpuOpType::Mul
                    : op.code == BuiltinOp::MAXIMUM ? NpuOpType::Maximum
                                                    : NpuOpType::Minimum;
      auto a = inFm(0), b = inFm(1);
      if (a < 0 || b < 0) break;
      bool commutative = t != NpuOpType::Sub;
      // The full-size operand goes first; a broadcast operand second.
      if (commutative && fmAt(a).shape.elements() < fmAt(b).shape.elements()) std::swap(a, b);
      // A constant or rank-0 first operand with a full-size feature map second: Vela's scheduler
      // makes the feature map the primary input (reversed operands, also for SUB).
      else if (const auto* first = input(op, 0), *second = input(op, 1);
               a == inFm(0) && first && second && (first->isConstant() || first->shape.empty()) &&
               !second->isConstant() && !second->shape.empty() && out0 && second->shape == out0->shape)
        std::swap(a, b);
      auto& n = emitSimple(t, name, oi, a, outFm(0), b);
      const auto* ta = input(op, 0);
      const auto* tb = input(op, 1);
      n.ifm2Constant = (tb && tb->isConstant()) || (ta && ta->isConstant());
      // A rank-0 operand changes the SHRAM layout (Vela's uses_scalar); a constant one travels in
      // the IFM2_SCALAR register.
      const auto* second = b == inFm(1) ? tb : ta;
      n.scalarOperand = (ta && ta->shape.empty()) || (tb && tb->shape.empty());
      n.ifm2Scalar = second && second->shape.empty() && second->isConstant();
      // Constant operands live in permanent storage, except rank-0 ones that travel in a register.
      for (std::size_t k = 0; k < 2; ++k)
        if (const auto* c = input(op, k); c && c->isConstant() && !(c->shape.empty() && n.ifm2Scalar))
          addConstantTensor(op.inputs[k]);
      n.activation = fusedActivation(op);
      n.acc40 = false;
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::RESHAPE:
    case BuiltinOp::SQUEEZE:
    case BuiltinOp::EXPAND_DIMS: {
      auto ifm = inFm(0);
      if (ifm < 0 || op.outputs.empty()) break;
      const auto& f = fmAt(ifm);
      // The producer writes straight into the reshaped tensor, unless the input is shared
      // or comes from outside the NPU: then a DMA copy.
      if (f.graphInput || f.cpuProducer || consumerCount(op.inputs[0]) > 1) {
        auto& n = emitSimple(NpuOpType::Memcpy, name, oi, ifm, outFm(0));
        (void)n;
        countNpuOperators(1);
      } else {
        alias(op.outputs[0], ifm);  // removed from the graph: not an NPU operator
      }
      return;
    }
    case BuiltinOp::QUANTIZE: {
      if (in0 && in0->isConstant()) {
        addConstantBytes(out0 ? out0->byteSize() : 0);
        return;
      }
      emitSimple(NpuOpType::AvgPool, name, oi, inFm(0), outFm(0));
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::PAD:
    case BuiltinOp::PADV2:
    case BuiltinOp::MIRROR_PAD: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      // Absorbed as hardware padding by a following convolution with VALID padding.
      if (consumerCount(op.outputs[0]) == 1) {
        auto c = sg_.facts.consumers(op.outputs[0])[0];
        const auto& cop = sg_.operators[static_cast<std::size_t>(c)];
        bool conv = cop.code == BuiltinOp::CONV_2D || cop.code == BuiltinOp::DEPTHWISE_CONV_2D;
        if (onNpu(c) && conv && cop.options.getEnum("padding") == "VALID" && !cop.inputs.empty() &&
            cop.inputs[0] == op.outputs[0]) {
          const auto* pads = input(op, 1);
          const auto* w = input(cop, 1);
          bool small = pads && pads->isConstant() && w && w->shape.size() == 4;
          if (small && pads->dtype == DType::INT32 && pads->data.size() >= 4 * 8) {
            const auto* p = reinterpret_cast<const std::int32_t*>(pads->data.data());
            small = p[2] <= w->shape[1] / 2 && p[3] <= w->shape[1] / 2 && p[4] <= w->shape[2] / 2 &&
                    p[5] <= w->shape[2] / 2;
          }
          if (small) {
            // The convolution reads the unpadded input through hardware padding; the input
            // keeps its own format (NHCWB16 between NPU operations).
            alias(op.outputs[0], ifm, false);
            return;
          }
        }
      }
      auto& copy = emitSimple(NpuOpType::AvgPool, name + "_main", oi, ifm, ofm);
      copy.ofmShape = copy.ifmShape;
      std::int32_t sides = 0;
      const auto& is = fmAt(ifm).shape;
      const auto& os = fmAt(ofm).shape;
      if (os.h > is.h) sides += 2;
      if (os.w > is.w) sides += 2;
      if (const auto* pads = input(op, 1); pads && pads->isConstant() && pads->dtype == DType::INT32 &&
                                           pads->data.size() >= 4 * 8) {
        const auto* p = reinterpret_cast<const std::int32_t*>(pads->data.data());
        sides = (p[2] > 0) + (p[3] > 0) + (p[4] > 0) + (p[5] > 0);
        Shape4 border[4] = {{1, p[2], os.w, os.c}, {1, p[3], os.w, os.c}, {1, is.h, p[4], os.c}, {1, is.h, p[5], os.c}};
        // Each border reads a constant of zero points; Vela shares constants with equal values, so
        // borders of equal size (top/bottom, left/right) share one.
        std::set<std::int64_t> sizes;
        for (const auto& b : border)
          if (b.h > 0 && b.w > 0 && sizes.insert(b.elements()).second)
            addConstantBytes((b.elements() * fmAt(ofm).bits / 8 + 15) / 16 * 16);
        for (int s = 0; s < 4; ++s) {
          if (border[s].h <= 0 || border[s].w <= 0) continue;
          auto bf = newFm(name + "_border", border[s], fmAt(ofm).bits);
          fmAt(bf).constant = true;
          static const char* const kSide[4] = {"_top", "_bottom", "_left", "_right"};
          auto& b = emitSimple(NpuOpType::AvgPool, name + kSide[s], oi, bf, ofm);
          b.ofmShape = border[s];
        }
      }
      countNpuOperators(1 + sides);
      return;
    }
    case BuiltinOp::CONCATENATION:
    case BuiltinOp::PACK: {
      auto ofm = outFm(0);
      std::int32_t n = 0;
      for (std::size_t i = 0; i < op.inputs.size(); ++i) {
        const auto* t = input(op, i);
        if (!t) continue;
        auto src = fm(op.inputs[i]);
        if (t->isConstant()) addConstantBytes(t->byteSize());
        auto& c = emitSimple(NpuOpType::AvgPool, name + std::to_string(i) + "_avgpool", oi, src, ofm);  // Vela's name
        c.ofmShape = c.ifmShape;
        ++n;
        // A channel offset that is not a multiple of 16 keeps the output linear.
        if (c.ifmShape.c % 16 != 0) forceNhwc(ofm);
      }
      countNpuOperators(n);
      return;
    }
    case BuiltinOp::SPLIT:
    case BuiltinOp::SPLIT_V:
    case BuiltinOp::SLICE:
    case BuiltinOp::STRIDED_SLICE:
    case BuiltinOp::UNPACK: {
      std::size_t dataIn = op.code == BuiltinOp::SPLIT ? 1 : 0;
      auto src = inFm(dataIn);
      if (src < 0) break;
      std::int32_t n = 0;
      for (std::size_t i = 0; i < op.outputs.size(); ++i) {
        auto t = op.outputs[i];
        if (t < 0) continue;
        // The read disappears into its consumers when they are all NPU compute operations.
        bool vanish = consumerCount(t) > 0;
        for (auto c : sg_.facts.consumers(t)) {
          const auto& cop = sg_.operators[static_cast<std::size_t>(c)];
          bool memOnly = cop.code == BuiltinOp::RESHAPE || cop.code == BuiltinOp::SQUEEZE ||
                         cop.code == BuiltinOp::EXPAND_DIMS || cop.code == BuiltinOp::CONCATENATION;
          vanish = vanish && onNpu(c) && !memOnly;
        }
        bool isOutput = std::find(sg_.outputs.begin(), sg_.outputs.end(), t) != sg_.outputs.end();
        if (vanish && !isOutput) {
          alias(t, src);
        } else {
          auto& c = emitSimple(NpuOpType::AvgPool, name + "_avgpool", oi, src, fm(t));  // Vela's name, per read
          c.ifmShape = c.ofmShape;
          ++n;
        }
      }
      countNpuOperators(n);
      return;
    }
    case BuiltinOp::MEAN: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      const auto is = fmAt(ifm).shape;  // a copy: newFm() below may move the feature maps
      std::int32_t h = is.h, w = is.w;
      if (h * w <= 1) {
        alias(op.outputs[0], ifm);
        return;
      }
      auto acc = newFm(name + "_acc", Shape4{1, 1, 1, is.c}, 32);
      std::int32_t chunks = (h <= 64 && h * w <= 4096) ? 1 : (h + 63) / 64;
      std::int32_t chunkH = (h + chunks - 1) / chunks;
      for (std::int32_t k = 0; k < chunks; ++k) {
        auto& d = emitSimple(NpuOpType::DepthwiseConv2DBias, name + name + "_conv_" + std::to_string(k), oi, ifm, acc);  // Vela clones the name onto itself
        auto hh = std::min(chunkH, h - k * chunkH);
        d.ifmShape.h = hh;
        d.kernel.h = hh;
        d.kernel.w = w;
        d.ofmBits = 32;
        NpuWeights nw = weightsOf(nullptr, WeightKind::Depthwise, is.c, hh, w, 1, key | std::uint64_t(k));
        nw.synthetic.assign(static_cast<std::size_t>(is.c) * hh * w, 1);
        nw.originalBytes = std::int64_t(is.c) * hh * w;
        d.weights = std::move(nw);
        if (k > 0) emitSimple(NpuOpType::Add, name + "_add" + std::to_string(k), oi, acc, acc, acc);
      }
      auto& mul = emitSimple(NpuOpType::Mul, name + "_mul", oi, acc, ofm);
      mul.ifm2Constant = true;
      mul.ifmBits = 32;
      mul.ifm2Bits = 32;
      addConstantBytes(16);
      countNpuOperators(chunks * 2);
      return;
    }
    case BuiltinOp::SOFTMAX: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      auto full = fmAt(ifm).shape;
      full.h *= full.n;
      full.n = 1;
      Shape4 reduced = full;
      reduced.c = 1;
      auto fullInt = newFm(name + "_exp", full, 32);
      auto red = newFm(name + "_reduced", reduced, 32);
      // Second operand: none, a constant scalar, or the per-row reduced feature map.
      enum B { None, Scalar, Reduced };
      auto opName = [](NpuOpType t) -> std::string {
        switch (t) {
          case NpuOpType::Sub: return "sub";
          case NpuOpType::SHR: return "shr";
          case NpuOpType::ReduceSum: return "reduce_sum";
          case NpuOpType::CLZ: return "clz";
          case NpuOpType::SHL: return "shl";
          case NpuOpType::Add: return "add";
          case NpuOpType::Mul: return "mul";
          default: return "maxpool";
        }
      };
      auto emitOp = [&](NpuOpType t, int pass, std::int32_t a, std::int32_t o, B b) -> NpuOp& {
        auto& n = emitSimple(t, name + "_" + opName(t) + std::to_string(pass), oi, a, o, b == None ? -1 : red);
        if (b == Scalar) {
          n.ifm2Constant = true;
          n.ifm2Shape = Shape4{};
          n.ifm2Bits = 32;
        }
        return n;
      };
      // The row maximum is a depthwise max pool over C on a [1, H*W, C, 1] view.
      auto rowMax = [&](int p, std::int32_t target) {
        auto& mp = emitOp(NpuOpType::MaxPool, p, ifm, target, None);
        mp.ifmShape = Shape4{1, full.h * full.w, full.c, 1};
        mp.kernel.w = full.c;
        mp.ofmShape = Shape4{1, full.h * full.w, 1, 1};
      };
      if (is8bit(in0)) {
        int p = 0;
        // Vela's row maximum is a [1, H*W, 1, 1] tensor of the input's type, read back per row.
        const auto rowMaxFm = newFm(name + "_max", Shape4{1, full.h * full.w, 1, 1}, fmAt(ifm).bits);
        rowMax(p++, rowMaxFm);
        // exp(x - max) stays live until it is scaled at the end; its shifted copy feeds the sum.
        auto& sub = emitSimple(NpuOpType::Sub, name + "_sub" + std::to_string(p++), oi, ifm, fullInt, rowMaxFm);
        sub.ifm2Shape = reduced;
        sub.ofmBits = 32;
        sub.activation = Activation::Lut;
        sub.lutBytes = 1024;
        // As in Vela, every step from here on writes a tensor of its own and the constants are
        // [1,1,1,1] tensors, so formats and lifetimes follow Vela's. A constant first operand is
        // read as the second (Vela's reversed operands).
        auto value = [&](const char* what) { return newFm(name + "_" + what, reduced, 32); };
        auto constant = [&](const char* what) {
          auto c = newFm(name + "_" + what + "_const", Shape4{}, 32);
          fmAt(c).constant = true;
          return c;
        };
        auto step = [&](NpuOpType t, std::int32_t a, std::int32_t b, std::int32_t o) {
          if (a >= 0 && fmAt(a).constant) std::swap(a, b);
          auto& n = emitSimple(t, name + "_" + opName(t) + std::to_string(p++), oi, a, o, b);
          n.ifm2Constant = b >= 0 && fmAt(b).constant;
          return o;
        };
        auto shifted = newFm(name + "_exp_shifted", full, 32);
        step(NpuOpType::SHR, fullInt, constant("shift"), shifted);
        const auto sum = newFm(name + "_sum_of_exp", reduced, 32);
        auto& rs = emitOp(NpuOpType::ReduceSum, p++, shifted, sum, None);
        rs.ofmShape = reduced;
        const auto headroomPlusOne = step(NpuOpType::CLZ, sum, -1, value("headroom_plus_one"));
        const auto rightShift = step(NpuOpType::Sub, constant("headroom_offset"), headroomPlusOne, value("right_shift"));
        const auto one = constant("one");
        const auto headroom = step(NpuOpType::Sub, headroomPlusOne, one, value("headroom"));
        auto x = step(NpuOpType::SHL, sum, headroom, value("shifted_sum"));
        x = step(NpuOpType::Sub, x, constant("shifted_one"), value("shifted_sum_minus_one"));
        x = step(NpuOpType::SHL, x, one, value("shifted_sum_minus_one_shl"));
        const auto halfDenominator = step(NpuOpType::Add, x, constant("F0_one"), value("half_denominator"));
        x = step(NpuOpType::Mul, halfDenominator, constant("neg_32_over_17"), value("rescaled"));
        auto nrX = step(NpuOpType::Add, x, constant("48_over_17"), value("rescale_w_offset"));
        const auto f2One = constant("F2_one"), four = constant("four");
        for (int it = 0; it < 3; ++it) {
          x = step(NpuOpType::Mul, nrX, halfDenominator, value("half_denominator_times_x"));
          x = step(NpuOpType::Sub, f2One, x, value("one_minus_half_denominator_times_x"));
          x = step(NpuOpType::Mul, nrX, x, value("to_rescale"));
          x = step(NpuOpType::Mul, x, four, value("to_add"));
          nrX = step(NpuOpType::Add, nrX, x, value("nr_x"));
        }
        const auto scaleFactor = step(NpuOpType::Mul, nrX, constant("two"), value("scale_factor"));
        auto scaled = newFm(name + "_scaled", full, 32);
        auto& scale = emitSimple(NpuOpType::Mul, name + "_mul" + std::to_string(p++), oi, fullInt, scaled, scaleFactor);
        scale.ifmBits = scale.ofmBits = scale.ifm2Bits = 32;
        auto& fin = emitSimple(NpuOpType::SHR, name + "_shr" + std::to_string(p++), oi, scaled, ofm, rightShift);
        fin.ofmBits = fmAt(ofm).bits;
        addConstantBytes(1024);
        for (int k = 0; k < 10; ++k) addConstantBytes(16);
        countNpuOperators(31);
      } else {
        int p = 0;
        rowMax(p++, red);
        auto& sub = emitSimple(NpuOpType::Sub, name + "_sub" + std::to_string(p++), oi, ifm, fullInt, red);
        sub.ofmBits = 32;
        emitOp(NpuOpType::Mul, p++, fullInt, fullInt, Scalar);
        auto& add = emitOp(NpuOpType::Add, p++, fullInt, fullInt, Scalar);
        add.activation = Activation::Lut;
        add.lutBytes = 2048;
        add.ofmBits = 16;
        auto& rs = emitOp(NpuOpType::ReduceSum, p++, fullInt, red, None);
        rs.ifmBits = 16;
        rs.ofmShape = reduced;
        for (auto t : {NpuOpType::CLZ, NpuOpType::Sub, NpuOpType::SHL, NpuOpType::Sub, NpuOpType::SHL, NpuOpType::SHR})
          emitOp(t, p++, red, red, t == NpuOpType::CLZ ? None : Scalar);
        auto& lut = emitOp(NpuOpType::Sub, p++, red, red, Scalar);
        lut.activation = Activation::Lut;
        lut.lutBytes = 2048;
        auto& mul = emitSimple(NpuOpType::Mul, name + "_mul" + std::to_string(p++), oi, fullInt, fullInt, red);
        mul.ifmBits = 16;
        auto& fin = emitOp(NpuOpType::SHR, p++, fullInt, ofm, Scalar);
        fin.ofmBits = fmAt(ofm).bits;
        addConstantBytes(2048);
        addConstantBytes(2048);
        for (int k = 0; k < 6; ++k) addConstantBytes(16);
        countNpuOperators(14);
      }
      return;
    }
    case BuiltinOp::RELU:
    case BuiltinOp::RELU6:
    case BuiltinOp::RELU_N1_TO_1:
    case BuiltinOp::RELU_0_TO_1: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      Activation a = op.code == BuiltinOp::RELU ? Activation::Relu
                     : op.code == BuiltinOp::RELU6 ? Activation::Relu6
                                                   : Activation::ReluN1To1;
      // Packed into the pass of the operation producing its input.
      auto* p = producerInSegment(ifm);
      bool sameScale = in0 && out0 && in0->quant && out0->quant && in0->quant->scale == out0->quant->scale &&
                       in0->quant->zeroPoint == out0->quant->zeroPoint;
      if (p && p->activation == Activation::None && consumerCount(op.inputs[0]) == 1 && !fmAt(ifm).graphOutput &&
          isMacOp(p->type) && p->type != NpuOpType::Memcpy && sameScale) {
        p->activation = a;
        p->ofm = ofm;
        p->ofmBits = fmAt(ofm).bits;
      } else {
        auto& n = emitSimple(NpuOpType::AvgPool, name + "_avgpool", oi, ifm, ofm);
        n.activation = a;
      }
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::LOGISTIC:
    case BuiltinOp::TANH:
    case BuiltinOp::HARD_SWISH:
    case BuiltinOp::LEAKY_RELU:
    case BuiltinOp::EXP:
    case BuiltinOp::RSQRT: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      if (op.code == BuiltinOp::LEAKY_RELU && !is8bit(in0)) {
        // int16: native when scales match, else alpha·x and max(x, alpha·x).
        bool sameScale = in0 && out0 && in0->quant && out0->quant && in0->quant->scale == out0->quant->scale;
        if (sameScale) {
          auto& n = emitSimple(NpuOpType::LeakyRelu, name, oi, ifm, ofm);
          (void)n;
          countNpuOperators(1);
        } else {
          auto tmp = newFm(name + "_alpha", fmAt(ifm).shape, fmAt(ofm).bits);
          auto tmp2 = newFm(name + "_identity", fmAt(ifm).shape, fmAt(ofm).bits);
          // Vela makes alpha a one-element constant tensor (read through the IFM2 registers) and
          // the identity a rank-0 scalar (a register); both have the IFM's type, and a 16-bit
          // scalar is read from permanent storage.
          auto alpha = newFm(name + "_alpha_scalar", Shape4{}, fmAt(ifm).bits);
          fmAt(alpha).constant = true;
          // Vela schedules the identity first.
          auto& m2 = emitSimple(NpuOpType::Mul, name + "_mul_identity", oi, ifm, tmp2);
          m2.ifm2Constant = true;
          m2.ifm2Scalar = true;
          m2.ifm2Shape = Shape4{};
          m2.ifm2Bits = fmAt(ifm).bits;
          auto& m1 = emitSimple(NpuOpType::Mul, name + "_mul_alpha", oi, ifm, tmp, alpha);
          m1.ifm2Constant = true;
          // Vela's graph: Maximum(alpha product, identity product), named after the operator
          // with "LeakyRelu" replaced by "Maximum".
          emitSimple(NpuOpType::Maximum, replaceAll(name, "LeakyRelu", "Maximum"), oi, tmp, ofm, tmp2);
          addConstantBytes(16);
          addConstantBytes(16);
          countNpuOperators(3);
        }
        return;
      }
      if (!is8bit(in0) && (op.code == BuiltinOp::LOGISTIC || op.code == BuiltinOp::TANH)) {
        // int16 sigmoid and tanh are hardware activations on a 1x1 average pool.
        auto& n = emitSimple(NpuOpType::AvgPool, name + "_avgpool", oi, ifm, ofm);
        n.activation = Activation::Lut;
        countNpuOperators(1);
        return;
      }
      std::int32_t lutBytes = is8bit(in0) ? 256 : 2048;
      auto* p = producerInSegment(ifm);
      if (options().lutFusing && p && p->activation == Activation::None && consumerCount(op.inputs[0]) == 1 &&
          !fmAt(ifm).graphOutput && p->type != NpuOpType::Memcpy && isMacOp(p->type)) {
        p->activation = Activation::Lut;
        p->lutBytes = lutBytes;
        p->ofm = ofm;
        p->ofmBits = fmAt(ofm).bits;
      } else {
        // Vela's convert_to_lut: an Add with a zero scalar, named "<op>_lut_<function>".
        const char* fn = op.code == BuiltinOp::LOGISTIC     ? "sigmoid"
                         : op.code == BuiltinOp::TANH       ? "tanh"
                         : op.code == BuiltinOp::HARD_SWISH ? "hardswish"
                         : op.code == BuiltinOp::LEAKY_RELU ? "lrelu"
                         : op.code == BuiltinOp::EXP        ? "exp"
                                                            : "rsqrt";
        auto& n = emitSimple(NpuOpType::Add, name + "_lut_" + fn, oi, ifm, ofm);
        n.ifm2Constant = true;
        n.ifm2Scalar = true;  // Vela's rank-0 zero
        n.ifm2Shape = Shape4{};
        n.activation = Activation::Lut;
        n.lutBytes = lutBytes;
        addConstantBytes(16);
        countNpuOperators(1);
      }
      addConstantBytes(lutBytes);
      return;
    }
    case BuiltinOp::PRELU: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      auto tmp = newFm(name + "_alpha", fmAt(ifm).shape, fmAt(ofm).bits);
      auto alpha = inFm(1);
      auto& m1 = emitSimple(NpuOpType::Mul, name + "_mul_alpha", oi, ifm, tmp, alpha);
      m1.ifm2Constant = input(op, 1) && input(op, 1)->isConstant();
      if (const auto* a = input(op, 1); a && a->isConstant()) addConstantBytes(a->byteSize());
      emitSimple(NpuOpType::Maximum, name + "_max", oi, tmp, ofm, ifm);  // Vela: Maximum(alpha product, IFM)
      countNpuOperators(2);
      return;
    }
    case BuiltinOp::ABS: {
      emitSimple(NpuOpType::Abs, name, oi, inFm(0), outFm(0));
      countNpuOperators(1);
      return;
    }
    case BuiltinOp::RESIZE_BILINEAR:
    case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: {
      auto ifm = inFm(0), ofm = outFm(0);
      if (ifm < 0 || ofm < 0) break;
      const auto is = fmAt(ifm).shape, os = fmAt(ofm).shape;
      if (is.h == os.h && is.w == os.w) {
        alias(op.outputs[0], ifm);
        return;
      }
      bool bilinear = op.code == BuiltinOp::RESIZE_BILINEAR;
      if (is.h == 1 && is.w == 1) {
        auto& n = emitSimple(NpuOpType::Add, name + "_add", oi, ifm, ofm);
        n.ifm2Constant = true;
        n.ifm2Shape = Shape4{1, os.h, os.w, os.c};
        countNpuOperators(1);
        return;
      }
      if (bilinear && op.options.getBool("half_pixel_centers")) {
        auto mid = newFm(name + "_avg", is, fmAt(ofm).bits);
        // Vela's names for these (the same in every such resize).
        auto& a = emitSimple(NpuOpType::AvgPool, "rb_init_avgpool", oi, ifm, mid);
        a.kernel.w = a.kernel.h = 1;
        for (int k = 0; k < 4; ++k) {
          auto& d = emitSimple(NpuOpType::DepthwiseConv2DBias, "depthwise_conv_" + std::to_string(k), oi, mid, ofm);
          d.ofmShape = Shape4{1, (os.h + 1) / 2, (os.w + 1) / 2, os.c};
          d.kernel.w = d.kernel.h = 2;
          NpuWeights nw = weightsOf(nullptr, WeightKind::Depthwise, is.c, 2, 2, 1, key | std::uint64_t(k));
          nw.synthetic.assign(static_cast<std::size_t>(is.c) * 4, static_cast<std::int16_t>(1 + k));
          d.weights = std::move(nw);
        }
        countNpuOperators(5);
        return;
      }
      auto factor = std::max(os.h / std::max(is.h, 1), os.w / std::max(is.w, 1));
      auto steps = log2Steps(factor);
      auto cur = ifm;
      Shape4 s = is;
      for (std::int32_t k = 0; k < steps; ++k) {
        s.h = std::min(s.h * 2, os.h);
        s.w = std::min(s.w * 2, os.w);
        auto next = k + 1 == steps ? ofm : newFm(name + "_x2_" + std::to_string(k), s, fmAt(ofm).bits);
        std::string stepName = name;
        if (k) stepName.append("_").append(std::to_string(k));
        auto& r = emitSimple(bilinear ? NpuOpType::ResizeBilinear : NpuOpType::ResizeNearestNeighbor, stepName, oi,
                             cur, next);
        // Each step reads its IFM through x2 nearest-neighbour upscaling; bilinear ends with an
        // average over the whole upscale factor (padded right and bottom unless align_corners).
        r.resampling = Resampling::Nearest;
        if (k + 1 == steps && bilinear) {
          const auto f = std::int32_t(1) << steps;
          r.kernel.w = r.kernel.h = f;
          if (!op.options.getBool("align_corners")) r.kernel.padBottom = r.kernel.padRight = f - 1;
        }
        cur = next;
      }
      countNpuOperators(steps);
      return;
    }
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
      if (lowerLstm(oi)) return;
      break;
    case BuiltinOp::TRANSPOSE: {
      emitSimple(NpuOpType::AvgPool, name + "_avgpool", oi, inFm(0), outFm(0));
      countNpuOperators(1);
      return;
    }
    default:
      break;
  }
  // Anything else the compatibility check let through: one elementwise pass over the output.
  auto ifm = inFm(0), ofm = outFm(0);
  if (ifm < 0 || ofm < 0) return;
  emitSimple(NpuOpType::AvgPool, name, oi, ifm, ofm);
  countNpuOperators(1);
}

}  // namespace inferscope::estimate::detail
