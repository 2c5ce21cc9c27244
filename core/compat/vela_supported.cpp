// Vela 3.10's NPU supported-operator checks (tflite_supported_operators.py), re-implemented: the
// NPU-capable types, the generic rules and the convolution, pooling and fully connected rules.
#include <algorithm>
#include <cstdlib>

#include "core/compat/vela_rules.h"

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {

std::string q(std::string_view name) { return "'" + std::string(name) + "'"; }

bool opDtypeOk(DType t) { return t == DType::UINT8 || t == DType::INT8 || t == DType::INT16 || t == DType::INT32; }

// Role tensors, or every input when there are none (Vela's fallback).
std::span<const VTensor* const> genericTensors(const OpCtx& c) {
  auto t = c.roleTensors();
  return t.empty() ? c.inputs() : t;
}

Outcome tensDtype(const OpCtx& c) {
  std::string bad;  // "Tensor 'name' has data type: float32", comma-separated
  for (const auto* t : genericTensors(c)) {
    if (opDtypeOk(t->dtype)) continue;
    bad += bad.empty() ? "Tensor '" : ", Tensor '";
    bad += t->name;
    bad += "' has data type: ";
    bad += pyDtype(t->dtype);
  }
  if (bad.empty()) return std::nullopt;
  return Fail{std::move(bad), "use int8 (or int16) tensors: quantize the model to integers"};
}

bool int32Allowed(BuiltinOp code) {
  return code == BuiltinOp::ADD || code == BuiltinOp::SUB || code == BuiltinOp::MUL || code == BuiltinOp::ARG_MAX ||
         code == BuiltinOp::SHAPE || code == BuiltinOp::TRANSPOSE;
}

Outcome tensInt32(const OpCtx& c) {
  std::vector<std::string> bad;
  for (const auto* t : genericTensors(c))
    if (t->dtype == DType::INT32 && !int32Allowed(c.code())) bad.emplace_back(t->name);
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has int32 tensor(s): " + joinNames(bad),
              "keep this operator's tensors in int8/int16 (int32 is only handled by ADD, SUB, MUL, ARG_MAX, SHAPE "
              "and TRANSPOSE)"};
}

Outcome tensDimension(const OpCtx& c) {
  std::vector<std::string> bad;
  for (const auto* t : genericTensors(c)) {
    bool ok = std::all_of(t->shape.begin(), t->shape.end(), [](std::int32_t d) { return d >= 1 && d <= 65535; });
    if (!ok) bad.emplace_back("Tensor " + q(t->name) + " has shape: " + pyList(t->shape));
  }
  if (bad.empty()) return std::nullopt;
  return Fail{joinNames(bad), "keep every dimension between 1 and 65535 (split large tensors)"};
}

bool perAxisAllowed(BuiltinOp code) {
  return code == BuiltinOp::CONV_2D || code == BuiltinOp::DEPTHWISE_CONV_2D || code == BuiltinOp::TRANSPOSE_CONV;
}

Outcome quantPerAxis(const OpCtx& c) {
  if (perAxisAllowed(c.code())) return std::nullopt;
  std::vector<std::string> bad;
  for (const auto* t : c.roleTensors())
    if (t->perAxis()) bad.emplace_back(t->name);
  if (bad.empty()) return std::nullopt;
  return Fail{"The following tensor(s) have per-axis quantization parameters: " + joinNames(bad),
              "quantize this operator per-tensor (e.g. per-tensor quantization for fully connected layers)"};
}

Outcome batchSize(const OpCtx& c) {
  std::vector<std::string> bad;
  for (const auto* t : {c.ifm(), c.ifm2()}) {
    if (!t) continue;
    std::int64_t b = t->shape.size() < 4 ? 1 : t->shape[0];
    if (b != 1) bad.emplace_back("Tensor " + q(t->name) + " has batch size: " + std::to_string(b));
  }
  if (bad.empty()) return std::nullopt;
  std::string d;
  for (std::size_t i = 0; i < bad.size(); ++i) d += (i ? "\n   " : "") + bad[i];
  return Fail{d, "run with batch size 1 (fold the batch into height or loop over it)"};
}

std::string velaActName(const std::string& tfl) {
  if (tfl == "SIGN_BIT") return "SignBit";
  if (tfl == "RELU") return "Relu";
  if (tfl == "RELU6") return "Relu6";
  if (tfl == "RELU_N1_TO_1") return "ReluN1To1";
  if (tfl == "TANH") return "Tanh";
  return tfl;
}

Outcome faf(const OpCtx& c) {
  const auto& a = c.op().activation;
  if (a.empty() || a == "RELU" || a == "RELU6" || a == "RELU_N1_TO_1" || a == "TANH") return std::nullopt;
  return Fail{"Op has its fused activation function as: " + velaActName(a),
              "fuse RELU, RELU6, RELU_N1_TO_1 or TANH instead, or apply the activation as a separate operator"};
}

Outcome fafType(const OpCtx& c) {
  const auto& a = c.op().activation;
  const auto* o = c.ofm();
  if (a.empty() || (o && (o->dtype == DType::INT8 || o->dtype == DType::UINT8 || o->dtype == DType::INT16)))
    return std::nullopt;
  return Fail{"Op has fused activation function " + a + ", and Output tensor data type: " + dt(o),
              "use an int8/uint8/int16 output, or move the activation to a separate operator"};
}

// ---- convolution ---------------------------------------------------------------------------

// Vela's calc_resize_factor: the stride the NPU ends up with after splitting a wide stride.
std::int64_t optimisedStride(std::int64_t ifmWidth, std::int64_t stride) {
  if (stride <= 1) return stride;
  if (ifmWidth % stride == 0) return 1;
  for (std::int64_t x : {2, 3})
    if (stride % x == 0 && ifmWidth % (stride / x) == 0) return x;
  return stride;
}

std::string strideDetail(const OpCtx& c) {
  return "Op has stride WxH as: " + std::to_string(c.strideW()) + "x" + std::to_string(c.strideH()) +
         ", ifm shape as: " + shapeOf(c.ifm()) + ", ofm shape as: " + shapeOf(c.ofm());
}

std::optional<bool> strideWideOk(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o || i->shape.size() < 3 || o->shape.size() < 3) return std::nullopt;
  auto sw = c.strideW(), sh = c.strideH();
  bool hOk = o->shape[1] == 1 || (sh >= 1 && sh <= 3);
  bool wOk = o->shape[2] == 1 || (sw >= 1 && optimisedStride(i->shape[2], sw) <= 3);
  return hOk && wOk;
}

Outcome strideWide(const OpCtx& c) {
  auto ok = strideWideOk(c);
  if (ok && *ok) return std::nullopt;
  return Fail{strideDetail(c), "use stride <= 3 in height; a wider stride in width needs an IFM width divisible by "
                               "it (or by stride/2 or stride/3)"};
}

Outcome strideNoPadding(const OpCtx& c) {
  auto ok = strideWideOk(c);
  auto pad = c.padding();
  bool padOk = pad.empty() || pad == "VALID" || c.strideW() <= 3;
  if (ok && *ok && padOk) return std::nullopt;
  return Fail{strideDetail(c) + ", padding: " + (pad.empty() ? std::string("None") : "Padding." + pad),
              "use VALID padding with stride width > 3, or stride <= 3"};
}

Outcome dwStride(const OpCtx& c) {
  auto w = c.strideW(), h = c.strideH();
  if (w >= 1 && w <= 3 && h >= 1 && h <= 3) return std::nullopt;
  return Fail{"Op has stride WxH as: " + std::to_string(w) + "x" + std::to_string(h), "use strides between 1 and 3"};
}

Outcome strideRange(const OpCtx& c) {
  auto w = c.strideW(), h = c.strideH();
  if (w >= 1 && w <= 3 && h >= 1 && h <= 3) return std::nullopt;
  return Fail{"Op has stride WxH as: " + std::to_string(w) + "x" + std::to_string(h), "use strides between 1 and 3"};
}

std::int64_t dilatedH(const OpCtx& c) { return (c.kernelH() - 1) * c.dilationH() + 1; }
std::int64_t dilatedW(const OpCtx& c) { return (c.kernelW() - 1) * c.dilationW() + 1; }

Outcome dilatedHeight(const OpCtx& c) {
  auto h = dilatedH(c);
  if (h >= 1 && h <= 64) return std::nullopt;
  return Fail{"Op has dilated kernel height as: " + std::to_string(h),
              "keep (kernel height - 1) x dilation + 1 within 64 (smaller kernel or dilation)"};
}

Outcome dilatedProduct(const OpCtx& c) {
  auto p = dilatedW(c) * dilatedH(c);
  if (p >= 1 && p <= 4096) return std::nullopt;
  return Fail{"Op has product of dilated kernel width and height as: " + std::to_string(p),
              "keep the dilated kernel area within 4096 (smaller kernel or dilation)"};
}

Outcome weights8bit(const OpCtx& c) {
  const auto* w = c.weights();
  if (!w) return Fail{"Op has no weights", ""};
  auto bits = model::dtypeBits(w->dtype) / 8 * 8;
  if (bits == 8) return std::nullopt;
  return Fail{"Tensor " + q(w->name) + " is " + std::to_string(bits) + "-bit", "quantize the weights to int8"};
}

Outcome weightsConst(const OpCtx& c) {
  const auto* w = c.weights();
  if (w && w->hasValues) return std::nullopt;
  return Fail{"Tensor " + q(w ? w->name : "None") + " has non-constant values",
              "make the weights constant (computed weights run on the CPU)"};
}

Outcome weightsLimit(const OpCtx& c) {
  const auto* w = c.weights();
  if (!w) return Fail{"Op has no weights", ""};
  if (w->shape.size() != 4) return std::nullopt;
  // HWIO: sum over H, W, I of |w - zero point| per output channel (numpy broadcasting of the zero
  // points against the last axis).
  std::vector<std::int64_t> zp = {0};
  if (const auto* qp = w->quant(); qp && !qp->zeroPoint.empty()) zp = qp->zeroPoint;
  constexpr std::int64_t kMax = 127LL * 65536;
  auto o = static_cast<std::size_t>(w->shape[3]);
  std::int64_t limit = 0;
  auto fast = channelAbsSums(*w, o, zp, kMax);
  switch (fast.status) {
    case ChannelSums::Empty: case ChannelSums::WithinLimit: return std::nullopt;
    case ChannelSums::Summed:
      for (auto s : fast.sums) limit = std::max(limit, s);
      break;
    case ChannelSums::Generic: {
      auto v = w->ints();
      if (v.empty()) return std::nullopt;
      auto n = std::max(o, zp.size());
      for (std::size_t k = 0; k < n; ++k) {
        std::int64_t sum = 0;
        auto oc = o > 1 ? k % o : 0;
        auto z = zp[zp.size() > 1 ? k % zp.size() : 0];
        for (std::size_t i = oc; i < v.size(); i += o) sum += std::llabs(v[i] - z);
        limit = std::max(limit, sum);
      }
      break;
    }
  }
  if (limit <= kMax) return std::nullopt;
  return Fail{"Tensor " + q(w->name) + " has the sum of weights: " + std::to_string(limit),
              "reduce the magnitude or number of weights per output channel (fewer input channels or a smaller "
              "kernel)"};
}

Outcome biasShape(const OpCtx& c) {
  const auto* b = c.bias();
  if (!b || b->shape.size() == 1) return std::nullopt;
  return Fail{"Tensor " + q(b->name) + " has shape: " + pyList(b->shape), "use a 1-D bias"};
}

Outcome biasType(const OpCtx& c) {
  const auto* b = c.bias();
  if (!b || b->dtype == DType::INT32 || b->dtype == DType::INT64) return std::nullopt;
  return Fail{"Tensor " + q(b->name) + " has data type: " + pyDtype(b->dtype), "use an int32 (or int64) bias"};
}

Outcome bias40bit(const OpCtx& c) {
  const auto* b = c.bias();
  if (!b || b->dtype != DType::INT64 || !b->hasValues) return std::nullopt;
  for (auto v : b->ints()) {
    // Python's len(bin(v)[2:]): the binary digits, plus one for the sign of a negative value.
    std::uint64_t mag = v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
    int bits = 0;
    while (mag) { ++bits; mag >>= 1; }
    if (bits == 0) bits = 1;
    if (v < 0) bits += 1;
    if (bits > 40) return Fail{"Tensor " + q(b->name) + " has values larger than 40-bits", "keep bias values within 40 bits"};
  }
  return std::nullopt;
}

Outcome depthMultiplier(const OpCtx& c) {
  auto m = c.depthMultiplier();
  if (m <= 1) return std::nullopt;
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o || i->shape.size() < 4 || o->shape.size() < 4) return Fail{"Op has no 4-D IFM/OFM", ""};
  auto ic = i->shape[3], oc = o->shape[3];
  if (ic == 1 && oc == m) return std::nullopt;
  return Fail{"Op has ifm_channels=" + std::to_string(ic) + ", ofm_channels=" + std::to_string(oc) +
                  " and depth_multiplier=" + std::to_string(m),
              "use depth multiplier 1 (or a single-channel input), e.g. as a regular CONV_2D"};
}

Outcome tconvStride(const OpCtx& c) {
  auto sw = c.strideW(), sh = c.strideH();
  auto kh = c.kernelH();
  const auto* i = c.ifm();
  std::int64_t ih = i && i->shape.size() > 1 ? i->shape[1] : 0;
  bool ok = (sw == 1 && sh == 1) || (sw == 2 && sh == 2) || (sw == 2 && sh == 1 && ih == 1 && kh == 1);
  if (ok) return std::nullopt;
  return Fail{"Op has ifm_height=" + std::to_string(ih) + ", kernel_height=" + std::to_string(kh) +
                  " and stride WxH as " + std::to_string(sw) + "x" + std::to_string(sh),
              "use stride 1x1 or 2x2"};
}

Outcome tconvSame(const OpCtx& c) {
  if (c.padding() != "SAME") return std::nullopt;
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  auto w = c.strideW(), h = c.strideH();
  if (i && o && i->shape.size() > 2 && o->shape.size() > 2 && o->shape[1] == i->shape[1] * h &&
      o->shape[2] == i->shape[2] * w)
    return std::nullopt;
  return Fail{"Op has ifm_shape=" + shapeOf(i) + ", ofm_shape=" + shapeOf(o) + " and stride WxH as " +
                  std::to_string(w) + "x" + std::to_string(h),
              "make the output size the input size times the stride"};
}

Outcome tconvValid(const OpCtx& c) {
  if (c.padding() != "VALID") return std::nullopt;
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  auto sw = c.strideW(), sh = c.strideH(), kw = c.kernelW(), kh = c.kernelH();
  if (i && o && i->shape.size() > 2 && o->shape.size() > 2 &&
      o->shape[1] == i->shape[1] * sh + std::max<std::int64_t>(kh - sh, 0) &&
      o->shape[2] == i->shape[2] * sw + std::max<std::int64_t>(kw - sw, 0))
    return std::nullopt;
  return Fail{"Op has ifm_shape=" + shapeOf(i) + ", ofm_shape=" + shapeOf(o) + ", stride WxH as " + std::to_string(sw) +
                  "x" + std::to_string(sh) + " and kernel WxH as " + std::to_string(kw) + "x" + std::to_string(kh),
              "fix the output size to input x stride + max(kernel - stride, 0)"};
}

Outcome filterRange(const OpCtx& c) {
  if (c.padding() != "SAME") return std::nullopt;
  auto w = c.kernelW(), h = c.kernelH();
  if (((w >= 1 && w <= 8) || c.strideW() == w) && h >= 1 && h <= 8) return std::nullopt;
  return Fail{"Op has kernel filter WxH as: " + std::to_string(w) + "x" + std::to_string(h),
              "use a pool size of at most 8x8 with SAME padding (or VALID padding)"};
}

Outcome filterHeight(const OpCtx& c) {
  auto h = c.kernelH();
  if (h >= 1 && h <= 256) return std::nullopt;
  return Fail{"Op has kernel filter height as: " + std::to_string(h), "use a pool height of at most 256"};
}

Outcome filterProduct(const OpCtx& c) {
  auto p = c.kernelW() * c.kernelH();
  if (p >= 1 && p <= 65536) return std::nullopt;
  return Fail{"Op has product of kernel filter width and height as: " + std::to_string(p),
              "use a pool area of at most 65536"};
}

// Vela stops with an error on pools whose IFM has fewer than 3 dimensions; they cannot be NPU operators.
Outcome poolRank(const OpCtx& c) {
  const auto* i = c.ifm();
  if (i && i->shape.size() >= 3) return std::nullopt;
  return Fail{"Tensor " + q(i ? i->name : "None") + " has shape: " + shapeOf(i), "pool over a 3-D or 4-D (NHWC) tensor"};
}

Outcome filterHeightValid(const OpCtx& c) { return c.padding() == "VALID" ? filterHeight(c) : std::nullopt; }
Outcome filterProductValid(const OpCtx& c) { return c.padding() == "VALID" ? filterProduct(c) : std::nullopt; }

const Rule kDtype{"generic.dtype", "Tensors must be of type: int16, int32, int8, uint8", tensDtype};
const Rule kInt32{"generic.int32",
                  "Tensors which are int32 are only valid when op type is: ADD, ARG_MAX, MUL, SHAPE, SUB, TRANSPOSE",
                  tensInt32};
const Rule kDimension{"generic.dimension", "Tensor dimensions must be in the range [1, 65535]", tensDimension};
const Rule kPerAxis{"generic.per_axis",
                    "Per-axis quantization is only supported for the following op types: CONV_2D, DEPTHWISE_CONV_2D, "
                    "TRANSPOSE_CONV",
                    quantPerAxis};
const Rule kBatch{"generic.batch", "IFM Tensor batch size must be 1", batchSize};
const Rule kFaf{"generic.fused_activation",
                "The fused activation function (if present) must be one of type: LOGISTIC, RELU, RELU6, RELU_N1_TO_1, TANH",
                faf};
const Rule kFafType{"generic.fused_activation_type",
                    "If a fused activation function is present, the Output tensor must be one of type: int16, int8, uint8",
                    fafType};

const Rule kStrideWide{"conv.stride",
                       "Strides must fulfil the following criteria:\n"
                       "        - Stride h must be between 1 and 3 when ofm height is greater than 1\n"
                       "        - Stride w must be between 1 and 3 when ofm height is greater than 1 or\n"
                       "          stride w must be divisible by 2 or 3 and ifm width must be divisible\n"
                       "          by stride_w/2 or stride_w/3",
                       strideWide};
const Rule kStrideNoPad{"avgpool.stride_padding",
                        "Stride width must be greater than or equal to 1.\n"
                        "        For stride width greater than 3, valid padding needs to be used.",
                        strideNoPadding};
const Rule kDwStride{"depthwise.stride", "Stride values for both width and height must be between 1 and 3", dwStride};
const Rule kStrideRange{"pool.stride", "Stride values for both width and height must be in the range [1, 3]", strideRange};
const Rule kDilH{"conv.dilated_height", "Dilated kernel height must be in the range [1, 64]", dilatedHeight};
const Rule kDilP{"conv.dilated_area", "Product of dilated kernel width and height must be in the range [1, 4096]",
                 dilatedProduct};
const Rule kW8{"weights.8bit", "Weight tensor must be 8-bit", weights8bit};
const Rule kWConst{"weights.constant", "Weight tensor must be constant", weightsConst};
const Rule kWLimit{"weights.sum", "The sum of the weights cannot exceed 8323072", weightsLimit};
const Rule kBiasShape{"bias.shape", "Optional Bias tensor must be of shape: 1D", biasShape};
const Rule kBiasType{"bias.type", "Optional Bias tensor must be of type: int32, int64", biasType};
const Rule kBias40{"bias.40bit", "Optional Bias tensor values must fit within 40-bits", bias40bit};
const Rule kDepthMult{"depthwise.multiplier",
                      "For depth multipliers > 1, IFM channels must be 1 and OFM channels must be equal to the depth "
                      "multiplier",
                      depthMultiplier};
const Rule kTconvStride{"transpose_conv.stride",
                        "Stride values for width and height must match one of the following criteria:\n"
                        "        Stride values WxH must be 1x1 or 2x2\n"
                        "        Stride WxH 2x1 supported if ifm height and kernel height = 1",
                        tconvStride};
const Rule kTconvSame{"transpose_conv.same",
                      "SAME padding: OFM dimensions must equal IFM dimensions multiplied by stride", tconvSame};
const Rule kTconvValid{"transpose_conv.valid",
                       "VALID padding: OFM dimensions must equal IFM dimensions multiplied by stride,\n"
                       "        minus difference between kernel size and stride",
                       tconvValid};
const Rule kPoolRank{"pool.rank", "IFM must have height and width dimensions (Vela 3.10 stops with an error otherwise)",
                     poolRank};
const Rule kFilterRange{"avgpool.kernel", "Kernel filter values for both width and height must be in the range [1, 8]",
                        filterRange};
const Rule kFilterHeight{"maxpool.kernel_height", "Kernel filter height must be in the range [1, 256]", filterHeight};
const Rule kFilterProduct{"maxpool.kernel_area", "Product of kernel filter width and height must be in the range [1, 65536]",
                          filterProduct};
const Rule kFilterHeightValid{"avgpool.kernel_height", "VALID padding: Kernel filter height must be in the range [1, 256]",
                              filterHeightValid};
const Rule kFilterProductValid{"avgpool.kernel_area",
                               "VALID padding: Product of kernel filter width and height must be in the range [1, 65536]",
                               filterProductValid};

}  // namespace

// Rules of the remaining NPU operator types (resize, elementwise, slices, pad, mean, ...).
std::vector<const Rule*> supportedSpecificMore(BuiltinOp code);

bool npuSupportedType(BuiltinOp code) {
  switch (code) {
    case BuiltinOp::ABS: case BuiltinOp::ADD: case BuiltinOp::ARG_MAX: case BuiltinOp::AVERAGE_POOL_2D:
    case BuiltinOp::CONCATENATION: case BuiltinOp::CONV_2D: case BuiltinOp::DEPTHWISE_CONV_2D: case BuiltinOp::EXP:
    case BuiltinOp::EXPAND_DIMS: case BuiltinOp::FULLY_CONNECTED: case BuiltinOp::HARD_SWISH:
    case BuiltinOp::LEAKY_RELU: case BuiltinOp::LOGISTIC: case BuiltinOp::MAXIMUM: case BuiltinOp::MAX_POOL_2D:
    case BuiltinOp::MEAN: case BuiltinOp::MINIMUM: case BuiltinOp::MUL: case BuiltinOp::PACK: case BuiltinOp::PAD:
    case BuiltinOp::PRELU: case BuiltinOp::QUANTIZE: case BuiltinOp::RELU: case BuiltinOp::RELU6:
    case BuiltinOp::RELU_N1_TO_1: case BuiltinOp::RESHAPE: case BuiltinOp::RESIZE_BILINEAR:
    case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: case BuiltinOp::RSQRT: case BuiltinOp::SHAPE: case BuiltinOp::SLICE:
    case BuiltinOp::SOFTMAX: case BuiltinOp::SPLIT: case BuiltinOp::SPLIT_V: case BuiltinOp::SQUARED_DIFFERENCE:
    case BuiltinOp::SQUEEZE: case BuiltinOp::STRIDED_SLICE: case BuiltinOp::SUB: case BuiltinOp::TANH:
    case BuiltinOp::TRANSPOSE: case BuiltinOp::TRANSPOSE_CONV: case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
    case BuiltinOp::UNPACK:
      return true;
    default:
      return false;
  }
}

std::vector<const Rule*> supportedRules(BuiltinOp code) {
  std::vector<const Rule*> r;
  r.reserve(24);
  if (code != BuiltinOp::ARG_MAX) r.push_back(&kDtype);
  r.insert(r.end(), {&kInt32, &kDimension, &kPerAxis});
  switch (code) {
    case BuiltinOp::FULLY_CONNECTED: case BuiltinOp::SOFTMAX: case BuiltinOp::RESHAPE: case BuiltinOp::SHAPE:
    case BuiltinOp::SQUEEZE: case BuiltinOp::SPLIT: case BuiltinOp::SPLIT_V: case BuiltinOp::STRIDED_SLICE:
    case BuiltinOp::SLICE: case BuiltinOp::UNPACK:
      break;
    default:
      r.push_back(&kBatch);
  }
  r.insert(r.end(), {&kFaf, &kFafType});
  switch (code) {
    case BuiltinOp::CONV_2D:
      r.insert(r.end(), {&kStrideWide, &kDilH, &kDilP, &kW8, &kWConst, &kWLimit, &kBiasShape, &kBiasType, &kBias40});
      break;
    case BuiltinOp::DEPTHWISE_CONV_2D:
      r.insert(r.end(), {&kDilH, &kDilP, &kW8, &kWConst, &kWLimit, &kBiasShape, &kBiasType, &kBias40, &kDwStride,
                         &kDepthMult});
      break;
    case BuiltinOp::TRANSPOSE_CONV:
      r.insert(r.end(), {&kDilH, &kDilP, &kW8, &kWConst, &kWLimit, &kBiasShape, &kBiasType, &kBias40, &kTconvStride,
                         &kTconvSame, &kTconvValid});
      break;
    case BuiltinOp::MAX_POOL_2D:
      r.insert(r.end(), {&kPoolRank, &kStrideRange, &kFilterHeight, &kFilterProduct});
      break;
    case BuiltinOp::AVERAGE_POOL_2D:
      r.insert(r.end(), {&kPoolRank, &kStrideWide, &kStrideNoPad, &kFilterRange, &kFilterHeightValid, &kFilterProductValid});
      break;
    case BuiltinOp::FULLY_CONNECTED:
      r.insert(r.end(), {&kW8, &kWConst, &kBiasShape, &kBiasType, &kBias40});
      break;
    default:
      break;
  }
  auto more = supportedSpecificMore(code);
  r.insert(r.end(), more.begin(), more.end());
  return r;
}

}  // namespace inferscope::compat::vela
