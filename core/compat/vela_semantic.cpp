// Vela 3.10's TFLite semantic checks (tflite_model_semantic.py), re-implemented: the generic rules
// every operator goes through and the per-type rules, in Vela's order and with its texts.
#include <cmath>
#include <limits>
#include <map>
#include <string_view>

#include "core/compat/vela_rules.h"

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {

std::string q(std::string_view name) { return "'" + std::string(name) + "'"; }

// ---- generic -------------------------------------------------------------------------------

Outcome attributes(const OpCtx& c) {
  const auto& m = c.op().missingAttrs;
  if (m.empty()) return std::nullopt;
  return Fail{"Op has missing attributes: " + joinNames(m),
              "give the operator its " + std::string(c.op().type == "CAST" ? "CastOptions" : "builtin options") +
                  " table (re-export the model with a current converter)"};
}

Outcome noDynamic(const OpCtx& c) {
  std::vector<std::string> names;
  for (auto tensors : {c.inputs(), c.outputs()})
    for (const auto* t : tensors)
      if (t->shape.empty() && !t->hasValues) names.emplace_back(t->name);
  if (names.empty()) return std::nullopt;
  return Fail{"Op has dynamic tensor(s): " + joinNames(names), "give every tensor a static, non-scalar shape"};
}

Outcome definedShape(const OpCtx&) { return std::nullopt; }  // shapes read from a file are always defined

Outcome outputScalar(const OpCtx& c) {
  const auto* o = c.ofm();
  if (!o || !o->shape.empty()) return std::nullopt;
  return Fail{"Output Tensor " + q(o->name) + " is scalar", "reshape the output to at least 1-D"};
}

bool shapelessInputOk(BuiltinOp code) {
  switch (code) {
    case BuiltinOp::ADD: case BuiltinOp::MUL: case BuiltinOp::SUB: case BuiltinOp::MINIMUM: case BuiltinOp::MAXIMUM:
    case BuiltinOp::SPLIT: case BuiltinOp::SPLIT_V: case BuiltinOp::MEAN: case BuiltinOp::EXPAND_DIMS:
    case BuiltinOp::QUANTIZE: case BuiltinOp::ARG_MAX:
      return true;
    default:
      return false;
  }
}

Outcome inputScalar(const OpCtx& c) {
  std::vector<std::string> names;
  for (const auto* t : c.inputs())
    if (t->shape.empty() && !shapelessInputOk(c.code())) names.emplace_back(t->name);
  if (names.empty()) return std::nullopt;
  return Fail{"Op has scalar input tensor(s): " + joinNames(names),
              "give the scalar operand a 1-element shape (e.g. [1]) so that it broadcasts"};
}

Outcome shapeSize(const OpCtx& c) {
  std::vector<std::string> parts;
  for (auto tensors : {c.inputs(), c.outputs()})
    for (const auto* t : tensors)
      if (t->shape.size() > 4) parts.push_back("Tensor " + q(t->name) + " has shape: " + pyList(t->shape));
  if (parts.empty()) return std::nullopt;
  return Fail{joinNames(parts), "reshape the tensors to 4 dimensions or fewer"};
}

Outcome quantNone(const OpCtx& c) {
  constexpr std::string_view kPrefix = "Op has tensors with missing quantization parameters: ";
  std::size_t length = 0;  // the names, comma-separated, after the prefix (sized first)
  for (const auto* t : c.roleTensors())
    if (!t->hasQuant()) length += (length == 0 ? kPrefix.size() : 2) + t->name.size();
  if (length == 0) return std::nullopt;
  std::string detail;
  detail.reserve(length);
  for (const auto* t : c.roleTensors()) {
    if (t->hasQuant()) continue;
    detail += detail.empty() ? kPrefix : std::string_view(", ");
    detail += t->name;
  }
  return Fail{std::move(detail),
              "quantize the model to int8 (or int16 activations with int8 weights) with full-integer "
              "post-training quantization"};
}

std::string scaleText(const model::Quantization& qp) {
  if (qp.scale.size() == 1) return pyFloat(qp.scale[0]);
  std::string s = "[";
  for (std::size_t i = 0; i < qp.scale.size(); ++i) {
    if (i) s += ' ';
    s += pyFloat(qp.scale[i]);
  }
  return s + "]";
}

Outcome quantScaleFinite(const OpCtx& c) {
  std::vector<std::string> parts;
  for (const auto* t : c.roleTensors()) {
    const auto* qp = t->quant();
    if (!qp || qp->scale.empty()) continue;
    bool inf = false;
    for (auto s : qp->scale) inf = inf || std::isinf(s);
    if (inf) parts.push_back("Tensor " + q(t->name) + " has quantization scale: " + scaleText(*qp));
  }
  if (parts.empty()) return std::nullopt;
  return Fail{joinNames(parts), "re-quantize with finite scales"};
}

Outcome quantScaleRange(const OpCtx& c) {
  const auto* o = c.ofm();
  if (!o || !o->isQuantized()) return std::nullopt;
  const auto& os = o->t->quant->scale;
  const float tiny = std::numeric_limits<float>::min();
  for (auto s : os)
    if (s < tiny)
      return Fail{"The quantization scale of the output tensor is " + scaleText(*o->t->quant) +
                      ", minimum supported is: 1.1754943508222875e-38",
                  "re-quantize the output with a larger scale"};
  const auto* i = c.ifm();
  if (i && i->isQuantized()) {
    const auto& is = i->t->quant->scale;
    auto n = std::max(is.size(), os.size());
    for (std::size_t k = 0; k < n; ++k) {
      float a = is[is.size() == 1 ? 0 : k % is.size()];
      float b = os[os.size() == 1 ? 0 : k % os.size()];
      if (std::isinf(a / b))
        return Fail{"IFM scale divided by OFM scale is infinite, ifm_scale=" + scaleText(*i->t->quant) +
                        " ofm_scale=" + scaleText(*o->t->quant),
                    "re-quantize so that the input and output scales are within float32 range of each other"};
    }
  }
  return std::nullopt;
}

Outcome noneConst(const OpCtx& c) {
  std::string last;
  bool bad = false;
  for (const auto* t : c.inputs())
    if (t->producer == Producer::Const && !t->hasValues) {
      bad = true;
      last = t->name;
    }
  if (!bad) return std::nullopt;
  return Fail{"Unexpected None value for constant tensor: " + last,
              "give the constant tensor its data (a tensor with no producer and no buffer is an invalid constant)"};
}

// ---- specific ------------------------------------------------------------------------------

Outcome pass(const OpCtx&) { return std::nullopt; }  // integer strides / dilations / filters

Outcome convGroupsDepth(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* w = c.weights();
  if (!i || !w || i->shape.empty() || w->shape.size() < 2) return Fail{"Op has no IFM or weights", ""};
  auto d = i->shape.back();
  auto k = w->shape[w->shape.size() - 2];
  if (k != 0 && d % k == 0) return std::nullopt;
  return Fail{"IFM depth = " + std::to_string(d) + " and filter kernel depth = " + std::to_string(k),
              "make the IFM depth a multiple of the kernel's input depth"};
}

Outcome convGroupsFilters(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* w = c.weights();
  if (!i || !w || i->shape.empty() || w->shape.size() < 2) return Fail{"Op has no IFM or weights", ""};
  auto d = i->shape.back();
  auto k = w->shape[w->shape.size() - 2];
  auto oc = w->shape.back();
  auto groups = k ? d / k : 0;
  if (groups != 0 && oc % groups == 0) return std::nullopt;
  return Fail{"Filter kernels = " + std::to_string(oc) + " and convolution groups = " + std::to_string(groups),
              "use a number of filters divisible by the number of groups"};
}

Outcome inOutTypes(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (i && o && i->dtype == o->dtype) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i) + " and ofm_dtype=" + dt(o),
              "use the same data type for input and output (requantize separately with a QUANTIZE op)"};
}

Outcome concatAxisExists(const OpCtx&) { return std::nullopt; }  // read with its options

Outcome concatAxisValid(const OpCtx& c) {
  const auto* o = c.ofm();
  auto dims = o ? static_cast<std::int64_t>(o->shape.size()) : 0;
  auto axis = c.opts().getInt("axis", 0);
  if (axis < 0) axis += dims;
  if (axis >= 0 && axis < dims) return std::nullopt;
  return Fail{"Op has ofm_dimensions=" + std::to_string(dims) + " and axis attribute is: " + std::to_string(axis),
              "use an axis within the output's rank"};
}

Outcome concatDimensionality(const OpCtx& c) {
  const auto* o = c.ofm();
  auto r = o ? o->shape.size() : 0;
  std::vector<std::string> bad;
  for (const auto* t : c.inputs())
    if (t->shape.size() != r) bad.emplace_back("Tensor " + q(t->name) + " has dimension: " + std::to_string(t->shape.size()));
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has ofm_dimension=" + std::to_string(r) + " and the list of mismatching inputs are: " + joinNames(bad),
              "give every input the output's rank"};
}

std::int64_t concatAxis(const OpCtx& c) {
  const auto* o = c.ofm();
  auto axis = c.opts().getInt("axis", 0);
  if (axis < 0 && o) axis += static_cast<std::int64_t>(o->shape.size());
  return axis;
}

Outcome concatDims(const OpCtx& c) {
  const auto* o = c.ofm();
  if (!o) return Fail{"Op has no output", ""};
  auto axis = concatAxis(c);
  std::vector<std::string> bad;
  for (const auto* t : c.inputs()) {
    bool mismatch = false;
    for (std::size_t d = 0; d < o->shape.size(); ++d)
      if (static_cast<std::int64_t>(d) != axis && (d >= t->shape.size() || t->shape[d] != o->shape[d])) mismatch = true;
    if (mismatch) bad.emplace_back("Tensor " + q(t->name) + " has shape: " + pyList(t->shape));
  }
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has axis=" + std::to_string(axis) + ", ofm_shape=" + pyList(o->shape) +
                  " and the list of mismatching inputs are: " + joinNames(bad),
              "make the inputs agree with the output on every axis but the concatenation axis"};
}

Outcome concatAxisSum(const OpCtx& c) {
  const auto* o = c.ofm();
  if (!o) return Fail{"Op has no output", ""};
  auto axis = concatAxis(c);
  std::int64_t sum = 0;
  std::vector<std::string> all;
  for (const auto* t : c.inputs()) {
    if (axis >= 0 && static_cast<std::size_t>(axis) < t->shape.size()) sum += t->shape[static_cast<std::size_t>(axis)];
    all.push_back("Tensor " + q(t->name) + " has shape: " + pyList(t->shape));
  }
  if (axis >= 0 && static_cast<std::size_t>(axis) < o->shape.size() && sum == o->shape[static_cast<std::size_t>(axis)])
    return std::nullopt;
  return Fail{"Op has axis=" + std::to_string(axis) + ", ofm_shape=" + pyList(o->shape) +
                  " and the list of mismatching inputs are: " + joinNames(all),
              "make the output's axis size the sum of the inputs'"};
}

Outcome eitherShape(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* i2 = c.ifm2();
  const auto* o = c.ofm();
  if (o && ((i && i->shape == o->shape) || (i2 && i2->shape == o->shape))) return std::nullopt;
  return Fail{"Op has ifm_shape=" + shapeOf(i) + ", ifm2_shape=" + shapeOf(i2) + " and ofm_shape=" + shapeOf(o),
              "make one input the output's full shape (broadcast the other explicitly if needed)"};
}

Outcome inputsTypes(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* i2 = c.ifm2();
  if (i && i2 && i->dtype == i2->dtype) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i) + " and ifm2_dtype=" + dt(i2), "give both inputs the same data type"};
}

Outcome signedOut(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o || !isSignedInt(i->dtype) || isSignedInt(o->dtype)) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i) + " and ofm_dtype=" + dt(o), "use a signed output type"};
}

Outcome unsignedOut(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o || !isUnsignedInt(i->dtype) || i->dtype == o->dtype || o->dtype == DType::INT32) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i) + " and ofm_dtype=" + dt(o), "use the input's type (or int32) for the output"};
}

Outcome inOutQuant(const OpCtx& c) {
  if (quantEqual(c.ifm(), c.ofm())) return std::nullopt;
  return Fail{"IFM and OFM quantisation parameters are not equal.",
              "give input and output the same scale and zero point"};
}

Outcome inOutElements(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (i && o && i->elements() == o->elements()) return std::nullopt;
  return Fail{"IFM " + shapeOf(i) + " and OFM " + shapeOf(o) + " number of elements are not equal.",
              "fix the output shape"};
}

Outcome sameShapes(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (i && o && i->shape == o->shape) return std::nullopt;
  return Fail{"Op has ifm_shape=" + shapeOf(i) + " and ofm_shape=" + shapeOf(o), "use the same shape in and out"};
}

Outcome beta(const OpCtx& c) {
  auto b = c.opts().getFloat("beta", 1.0);
  if (b >= 0) return std::nullopt;
  return Fail{"Op has beta=" + pyFloat(b), "use a non-negative beta"};
}

std::optional<std::int64_t> splitAxis(const OpCtx& c, std::int64_t dims) {
  auto v = constInts(c.in(0));
  if (!v || v->empty()) return std::nullopt;
  auto axis = (*v)[0];
  if (axis < 0) axis += dims;
  return axis;
}

Outcome splitAxisRule(const OpCtx& c) {
  const auto* x = c.in(1);
  auto dims = x ? static_cast<std::int64_t>(x->shape.size()) : 0;
  auto axis = splitAxis(c, dims);
  if (!axis) return Fail{"Op has a non-constant axis", "make the split axis a constant"};
  if (*axis >= 0 && *axis < dims) return std::nullopt;
  return Fail{"Op has ifm_dimensions=" + std::to_string(dims) + " and axis value is: " + std::to_string(*axis),
              "use an axis within the input's rank"};
}

Outcome splitNum(const OpCtx& c) {
  const auto* x = c.in(1);
  auto dims = x ? static_cast<std::int64_t>(x->shape.size()) : 0;
  auto axis = splitAxis(c, dims);
  auto n = c.opts().getInt("num_splits", 0);
  if (!axis || !x || *axis < 0 || *axis >= dims) return Fail{"Op has an invalid axis", ""};
  auto size = x->shape[static_cast<std::size_t>(*axis)];
  if (n != 0 && size % n == 0) return std::nullopt;
  return Fail{"Op has ifm shape=" + pyList(x->shape) + " axis=" + std::to_string(*axis) + " num_splits=" + std::to_string(n),
              "split into a number of parts that divides the axis"};
}

Outcome splitvInferred(const OpCtx& c) {
  auto v = constInts(c.in(1));
  if (!v) return Fail{"Op has non-constant sizes", "make the split sizes a constant"};
  int n = 0;
  for (auto x : *v) n += x == -1;
  if (n <= 1) return std::nullopt;
  return Fail{"Op has multiple inferred sizes (-1): " + npArray(*v), "give all sizes but one explicitly"};
}

}  // namespace

// Remaining specific semantic rules (strided slice, FC, pad, mean, LSTM, transpose ...).
std::vector<const Rule*> semanticSpecificMore(BuiltinOp code);

namespace {

const Rule kAttributes{"semantic.attributes", "All required operator attributes must be specified", attributes};
const Rule kNoDynamic{"semantic.dynamic", "Input(s) and Output tensors must not be dynamic", noDynamic};
const Rule kDefinedShape{"semantic.defined_shape", "Input(s) and Output tensors must have a defined shape", definedShape};
const Rule kOutputScalar{"semantic.output_scalar", "Output tensors cannot be scalar", outputScalar};
const Rule kInputScalar{"semantic.input_scalar",
                        "Scalar Input tensors are only valid for op type: ADD, ARG_MAX, EXPAND_DIMS, MAXIMUM, MEAN, "
                        "MINIMUM, MUL, QUANTIZE, SPLIT, SPLIT_V, SUB",
                        inputScalar};
const Rule kShapeSize{"semantic.rank", "Input(s) and Output tensors must not be greater than 4D", shapeSize};
const Rule kQuantNone{"semantic.quantization", "Input(s), Output and Weight tensors must have quantization parameters",
                      quantNone};
const Rule kQuantScale{"semantic.scale_finite",
                       "Input(s), Output and Weight tensors with quantization scales must be finite", quantScaleFinite};
const Rule kQuantScaleInf{"semantic.scale_range",
                          "Input and Output tensors must have quantization scales that fit within float32 precision",
                          quantScaleRange};
const Rule kNoneConst{"semantic.constant_values", "Constant tensors should not have NoneType-values", noneConst};

const Rule kStrideType{"semantic.stride_type", "Stride values for both width and height must be integer types", pass};
const Rule kGroupsDepth{"semantic.conv_groups_depth", "IFM depth must be a whole multiple of the filter kernel depth",
                        convGroupsDepth};
const Rule kGroupsFilters{"semantic.conv_groups_filters",
                          "Number of filter kernels must be equally divisible by the number of convolution groups",
                          convGroupsFilters};
const Rule kDilationType{"semantic.dilation_type",
                         "Dilation factor values for both width and height must be integer types", pass};
const Rule kInOutTypes{"semantic.in_out_types", "IFM and OFM data types must match", inOutTypes};
const Rule kFilterType{"semantic.filter_type", "Kernel filter values for both width and height must be integer types",
                       pass};
const Rule kAxisExists{"semantic.axis_exists", "Axis attribute must exist", concatAxisExists};
const Rule kAxisValid{"semantic.axis_valid", "Axis attribute must be in the range [0, <ofm_dimensions>)", concatAxisValid};
const Rule kDimensionality{"semantic.concat_rank", "All Input dimensionalities must match OFM dimensionality",
                           concatDimensionality};
const Rule kValidDims{"semantic.concat_dims",
                      "All Input dimensions must match OFM dimension in all axes except the one defined by the axis "
                      "attribute",
                      concatDims};
const Rule kValidDimsAxis{"semantic.concat_axis_sum",
                          "The size of the OFM axis must match the sum of all IFM axis defined by the axis attribute",
                          concatAxisSum};
const Rule kEitherShape{"semantic.either_shape", "At least one Input's shape must match the OFM's shape", eitherShape};
const Rule kInputsTypes{"semantic.inputs_types", "Both Input data types must match", inputsTypes};
const Rule kSigned{"semantic.signed", "For IFM that are signed, OFM must also be signed", signedOut};
const Rule kUnsigned{"semantic.unsigned", "For IFM that are unsigned, OFM must either be the same type or int32",
                     unsignedOut};
const Rule kInOutQuant{"semantic.in_out_quant", "Input and output quantisation must match.", inOutQuant};
const Rule kInOutElements{"semantic.in_out_elements", "Input and output number of elements must match.", inOutElements};
const Rule kSameShapes{"semantic.same_shapes", "IFM and OFM shapes must match", sameShapes};
const Rule kBeta{"semantic.beta", "Beta value needs to be positive", beta};
const Rule kSplitAxis{"semantic.split_axis", "Axis value must be in the range [-RANK(IFM) to +RANK(IFM))", splitAxisRule};
const Rule kSplitNum{"semantic.split_num", "Axis must be divisible by number of splits", splitNum};
const Rule kSplitvInferred{"semantic.splitv_inferred", "Only one size is allowed to be inferred", splitvInferred};

}  // namespace

std::vector<const Rule*> semanticRules(BuiltinOp code) {
  std::vector<const Rule*> r;
  r.reserve(24);
  bool skipQuant = code == BuiltinOp::SHAPE || code == BuiltinOp::ARG_MAX || code == BuiltinOp::TRANSPOSE;
  bool quantize = code == BuiltinOp::QUANTIZE;
  r.push_back(&kAttributes);
  if (!quantize) r.push_back(&kNoDynamic);
  r.push_back(&kDefinedShape);
  if (!quantize) r.push_back(&kOutputScalar);
  r.push_back(&kInputScalar);
  r.push_back(&kShapeSize);
  if (!skipQuant) r.push_back(&kQuantNone);
  r.push_back(&kQuantScale);
  r.push_back(&kQuantScaleInf);
  r.push_back(&kNoneConst);

  switch (code) {
    case BuiltinOp::CONV_2D:
      r.insert(r.end(), {&kStrideType, &kGroupsDepth, &kGroupsFilters, &kDilationType});
      break;
    case BuiltinOp::DEPTHWISE_CONV_2D:
      r.insert(r.end(), {&kStrideType, &kDilationType});
      break;
    case BuiltinOp::TRANSPOSE_CONV:
      r.push_back(&kStrideType);
      break;
    case BuiltinOp::AVERAGE_POOL_2D: case BuiltinOp::MAX_POOL_2D:
      r.insert(r.end(), {&kStrideType, &kInOutTypes, &kFilterType});
      break;
    case BuiltinOp::CONCATENATION:
      r.insert(r.end(), {&kAxisExists, &kAxisValid, &kDimensionality, &kValidDims, &kValidDimsAxis});
      break;
    case BuiltinOp::ABS: case BuiltinOp::LEAKY_RELU: case BuiltinOp::RSQRT:
    case BuiltinOp::MINIMUM: case BuiltinOp::MAXIMUM:
      r.insert(r.end(), {&kEitherShape, &kInOutTypes});
      break;
    case BuiltinOp::EXP:
      r.insert(r.end(), {&kEitherShape, &kInOutTypes});
      break;
    case BuiltinOp::ADD: case BuiltinOp::MUL: case BuiltinOp::SUB:
      r.insert(r.end(), {&kEitherShape, &kInputsTypes, &kSigned, &kUnsigned});
      break;
    case BuiltinOp::SQUARED_DIFFERENCE:
      r.push_back(&kEitherShape);
      break;
    case BuiltinOp::RESHAPE: case BuiltinOp::SQUEEZE: case BuiltinOp::EXPAND_DIMS:
      r.insert(r.end(), {&kInOutQuant, &kInOutElements});
      break;
    case BuiltinOp::SOFTMAX:
      r.insert(r.end(), {&kSameShapes, &kInOutTypes, &kBeta});
      break;
    case BuiltinOp::SPLIT:
      r.insert(r.end(), {&kSplitAxis, &kSplitNum});
      break;
    case BuiltinOp::SPLIT_V:
      r.push_back(&kSplitvInferred);
      break;
    default:
      break;
  }
  auto more = semanticSpecificMore(code);
  r.insert(r.end(), more.begin(), more.end());
  return r;
}

}  // namespace inferscope::compat::vela
