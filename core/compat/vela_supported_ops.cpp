// Vela 3.10's supported-operator rules for resize, elementwise, slices, pad, mean, reshape, arg max,
// LSTM, rsqrt and transpose.
#include <cmath>

#include "core/compat/vela_rules.h"

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {

std::string q(std::string_view name) { return "'" + std::string(name) + "'"; }
std::string pyBool(bool b) { return b ? "True" : "False"; }

Outcome resize(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  bool align = c.opts().getBool("align_corners", false);
  auto detail = "Op has ifm_shape=" + shapeOf(i) + ", ofm_shape=" + shapeOf(o) + " and align_corners=" + pyBool(align);
  const util::CheapText hint = "upscale by 2x, 4x or 8x equally in height and width (or keep the size)";
  if (!i || !o || i->shape.size() < 3 || o->shape.size() < 3) return Fail{detail, hint};
  if (i->shape.size() != 4) return Fail{detail, hint};
  double ih = i->shape[1], iw = i->shape[2], oh = o->shape[1], ow = o->shape[2];
  if ((ih == 1 && iw == 1) || i->shape == o->shape) return std::nullopt;
  double fh, fw;
  if (align) {
    if (ih == 1 || iw == 1) return Fail{detail, hint};
    fh = (oh - 1) / (ih - 1);
    fw = (ow - 1) / (iw - 1);
  } else {
    fh = oh / ih;
    fw = ow / iw;
  }
  if (fh == fw && (fh == 2.0 || fh == 4.0 || fh == 8.0)) return std::nullopt;
  return Fail{detail, hint};
}

Outcome resizeSize(const OpCtx& c) {
  const auto* o = c.ofm();
  auto size = c.inputCount() == 2 ? constInts(c.in(1)) : std::nullopt;
  std::string h = "None", w = "None";
  bool ok = false;
  if (size && size->size() == 2) {
    h = std::to_string((*size)[0]);
    w = std::to_string((*size)[1]);
    ok = o && o->shape.size() > 2 && (*size)[0] == o->shape[1] && (*size)[1] == o->shape[2];
  }
  if (ok) return std::nullopt;
  return Fail{"Op has size=" + h + "x" + w + " and ofm_shape=" + shapeOf(o) + ".",
              "give the resize a constant size equal to the output's height and width"};
}

Outcome resizeAttrs(const OpCtx& c) {
  if (!(c.opts().getBool("align_corners", false) && c.opts().getBool("half_pixel_centers", false))) return std::nullopt;
  return Fail{"Op has both align_corners and half_pixel_centers set to True.",
              "set only one of align_corners and half_pixel_centers"};
}

Outcome halfPixel(const OpCtx& c) {
  bool hpc = c.opts().getBool("half_pixel_centers", false);
  if (!hpc) return std::nullopt;
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  bool ok = false;
  if (i && o && i->shape.size() >= 3 && o->shape.size() >= 3) {
    double ih = i->shape[i->shape.size() - 3], iw = i->shape[i->shape.size() - 2];
    double oh = o->shape[o->shape.size() - 3], ow = o->shape[o->shape.size() - 2];
    ok = (ih == 1 && iw == 1) || (oh / ih == 2 && ow / iw == 2);
  }
  if (ok) return std::nullopt;
  return Fail{"Op has ifm_shape=" + shapeOf(i) + ", ofm_shape=" + shapeOf(o) + " and half_pixel_centers=True",
              "with half_pixel_centers, upscale by exactly 2x (or turn half_pixel_centers off)"};
}

Outcome broadcast(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* i2 = c.ifm2();
  const auto* o = c.ofm();
  if (!i || !i2 || !o) return std::nullopt;
  const auto& a = i->shape;
  const auto& b = i2->shape;
  const auto& s = o->shape;
  auto size = std::min(a.size(), b.size());
  // Python's x[-0:] is the whole list; zip stops at the shortest.
  auto tail = [&](const Dims& v) {
    if (size == 0) return v;
    return v.size() >= size ? Dims(v.end() - static_cast<std::ptrdiff_t>(size), v.end()) : v;
  };
  auto ta = tail(a), tb = tail(b), ts = tail(s);
  auto n = std::min({ta.size(), tb.size(), ts.size()});
  for (std::size_t k = 0; k < n; ++k) {
    auto x = ta[k], y = tb[k], z = ts[k];
    if (!(x == y || x == 1 || y == 1) || z != std::max(x, y))
      return Fail{"Op has ifm_shape=" + pyList(a) + " and ifm2_shape=" + pyList(b),
                  "broadcast only along dimensions of size 1"};
  }
  return std::nullopt;
}

Outcome matchingQuant(const OpCtx& c) {
  std::vector<std::string> bad;
  const auto* o = c.ofm();
  if (!quantEqual(o, c.ifm())) bad.emplace_back(c.ifm() ? c.ifm()->name : "None");
  if (c.ifm2() && !quantEqual(o, c.ifm2())) bad.emplace_back(c.ifm2()->name);
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has tensors with different quantization parameters to the OFM " + q(o ? o->name : "None") + ": " +
                  joinNames(bad),
              "give both inputs and the output the same scale and zero point"};
}

Outcome ssStrides(const OpCtx& c) {
  auto v = constInts(c.in(3));
  bool ok = v.has_value();
  if (v)
    for (auto s : *v) ok = ok && s == 1;
  if (ok) return std::nullopt;
  return Fail{"Op has strides values " + (v ? npArray(*v) : std::string("None")),
              "use stride 1 (slice, then subsample with a strided convolution or pooling)"};
}

Outcome ssOffset(const OpCtx& c) {
  bool off = c.opts().getBool("offset", false);
  if (!off) return std::nullopt;
  return Fail{"Op has offset=True", "set offset to false"};
}

Outcome padShape(const OpCtx& c) {
  const auto* p = c.in(1);
  if (p && p->shape.size() == 2 && (p->shape[0] == 3 || p->shape[0] == 4) && p->shape[1] == 2) return std::nullopt;
  return Fail{"The pad tensor has the shape: " + shapeOf(p), "pad a 3-D or 4-D tensor"};
}

Outcome padDims(const OpCtx& c) {
  const auto* p = c.in(1);
  auto v = constInts(p);
  if (!p || !v || p->shape.size() != 2 || p->shape[1] != 2 || v->size() < 2) return Fail{"The pad tensor is invalid", ""};
  auto rows = v->size() / 2;
  auto row = [&](std::size_t r) { return std::vector<std::int64_t>{(*v)[2 * r], (*v)[2 * r + 1]}; };
  bool ok = (*v)[2 * (rows - 1)] + (*v)[2 * (rows - 1) + 1] == 0;
  if (ok && rows > 3) ok = (*v)[0] + (*v)[1] == 0;
  if (ok) return std::nullopt;
  return Fail{"First dimension padding: " + npArray(row(0)) + ", last dimension padding: " + npArray(row(rows - 1)),
              "pad only height and width (pad channels with a concatenation of zeros instead)"};
}

Outcome padType(const OpCtx& c) {
  const auto* p = c.in(1);
  if (p && (p->dtype == DType::INT32 || p->dtype == DType::INT64)) return std::nullopt;
  return Fail{"Tensor " + q(p ? p->name : "None") + " has data type: " + dt(p), "use int32 paddings"};
}

std::vector<std::int64_t> meanAxes(const OpCtx& c) {
  auto v = constInts(c.in(1));
  return v ? *v : std::vector<std::int64_t>{};
}

Outcome meanProduct(const OpCtx& c) {
  const auto* x = c.in(0);
  const auto* i = c.ifm();
  if (!x) return Fail{"Op has no input", ""};
  std::int64_t prod = 1;
  for (auto ax : meanAxes(c))
    if (ax >= 0 && static_cast<std::size_t>(ax) < x->shape.size()) prod *= x->shape[static_cast<std::size_t>(ax)];
  std::int64_t maxProd = 1LL << 24;
  std::string type = "int8";
  if (i && i->dtype == DType::INT16) {
    maxProd = 1LL << 16;
    type = "int16";
  } else if (i && i->dtype == DType::UINT8) {
    maxProd = 1LL << 23;
    type = "uint8";
  }
  if (prod <= maxProd) return std::nullopt;
  return Fail{"Datatype is " + type + ", product of axes is " + std::to_string(prod),
              "reduce over fewer elements (split the mean into several smaller ones)"};
}

Outcome meanWidth(const OpCtx& c) {
  const auto* x = c.in(0);
  if (!x || x->shape.size() < 2) return Fail{"Op has no 2-D input", ""};
  std::size_t hi = x->shape.size() < 4 ? 0 : 1;
  auto w = x->shape[hi + 1];
  if (w <= 4096) return std::nullopt;
  return Fail{"Width is " + std::to_string(w), "keep the input width within 4096"};
}

Outcome meanDepth(const OpCtx& c) {
  const auto* x = c.in(0);
  if (!x || x->shape.empty()) return Fail{"Op has no input", ""};
  auto axes = meanAxes(c);
  auto last = static_cast<std::int64_t>(x->shape.size()) - 1;
  bool depth = false;
  for (auto a : axes) depth = depth || a == last;
  if (!depth || x->shape.back() <= 4096) return std::nullopt;
  return Fail{"Depth is " + std::to_string(x->shape.back()) + ", shape is " + pyList(x->shape) + ", axis is " +
                  pyList64(axes),
              "keep the reduced depth within 4096"};
}

Outcome reshapeConst(const OpCtx& c) {
  // A shape input must be produced by nothing or by a constant (a folded SHAPE counts as one).
  const auto* s = c.inputCount() > 1 ? c.in(1) : nullptr;
  if (!s || s->producer == Producer::Const) return std::nullopt;
  return Fail{"Op has non-const input(s): " + std::string(s->name),
              "make the new shape a constant (or give RESHAPE only its new_shape option)"};
}

Outcome argmaxAxis(const OpCtx& c) {
  const auto* x = c.in(0);
  auto dims = x ? static_cast<std::int64_t>(x->shape.size()) : 0;
  const auto* a = c.in(1);
  auto v = constInts(a);
  bool ok = v && v->size() == 1 && ((*v)[0] == dims - 1 || (*v)[0] == -1);
  if (ok) return std::nullopt;
  std::string av = !v ? "None" : (a->shape.empty() ? std::to_string(v->empty() ? 0 : (*v)[0]) : npArray(*v));
  return Fail{"Axis is " + av + " and number of input dimensions is " + std::to_string(dims),
              "take the arg max along the last (depth) axis"};
}

Outcome argmaxDepth(const OpCtx& c) {
  const auto* x = c.in(0);
  auto d = x && !x->shape.empty() ? x->shape.back() : 0;
  if (d <= 127) return std::nullopt;
  return Fail{"IFM depth is " + std::to_string(d), "keep the depth within 127"};
}

bool present(const OpCtx& c, std::size_t i) { return c.in(i) != nullptr; }

Outcome lstmCifg(const OpCtx& c) {
  bool cifg = true;
  for (std::size_t i : {2, 3, 4, 6, 7, 8}) cifg = cifg && present(c, i);
  cifg = cifg && !present(c, 1) && !present(c, 5);
  if (!cifg) return std::nullopt;
  return Fail{"Op uses CIFG", "use an LSTM without coupled input and forget gates"};
}

Outcome lstmPeephole(const OpCtx& c) {
  for (std::size_t i = 9; i < 12; ++i)
    if (present(c, i)) return Fail{"Op uses peephole", "use an LSTM without peephole connections"};
  return std::nullopt;
}

Outcome lstmProjection(const OpCtx& c) {
  for (std::size_t i = 16; i < 18; ++i)
    if (present(c, i)) return Fail{"Op uses projection", "use an LSTM without projection"};
  return std::nullopt;
}

Outcome lstmNorm(const OpCtx& c) {
  for (std::size_t i = 20; i < 24; ++i)
    if (present(c, i)) return Fail{"Op uses normalisation", "use an LSTM without layer normalisation"};
  return std::nullopt;
}

Outcome lstmWeights(const OpCtx& c) {
  for (std::size_t i = 1; i < 9; ++i)
    if (!present(c, i)) return Fail{"Op has missing weights", "give the LSTM all input and recurrent weights"};
  return std::nullopt;
}

Outcome lstmWeightDims(const OpCtx& c) {
  for (std::size_t i = 5; i < 9; ++i) {
    const auto* t = c.in(i);
    if (!t || t->shape.size() != 2) return Fail{"Op recurrent weights are not 2D", ""};
  }
  return std::nullopt;
}

Outcome rsqrtInt8(const OpCtx& c) {
  const auto* i = c.ifm();
  if (i && i->dtype == DType::INT8) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i), "quantize the input to int8"};
}

Outcome sliceConst(const OpCtx& c) {
  if (c.inputCount() != 3) return Fail{"Op has " + std::to_string(c.inputCount()) + " inputs", ""};
  std::vector<std::string> bad;
  const auto* b = c.in(1);
  const auto* s = c.in(2);
  if (!b || !b->hasValues) bad.emplace_back("Begin tensor " + q(b ? b->name : "None"));
  if (!s || !s->hasValues) bad.emplace_back("Size tensor " + q(s ? s->name : "None"));
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has non-constant tensors: " + joinNames(bad), "make begin and size constants"};
}

Outcome transpose(const OpCtx& c) {
  const auto* x = c.in(0);
  const auto* p = c.in(1);
  auto v = constInts(p);
  const auto& s = x ? x->shape : Dims{};
  bool ok = s.size() == 2;
  auto perm = v ? *v : std::vector<std::int64_t>{};
  bool p3 = p && p->shape == Dims{3} && perm.size() == 3;
  bool p4 = p && p->shape == Dims{4} && perm.size() == 4;
  if (!ok && p3) ok = perm[0] == 1 && perm[1] == 0;
  if (!ok && p3 && s.size() > 0 && s[0] == 1) ok = perm[1] == 2 && perm[2] == 1;
  if (!ok && p3 && s.size() > 1 && s[1] == 1) ok = perm[0] == 2 && perm[2] == 0;
  if (!ok && p4) ok = perm[0] == 0 && perm[1] == 2 && perm[2] == 1;
  if (!ok && p4 && s.size() > 1 && s[1] == 1) ok = perm[0] == 0 && perm[2] == 3 && perm[3] == 2;
  if (!ok && p4 && s.size() > 2 && s[2] == 1) ok = perm[0] == 0 && perm[1] == 3 && perm[3] == 1;
  if (ok) return std::nullopt;
  return Fail{"Op has ifm_shape: " + pyList(s) + " and permutation is: " + (v ? npArray(*v) : std::string("None")),
              "keep the model in NHWC layout (convert NCHW inputs before export) or swap only H and W"};
}

const Rule kResize{"resize.scale",
                   "The width and height of the IFM and OFM must match one of the following criteria:\n"
                   "        IFM W and H must both be 1\n"
                   "        IFM must match OFM\n"
                   "        W and H scaling must be equal and OFM W-1 and H-1 must be 2x/4x/8x IFM W-1 and H-1, if "
                   "align_corners is True\n"
                   "        W and H scaling must be equal and OFM W and H must be 2x/4x/8x IFM W and H, if align_corners "
                   "is False",
                   resize};
const Rule kResizeSize{"resize.size", "The size tensor must match the output tensor shape", resizeSize};
const Rule kResizeAttrs{"resize.attrs", "Both align_corners and half_pixel_centers can't be True", resizeAttrs};
const Rule kHalfPixel{"resize.half_pixel_centers",
                      "For half_pixel_centers the width and height of the IFM and OFM must match one of the following "
                      "criteria:\n"
                      "        IFM W and H are both 1\n"
                      "        OFM W and H is 2x IFM W and H",
                      halfPixel};
const Rule kBroadcast{"elementwise.broadcast",
                      "Broadcasting is only allowed for rank indices with dimension 1, from either IFM1 or IFM2",
                      broadcast};
const Rule kMatchQuant{"minmax.quantization",
                       "Both Input quantization parameters must match OFM quantization parameters", matchingQuant};
const Rule kSsStrides{"strided_slice.strides", "All Strides values must be 1", ssStrides};
const Rule kSsOffset{"strided_slice.offset", "Offset attribute must be False", ssOffset};
const Rule kPadShape{"pad.shape", "The padding tensor must have the shape [3,2] or [4,2]", padShape};
const Rule kPadDims{"pad.dimensions", "The pad tensor can only pad width and height", padDims};
const Rule kPadType{"pad.type", "Pad tensor must be of type: int32, int64", padType};
const Rule kMeanProduct{"mean.product",
                        "Product of reduced axes must be no greater than:\n"
                        "        - 16777216 for signed 8-bit inputs.\n"
                        "        - 8388608 for unsigned 8-bit inputs.\n"
                        "        - 65536 for signed 16-bit inputs.",
                        meanProduct};
const Rule kMeanWidth{"mean.width", "If Width axis is reduced its shape must be no greater than 4096.", meanWidth};
const Rule kMeanDepth{"mean.depth", "If Depth axis is reduced its shape must be no greater than 4096.", meanDepth};
const Rule kReshapeConst{"reshape.shape_constant", "Shape must be constant", reshapeConst};
const Rule kArgmaxAxis{"argmax.axis", "Operation must be performed along the depth axis", argmaxAxis};
const Rule kArgmaxDepth{"argmax.depth", "IFM depth must be no greater than 127", argmaxDepth};
const Rule kLstmCifg{"lstm.cifg", "Must not use CIFG", lstmCifg};
const Rule kLstmPeep{"lstm.peephole", "Must not use Peephole", lstmPeephole};
const Rule kLstmProj{"lstm.projection", "Must not use Projection", lstmProjection};
const Rule kLstmNorm{"lstm.normalisation", "Must not use Normalisation", lstmNorm};
const Rule kLstmWeights{"lstm.weights", "All input and recurrent weights must be available", lstmWeights};
const Rule kLstmWeightDims{"lstm.weight_rank", "All recurrent weights must be 2D", lstmWeightDims};
const Rule kRsqrt{"rsqrt.int8", "IFM must be int8", rsqrtInt8};
const Rule kSliceConst{"slice.constant", "Begin and Size Input tensors must be constant", sliceConst};
const Rule kTranspose{"transpose.permutation",
                      "The following shape/permutations are supported for transpose:\n"
                      "        When ifm rank is 2: WxC -> CxW\n"
                      "        When ifm rank is 3: HxWxC -> WxHxC, 1xWxC -> 1xCxW, Hx1xC -> Cx1xH\n"
                      "        When ifm rank is 4: 1xHxWxC -> 1xWxHxC, 1x1xWxC -> 1x1xCxW, 1xHx1xC -> 1xCx1xW",
                      transpose};

}  // namespace

std::vector<const Rule*> supportedSpecificMore(BuiltinOp code) {
  switch (code) {
    case BuiltinOp::RESIZE_BILINEAR: return {&kResize, &kResizeSize, &kResizeAttrs, &kHalfPixel};
    case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: return {&kResize, &kResizeSize, &kResizeAttrs};
    case BuiltinOp::MINIMUM: case BuiltinOp::MAXIMUM: return {&kMatchQuant, &kBroadcast};
    case BuiltinOp::ADD: case BuiltinOp::SUB: case BuiltinOp::MUL: return {&kBroadcast};
    case BuiltinOp::STRIDED_SLICE: return {&kSsStrides, &kSsOffset};
    case BuiltinOp::PAD: return {&kPadShape, &kPadDims, &kPadType};
    case BuiltinOp::MEAN: return {&kMeanProduct, &kMeanWidth, &kMeanDepth};
    case BuiltinOp::RESHAPE: return {&kReshapeConst};
    case BuiltinOp::ARG_MAX: return {&kArgmaxAxis, &kArgmaxDepth};
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
      return {&kLstmCifg, &kLstmPeep, &kLstmProj, &kLstmNorm, &kLstmWeights, &kLstmWeightDims};
    case BuiltinOp::RSQRT: return {&kRsqrt};
    case BuiltinOp::SLICE: return {&kSliceConst};
    case BuiltinOp::TRANSPOSE: return {&kTranspose};
    default: return {};
  }
}

}  // namespace inferscope::compat::vela
