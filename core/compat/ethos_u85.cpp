// Ethos-U85: the NPU operator set and constraints Vela 4.5.0 documents for it (SUPPORTED_OPS.md,
// "Ethos-U85 TFLite Generic/Specific Constraints"; rule texts follow that document). Vela 4.x compiles U85 through its C++ core ("Regor"); its internal graph
// rewrites are not modelled, so these rules say what the documented constraints allow.
#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/compat/vela_rules.h"

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {

std::string q(std::string_view name) { return "'" + std::string(name) + "'"; }

std::vector<const VTensor*> featureMaps(const OpCtx& c) {
  std::vector<const VTensor*> v;
  for (const auto* t : {c.ifm(), c.ifm2(), c.ofm()})
    if (t) v.push_back(t);
  if (!c.ifm())
    for (const auto* t : c.inputs())
      if (!t->hasValues) v.push_back(t);
  return v;
}

Outcome u85Dtype(const OpCtx& c) {
  std::vector<std::string> bad;
  for (const auto* t : featureMaps(c)) {
    auto d = t->dtype;
    if (!(d == DType::BOOL || d == DType::INT16 || d == DType::INT32 || d == DType::INT64 || d == DType::INT8 ||
          d == DType::UINT8))
      bad.emplace_back("Tensor " + q(t->name) + " has data type: " + pyDtype(d));
  }
  if (bad.empty()) return std::nullopt;
  return Fail{joinNames(bad), "quantize the model to int8/int16"};
}

Outcome u85HasIo(const OpCtx& c) {
  if (!c.inputs().empty() && c.ofm()) return std::nullopt;
  return Fail{"Op has no input or no output feature map", ""};
}

Outcome u85ConstShape(const OpCtx& c) {
  std::vector<std::string> bad;
  auto check = [&](const VTensor* t) {
    if (!t || !t->t) return;
    const auto& sig = t->t->shapeSignature;
    for (std::size_t i = 1; i < sig.size(); ++i)
      if (sig[i] < 0) {
        bad.emplace_back("Tensor " + q(t->name) + " has shape signature: " + pyList(sig));
        return;
      }
  };
  for (const auto* t : c.inputs()) check(t);
  for (const auto* t : c.outputs()) check(t);
  if (bad.empty()) return std::nullopt;
  return Fail{joinNames(bad), "give every dimension but the batch a static size"};
}

bool quantExempt(BuiltinOp code) {
  switch (code) {
    case BuiltinOp::SELECT_V2: case BuiltinOp::PADV2: case BuiltinOp::SELECT: case BuiltinOp::EXPAND_DIMS:
    case BuiltinOp::REDUCE_ANY: case BuiltinOp::PAD: case BuiltinOp::REDUCE_ALL: case BuiltinOp::SCATTER_ND:
    case BuiltinOp::ARG_MAX: case BuiltinOp::QUANTIZE: case BuiltinOp::GATHER: case BuiltinOp::TRANSPOSE:
    case BuiltinOp::MIRROR_PAD:
      return true;
    default:
      return false;
  }
}

Outcome u85Quant(const OpCtx& c) {
  if (quantExempt(c.code())) return std::nullopt;
  std::vector<std::string> bad;
  for (const auto* t : c.roleTensors())
    if (!t->hasQuant() && t->dtype != DType::BOOL) bad.emplace_back(t->name);
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has tensors with missing quantization parameters: " + joinNames(bad),
              "quantize the model to int8 (or int16 activations) with full-integer quantization"};
}

Outcome u85PerAxis(const OpCtx& c) {
  auto code = c.code();
  if (code == BuiltinOp::CONV_2D || code == BuiltinOp::DEPTHWISE_CONV_2D || code == BuiltinOp::TRANSPOSE_CONV ||
      code == BuiltinOp::FULLY_CONNECTED)
    return std::nullopt;
  std::vector<std::string> bad;
  for (const auto* t : c.roleTensors())
    if (t->perAxis()) bad.emplace_back(t->name);
  if (bad.empty()) return std::nullopt;
  return Fail{"The following tensor(s) have per-axis quantization parameters: " + joinNames(bad),
              "quantize this operator per-tensor"};
}

bool zpExempt(BuiltinOp code) {
  return code == BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM || code == BuiltinOp::DIV ||
         code == BuiltinOp::AVERAGE_POOL_2D || code == BuiltinOp::RESIZE_BILINEAR ||
         code == BuiltinOp::RESIZE_NEAREST_NEIGHBOR;
}

Outcome u85ZeroPoints(const OpCtx& c) {
  if (zpExempt(c.code())) return std::nullopt;
  std::vector<std::string> bad;
  auto zps = [](const VTensor* t) {
    const auto* qp = t ? t->quant() : nullptr;
    return qp ? qp->zeroPoint : std::vector<std::int64_t>{};
  };
  for (const auto* t : {c.ifm(), c.ifm2()}) {
    for (auto z : zps(t)) {
      bool ok = t->dtype == DType::INT8 ? (z >= -128 && z <= 127)
                : t->dtype == DType::UINT8 ? (z >= 0 && z <= 255)
                : t->dtype == DType::UINT16 ? (z == 0 || z == 32768)
                : z == 0;
      if (!ok) {
        bad.emplace_back("Tensor " + q(t->name) + " has zero point: " + std::to_string(z));
        break;
      }
    }
  }
  if (const auto* o = c.ofm())
    for (auto z : zps(o)) {
      bool ok = isSignedInt(o->dtype) ? (z >= -128 && z <= 127) : (z >= 0 && z <= 255) || z == 32768;
      if (!ok) {
        bad.emplace_back("Tensor " + q(o->name) + " has zero point: " + std::to_string(z));
        break;
      }
    }
  if (bad.empty()) return std::nullopt;
  return Fail{joinNames(bad), "use zero points within the data type's range (0 for int16)"};
}

bool weighted(BuiltinOp code) {
  return code == BuiltinOp::CONV_2D || code == BuiltinOp::DEPTHWISE_CONV_2D || code == BuiltinOp::TRANSPOSE_CONV ||
         code == BuiltinOp::FULLY_CONNECTED;
}

Outcome u85Bias(const OpCtx& c) {
  const auto* b = c.bias();
  if (!b) return std::nullopt;
  if (!b->hasValues) return Fail{"Tensor " + q(b->name) + " has non-constant values", "make the bias constant"};
  if (b->dtype != DType::INT32 && b->dtype != DType::INT64)
    return Fail{"Tensor " + q(b->name) + " has data type: " + pyDtype(b->dtype), "use an int32 or int64 bias"};
  if (b->dtype == DType::INT64)
    for (auto v : b->ints())
      if (std::llabs(v) >= (1LL << 48) - 1)
        return Fail{"Tensor " + q(b->name) + " has values larger than 48-bits", "keep bias values within 48 bits"};
  return std::nullopt;
}

Outcome u85Weights(const OpCtx& c) {
  const auto* w = c.weights();
  if (!w) return Fail{"Op has no weights", ""};
  if (model::dtypeBits(w->dtype) != 8) return Fail{"Tensor " + q(w->name) + " is " + std::to_string(model::dtypeBits(w->dtype)) + "-bit", "quantize the weights to int8"};
  if (!w->hasValues) return std::nullopt;
  if (w->shape.empty()) return std::nullopt;
  std::int64_t zp = 0;
  if (const auto* qp = w->quant(); qp && qp->zeroPoint.size() == 1) zp = qp->zeroPoint[0];
  auto o = static_cast<std::size_t>(std::max(1, w->shape.back()));
  const auto* i = c.ifm();
  std::int64_t limit = i && model::dtypeBits(i->dtype) == 16 ? 2130706432LL : 8323072LL;
  std::vector<std::int64_t> sums;
  auto fast = channelAbsSums(*w, o, {zp}, limit);
  if (fast.status == ChannelSums::Empty || fast.status == ChannelSums::WithinLimit) return std::nullopt;
  if (fast.status == ChannelSums::Summed) {
    sums = std::move(fast.sums);
  } else {
    auto v = w->ints();
    if (v.empty()) return std::nullopt;
    sums.assign(o, 0);
    for (std::size_t k = 0; k < v.size(); ++k) sums[k % o] += std::llabs(v[k] - zp);
  }
  auto worst = *std::max_element(sums.begin(), sums.end());
  if (worst <= limit) return std::nullopt;
  return Fail{"Tensor " + q(w->name) + " has the sum of weights: " + std::to_string(worst),
              "reduce the magnitude or number of weights per output channel"};
}

Outcome u85PoolKernel(const OpCtx& c) {
  auto w = c.kernelW(), h = c.kernelH();
  bool valid = c.padding() != "SAME";
  if (c.code() == BuiltinOp::AVERAGE_POOL_2D && !valid) {
    if (w >= 1 && w <= 8 && h >= 1 && h <= 8) return std::nullopt;
    return Fail{"Op has kernel filter WxH as: " + std::to_string(w) + "x" + std::to_string(h),
                "use a pool size of at most 8x8 with SAME padding (or VALID padding)"};
  }
  if (w * h <= 65536 && h <= 256) return std::nullopt;
  return Fail{"Op has kernel filter WxH as: " + std::to_string(w) + "x" + std::to_string(h),
              "keep the pool height within 256 and its area within 65536"};
}

Outcome u85Constant(const OpCtx& c) {
  std::vector<std::string> bad;
  for (std::size_t i = 1; i < c.inputCount(); ++i)
    if (const auto* t = c.in(i); t && !t->hasValues) bad.emplace_back(t->name);
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has non-constant parameter tensor(s): " + joinNames(bad), "make the parameters constants"};
}

Outcome u85MeanRule(const OpCtx& c) {
  const auto* x = c.in(0);
  auto axes = constInts(c.in(1));
  if (!x || !axes) return Fail{"Op has a non-constant axis", "make the reduction axes a constant"};
  if (!(x->dtype == DType::INT8 || x->dtype == DType::UINT8 || x->dtype == DType::INT16))
    return Fail{"Op has ifm_dtype=" + pyDtype(x->dtype), "quantize the input to int8 or int16"};
  std::int64_t prod = 1;
  auto rank = static_cast<std::int64_t>(x->shape.size());
  for (auto a : *axes) {
    if (a < 0) a += rank;
    if (a < 0 || a >= rank) return Fail{"Axis is out of range", ""};
    prod *= x->shape[static_cast<std::size_t>(a)];
    if (x->shape[static_cast<std::size_t>(a)] >= 4096) return Fail{"Reduced axis is 4096 or more", "reduce smaller axes"};
  }
  std::int64_t lim = x->dtype == DType::INT16 ? 65536 : x->dtype == DType::UINT8 ? 8388608 : 16777216;
  if (prod > lim) return Fail{"Product of reduced axes is " + std::to_string(prod), "reduce over fewer elements"};
  return std::nullopt;
}

Outcome u85MinMaxQuant(const OpCtx& c) {
  if (quantEqual(c.ifm(), c.ofm()) && (!c.ifm2() || quantEqual(c.ifm2(), c.ofm()))) return std::nullopt;
  return Fail{"Op has inputs whose quantization differs from the OFM's", "give inputs and output the same quantization"};
}

Outcome u85Resize(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o || i->shape.size() != 4 || o->shape.size() != 4) return Fail{"Op has no 4-D IFM/OFM", ""};
  bool align = c.opts().getBool("align_corners", false);
  if (align && c.opts().getBool("half_pixel_centers", false))
    return Fail{"Op has both align_corners and half_pixel_centers set to True.", "set only one of them"};
  for (int d : {1, 2}) {
    auto in = i->shape[static_cast<std::size_t>(d)], out = o->shape[static_cast<std::size_t>(d)];
    if (in <= 0 || out % in != 0) return Fail{"Op has a non-integer scale factor", "upscale by an integer factor"};
    auto f = out / in;
    if (f > (align ? 2048 : 1024)) return Fail{"Op has scale factor " + std::to_string(f), "use a smaller scale factor"};
    if (c.code() == BuiltinOp::RESIZE_BILINEAR && (f & (f - 1)) != 0)
      return Fail{"Op has scale factor " + std::to_string(f), "upscale by a power of two"};
  }
  return std::nullopt;
}

Outcome u85Softmax(const OpCtx& c) {
  const auto* i = c.ifm();
  if (!i || i->shape.size() < 3) return std::nullopt;
  auto wh = static_cast<std::int64_t>(i->shape[i->shape.size() - 2]) * i->shape[i->shape.size() - 3];
  if (wh < 65536) return std::nullopt;
  return Fail{"Op has IFM width x height = " + std::to_string(wh), "keep the IFM's width x height below 65536"};
}

Outcome u85Split(const OpCtx& c) {
  auto n = c.opts().getInt("num_splits", static_cast<std::int64_t>(c.op().outputs.size()));
  if (n == static_cast<std::int64_t>(c.op().outputs.size())) return std::nullopt;
  return Fail{"Op has num_splits=" + std::to_string(n) + " and " + std::to_string(c.op().outputs.size()) + " outputs", ""};
}

Outcome u85TransposeRank(const OpCtx& c) {
  const auto* i = c.ifm();
  if (!i || i->shape.size() <= 8) return std::nullopt;
  return Fail{"Op has ifm rank " + std::to_string(i->shape.size()), "transpose tensors of rank 8 or less"};
}

Outcome u85Gather(const OpCtx& c) {
  if (c.opts().getInt("axis", 0) == c.opts().getInt("batch_dims", 0)) return std::nullopt;
  return Fail{"Op has axis=" + std::to_string(c.opts().getInt("axis", 0)) + " and batch_dims=" +
                  std::to_string(c.opts().getInt("batch_dims", 0)),
              "gather along the batch_dims axis"};
}

Outcome u85Lstm(const OpCtx& c) {
  for (std::size_t i : {9, 10, 11, 16, 17, 20, 21, 22, 23})
    if (c.in(i)) return Fail{"Op uses peephole, projection or normalisation", "use a plain LSTM"};
  if (!c.in(1) || !c.in(5)) return Fail{"Op uses CIFG", "use an LSTM with an input gate"};
  return std::nullopt;
}

Outcome u85Log(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o) return Fail{"Op has no IFM or OFM", ""};
  bool ok = i->dtype == o->dtype && (i->dtype == DType::INT8 || i->dtype == DType::INT16) && i->shape == o->shape;
  if (ok) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i) + ", ofm_dtype=" + dt(o) + ", ifm_shape=" + shapeOf(i) + " and ofm_shape=" + shapeOf(o),
              "use matching int8 or int16 input and output"};
}

Outcome u85Rsqrt(const OpCtx& c) {
  const auto* i = c.ifm();
  if (i && (i->dtype == DType::INT8 || i->dtype == DType::INT16)) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i), "quantize the input to int8 or int16"};
}

Outcome u85TconvShape(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o || i->shape.size() < 3 || o->shape.size() < 3) return Fail{"Op has no 4-D IFM/OFM", ""};
  auto sw = c.strideW(), sh = c.strideH(), kw = c.kernelW(), kh = c.kernelH();
  bool same = c.padding() == "SAME";
  auto want = [&](std::int64_t in, std::int64_t s, std::int64_t k) { return same ? in * s : in * s + std::max<std::int64_t>(k - s, 0); };
  if (o->shape[1] == want(i->shape[1], sh, kh) && o->shape[2] == want(i->shape[2], sw, kw)) return std::nullopt;
  return Fail{"Op has ifm_shape=" + shapeOf(i) + ", ofm_shape=" + shapeOf(o), "fix the output size"};
}

Outcome u85StridedSlice(const OpCtx& c) {
  auto strides = constInts(c.in(3));
  if (!strides) return std::nullopt;  // the constant-parameter rule reports it
  for (auto st : *strides)
    if (st < 0) return Fail{"Op has strides values " + npArray(*strides), "use non-negative strides"};
  return std::nullopt;
}

const Rule kLog{"u85.log", "IFM and OFM datatypes must match, and must be Int8 or Int16; IFM and OFM shapes must match", u85Log};
const Rule kRsqrt{"u85.rsqrt", "IFM must be Int8 or Int16", u85Rsqrt};
const Rule kTconvShape{"u85.transpose_conv_shape",
                       "Shape constraints: with SAME padding OFM must be equal to IFM * stride, otherwise to IFM * stride + "
                       "(kernel - stride)",
                       u85TconvShape};
const Rule kSsVolume{"u85.strided_slice", "Slice must represent a volume. Stride must be non-negative (and over W or H).",
                     u85StridedSlice};
const Rule kDtype{"u85.dtype", "Feature-map dataTypes must be one of {\"BOOL\", \"INT16\", \"INT32\", \"INT64\", \"INT8\", \"UINT8\"}", u85Dtype};
const Rule kIo{"u85.io", "Operations must have at least one IFM and at least one OFM.", u85HasIo};
const Rule kShape{"u85.constant_shape", "Only the first dimension of tensors can be dynamic.", u85ConstShape};
const Rule kQuant{"u85.quantization", "Input(s), Output and Weight tensors must have quantization parameters.", u85Quant};
const Rule kPerAxis{"u85.per_axis",
                    "Per-axis quantization is not supported (except for CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and "
                    "TRANSPOSE_CONV).",
                    u85PerAxis};
const Rule kZp{"u85.zero_points", "IFM and OFM zero points must be in the range of their data type (0 for int16).", u85ZeroPoints};
const Rule kBias{"u85.bias", "Bias tensors must be constant, Int32 or Int64, and an Int64 bias must be smaller than 281474976710655", u85Bias};
const Rule kWeights{"u85.weights", "Weight tensors must be 8-bit precision, and the sum of absolute weights cannot exceed 8323072 (8-bit IFM) or "
                   "2130706432 (16-bit IFM)", u85Weights};
const Rule kPool{"u85.pool_kernel", "Kernel constraints: with VALID padding the kernel product must be at most 256*256 and its height at most "
                "256, otherwise width and height at most 8", u85PoolKernel};
const Rule kConst{"u85.constant_params", "Parameter tensors must be constant", u85Constant};
const Rule kMean{"u85.mean", "Amount of reduced elements cannot exceed: 16777216(Int8), 8388608(UInt8), 65536(Int16); IFM precision "
                 "must be Int8, UInt8 or Int16; parameter tensors must be constant; reduced axis must be less than 4096",
                 u85MeanRule};
const Rule kMinMax{"u85.minmax_quant", "Both Input quantization parameters must match OFM quantization parameters",
                   u85MinMaxQuant};
const Rule kResize{"u85.resize", "Scale-factor must be an integer (a power of two for RESIZE_BILINEAR), at most 2048 with align_corners "
                   "and 1024 otherwise; align_corners and half_pixel_centers are mutually exclusive.",
                   u85Resize};
const Rule kSoftmax{"u85.softmax", "The product of IFM width and height must be less than 65536", u85Softmax};
const Rule kSplit{"u85.split", "num_splits must match the number of outputs.", u85Split};
const Rule kTranspose{"u85.transpose", "Tensor dimension must be <= 8", u85TransposeRank};
const Rule kGather{"u85.gather", "axis must be equal to batch_dims", u85Gather};
const Rule kLstm{"u85.lstm", "Gate normalization, implicit gate calculation, peephole and projection are not supported.", u85Lstm};

}  // namespace

bool npuSupportedTypeU85(BuiltinOp code) {
  static const std::set<BuiltinOp> ops = {
      BuiltinOp::ABS, BuiltinOp::ADD, BuiltinOp::ARG_MAX, BuiltinOp::AVERAGE_POOL_2D, BuiltinOp::BATCH_MATMUL,
      BuiltinOp::CAST, BuiltinOp::CONCATENATION, BuiltinOp::CONV_2D, BuiltinOp::DEPTHWISE_CONV_2D, BuiltinOp::DIV,
      BuiltinOp::EQUAL, BuiltinOp::EXP, BuiltinOp::EXPAND_DIMS, BuiltinOp::FULLY_CONNECTED, BuiltinOp::GATHER,
      BuiltinOp::GREATER, BuiltinOp::GREATER_EQUAL, BuiltinOp::HARD_SWISH, BuiltinOp::LEAKY_RELU,
      BuiltinOp::LESS_EQUAL, BuiltinOp::LOG, BuiltinOp::LOGICAL_AND, BuiltinOp::LOGICAL_NOT, BuiltinOp::LOGICAL_OR,
      BuiltinOp::LOGISTIC, BuiltinOp::MAXIMUM, BuiltinOp::MAX_POOL_2D, BuiltinOp::MEAN, BuiltinOp::MINIMUM,
      BuiltinOp::MIRROR_PAD, BuiltinOp::MUL, BuiltinOp::NOT_EQUAL, BuiltinOp::PACK, BuiltinOp::PAD, BuiltinOp::PADV2,
      BuiltinOp::PRELU, BuiltinOp::QUANTIZE, BuiltinOp::REDUCE_ALL, BuiltinOp::REDUCE_ANY, BuiltinOp::REDUCE_MAX,
      BuiltinOp::REDUCE_MIN, BuiltinOp::RELU, BuiltinOp::RELU6, BuiltinOp::RELU_0_TO_1, BuiltinOp::RELU_N1_TO_1,
      BuiltinOp::RESHAPE, BuiltinOp::RESIZE_BILINEAR, BuiltinOp::RESIZE_NEAREST_NEIGHBOR, BuiltinOp::REVERSE_V2,
      BuiltinOp::RSQRT, BuiltinOp::SCATTER_ND, BuiltinOp::SELECT, BuiltinOp::SELECT_V2, BuiltinOp::SLICE,
      BuiltinOp::SOFTMAX, BuiltinOp::SPLIT, BuiltinOp::SPLIT_V, BuiltinOp::SQUARED_DIFFERENCE, BuiltinOp::SQUEEZE,
      BuiltinOp::STRIDED_SLICE, BuiltinOp::SUB, BuiltinOp::SUM, BuiltinOp::TANH, BuiltinOp::TILE, BuiltinOp::TRANSPOSE,
      BuiltinOp::TRANSPOSE_CONV, BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM, BuiltinOp::UNPACK};
  return ops.count(code) > 0;
}

std::vector<const Rule*> supportedRulesU85(BuiltinOp code) {
  std::vector<const Rule*> r = {&kDtype, &kIo, &kShape, &kQuant, &kPerAxis, &kZp};
  if (weighted(code)) r.insert(r.end(), {&kBias, &kWeights});
  if (code == BuiltinOp::TRANSPOSE_CONV) r.push_back(&kTconvShape);
  switch (code) {
    case BuiltinOp::AVERAGE_POOL_2D: case BuiltinOp::MAX_POOL_2D: r.push_back(&kPool); break;
    case BuiltinOp::MEAN: r.push_back(&kMean); break;
    case BuiltinOp::MAXIMUM: case BuiltinOp::MINIMUM: r.push_back(&kMinMax); break;
    case BuiltinOp::PAD: case BuiltinOp::PADV2: case BuiltinOp::MIRROR_PAD: case BuiltinOp::SLICE:
      r.push_back(&kConst);
      break;
    case BuiltinOp::STRIDED_SLICE: r.insert(r.end(), {&kConst, &kSsVolume}); break;
    case BuiltinOp::LOG: r.push_back(&kLog); break;
    case BuiltinOp::RSQRT: r.push_back(&kRsqrt); break;
    case BuiltinOp::TRANSPOSE: r.insert(r.end(), {&kConst, &kTranspose}); break;
    case BuiltinOp::RESIZE_BILINEAR: case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: r.push_back(&kResize); break;
    case BuiltinOp::SOFTMAX: r.push_back(&kSoftmax); break;
    case BuiltinOp::SPLIT: case BuiltinOp::SPLIT_V: r.push_back(&kSplit); break;
    case BuiltinOp::GATHER: r.push_back(&kGather); break;
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM: r.push_back(&kLstm); break;
    default: break;
  }
  return r;
}

}  // namespace inferscope::compat::vela
