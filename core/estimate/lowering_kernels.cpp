// Kernels and weights of convolution-like operators as Vela's graph optimiser rewrites them:
// weight descriptors, strides and dilations (dilations above 2 spread into the kernel), and the
// strided-convolution rewrite. Used by lowering_ops.cpp.
#include "core/estimate/lowering_kernels.h"

#include <algorithm>

namespace inferscope::estimate::detail {

using model::BuiltinOp;
using model::DType;

NpuWeights weightsOf(const model::Tensor* t, WeightKind kind, std::int32_t o, std::int32_t h, std::int32_t w,
                     std::int32_t i, std::uint64_t key) {
  NpuWeights nw;
  nw.kind = kind;
  nw.o = o;
  nw.h = h;
  nw.w = w;
  nw.i = i;
  nw.tensor = t;
  nw.originalBytes = std::int64_t(o) * h * w * i * (t ? std::max(model::dtypeBits(t->dtype) / 8, 1) : 1);
  nw.biasChannels = o;
  nw.shareKey = key;
  return nw;
}

// Dilations above the hardware's 2 are built into the kernel, as Vela's fixup_dilation_gt2 does: an
// even dilation keeps a hardware dilation of 2 and spreads the kernel by half of it, an odd one
// spreads it fully; the spread kernel holds the original weights with zeros between them.
void dilateKernel(NpuOp& n, const model::Tensor* t, bool depthwise) {
  auto& k = n.kernel;
  if ((k.dilationX <= 2 && k.dilationY <= 2) || !n.weights) return;
  const int hwY = (k.dilationY & 1) ? 1 : 2, hwX = (k.dilationX & 1) ? 1 : 2;
  const int sy = k.dilationY / hwY, sx = k.dilationX / hwX;
  auto& w = *n.weights;
  const std::int32_t kh = w.h, kw = w.w, o = w.o, in = w.i;
  const std::int32_t nh = (kh - 1) * sy + 1, nw = (kw - 1) * sx + 1;
  k.h = nh;
  k.w = nw;
  k.dilationY = hwY;
  k.dilationX = hwX;
  const std::int64_t bytes = t ? std::max(model::dtypeBits(t->dtype) / 8, 1) : 1;
  w.originalBytes = std::int64_t(o) * nh * nw * in * bytes;
  const std::size_t count = static_cast<std::size_t>(o) * kh * kw * in;
  const bool int8 = t && (t->dtype == DType::INT8 || t->dtype == DType::UINT8);
  w.h = nh;
  w.w = nw;
  if (!int8 || t->data.size() < count) return;  // sized from the shape alone
  const std::int32_t zp = t->quant && !t->quant->zeroPoint.empty() ? static_cast<std::int32_t>(t->quant->zeroPoint[0]) : 0;
  std::vector<std::int16_t> v(static_cast<std::size_t>(o) * nh * nw * in, 0);
  for (std::int32_t oc = 0; oc < o; ++oc)
    for (std::int32_t y = 0; y < kh; ++y)
      for (std::int32_t x = 0; x < kw; ++x)
        for (std::int32_t ic = 0; ic < in; ++ic) {
          // Convolutions are stored OHWI, depthwise weights [1, H, W, O].
          const std::size_t src = depthwise ? (static_cast<std::size_t>(y) * kw + x) * o + oc
                                            : ((static_cast<std::size_t>(oc) * kh + y) * kw + x) * in + ic;
          const std::int32_t raw = t->dtype == DType::UINT8 ? t->data.data()[src] : static_cast<std::int8_t>(t->data.data()[src]);
          const std::size_t dst = ((static_cast<std::size_t>(oc) * nh + std::size_t(y) * sy) * nw + std::size_t(x) * sx) * in + ic;
          v[dst] = static_cast<std::int16_t>(raw - zp);
        }
  w.synthetic = std::move(v);
  w.tensor = nullptr;
}

bool isMacOp(NpuOpType t) {
  auto b = blockTypeOf(t);
  return b != BlockType::Dma;
}

bool is8bit(const model::Tensor* t) { return t && (t->dtype == DType::INT8 || t->dtype == DType::UINT8); }

// Rounds a non-power-of-two upscale factor up for the count of x2 steps.
std::int32_t log2Steps(std::int32_t factor) {
  std::int32_t n = 0;
  while ((1 << n) < factor) ++n;
  return std::max(n, 1);
}


// Strides and dilations of at least 1 (the schema's default is 0 when a converter leaves them out).
std::int32_t stride(const model::Operator& op, std::string_view key) {
  return static_cast<std::int32_t>(std::max<std::int64_t>(op.options.getInt(key, 1), 1));
}

// Kernel size, strides and dilations of a convolution-like operator.
void setKernel(NpuOp& n, const model::Operator& op, std::int32_t h, std::int32_t w) {
  n.kernel.w = w;
  n.kernel.h = h;
  n.kernel.strideX = stride(op, "stride_w");
  n.kernel.strideY = stride(op, "stride_h");
  n.kernel.dilationX = stride(op, "dilation_w_factor");
  n.kernel.dilationY = stride(op, "dilation_h_factor");
}

std::int32_t neededTotalPadding(std::int32_t input, std::int32_t stride, std::int32_t filter) {
  if (input % stride == 0) return std::max(filter - stride, 0);
  return std::max(filter - input % stride, 0);
}

// Vela's fixup_strided_conv: a stride-S convolution on the network's first operator (or any
// stride above 3) runs as a stride-S/r convolution on an IFM reshaped to W/r x C*r, with the
// kernel zero-padded in width and folded into its input depth.
void fixupStridedConv(NpuOp& n, const model::Operator& op, std::int32_t opIndex) {
  if (n.type != NpuOpType::Conv2DBias || !n.weights) return;
  const std::int32_t sx = n.kernel.strideX;
  if (opIndex != 0 && sx < 4) return;
  const auto& ifm = n.ifmShape;
  std::int32_t rf = sx, finalStride = 1;
  if (sx < 1 || ifm.w < 1) return;
  if (ifm.w % rf != 0) {
    std::int32_t pick = 1;
    for (std::int32_t hw : {2, 3})
      if (rf % hw == 0 && ifm.w % (sx / hw) == 0) { pick = hw; break; }
    std::int32_t nr = rf / pick;
    rf = nr != rf ? nr : 1;
  }
  finalStride = sx / rf;
  const std::int32_t postDepth = ifm.c * rf;
  if (!(sx > 1 && (postDepth <= 8 || sx > 3) && rf != 1)) return;
  auto padding = op.options.getEnum("padding");
  if (padding != "SAME" && padding != "VALID") return;
  const std::int32_t kw = n.kernel.w;
  const std::int32_t currPad = neededTotalPadding(ifm.w, sx, kw);
  std::int32_t padLeft = 0, padRight = 0, padSize = 0;
  if (padding == "SAME") {
    std::int32_t expected = ifm.w % sx == 0 ? currPad + finalStride : currPad + (ifm.w / rf) % finalStride;
    padSize = expected * rf - kw;
    padLeft = currPad == 0 ? padSize / 2 : padSize / currPad * (currPad / 2);
    padRight = padSize - padLeft;
  }
  if (kw % rf != 0 && (padSize == 0 || currPad == 0)) {
    padLeft = 0;
    padRight = rf - kw % rf;
  }
  if (padLeft < 0 || padRight < 0) return;
  if (padding == "SAME" &&
      currPad != neededTotalPadding(ifm.w / rf, finalStride, (kw + 1 + padLeft + padRight) / rf))
    return;
  auto& w = *n.weights;
  const std::int32_t wp = kw + padLeft + padRight;
  if (wp % rf != 0) return;
  const auto* t = w.tensor;
  std::vector<std::int16_t> vals(static_cast<std::size_t>(w.o) * w.h * wp * w.i, 0);
  if (t && (t->dtype == model::DType::INT8 || t->dtype == model::DType::UINT8) &&
      t->data.size() >= static_cast<std::size_t>(w.o) * w.h * w.w * w.i) {
    std::int32_t zp = t->quant && !t->quant->zeroPoint.empty() ? static_cast<std::int32_t>(t->quant->zeroPoint[0]) : 0;
    const auto* d = t->data.data();
    for (std::int32_t o = 0; o < w.o; ++o)
      for (std::int32_t y = 0; y < w.h; ++y)
        for (std::int32_t x = 0; x < w.w; ++x)
          for (std::int32_t i = 0; i < w.i; ++i) {
            auto src = ((static_cast<std::size_t>(o) * w.h + y) * w.w + x) * w.i + i;
            std::int32_t v = t->dtype == model::DType::UINT8 ? d[src] : static_cast<std::int8_t>(d[src]);
            vals[((static_cast<std::size_t>(o) * w.h + y) * wp + x + padLeft) * w.i + i] = static_cast<std::int16_t>(v - zp);
          }
  } else {
    return;
  }
  w.synthetic = std::move(vals);  // OHWI [o, h, wp/rf, i*rf]: the same order, reshaped
  w.w = wp / rf;
  w.i *= rf;
  w.originalBytes = std::int64_t(w.o) * w.h * w.w * w.i;
  n.ifmShape = Shape4{ifm.n, ifm.h, ifm.w / rf, ifm.c * rf};
  n.kernel.w = w.w;
  n.kernel.strideX = finalStride;
}

}  // namespace inferscope::estimate::detail
