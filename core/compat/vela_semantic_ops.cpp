// Vela 3.10's per-type semantic rules for strided slice, fully connected, pad, hard swish, mean,
// arg max, LSTM, exp and transpose.
#include "core/compat/vela_rules.h"

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {

std::string q(std::string_view name) { return "'" + std::string(name) + "'"; }

Outcome ssInputCount(const OpCtx& c) {
  if (c.inputCount() == 4) return std::nullopt;
  return Fail{"Op has " + std::to_string(c.inputCount()) + " inputs", "give STRIDED_SLICE its begin, end and strides"};
}

Outcome ssInputsConst(const OpCtx& c) {
  std::vector<std::string> bad;
  const char* labels[] = {"Begin", "End", "Stride"};
  for (std::size_t i = 1; i <= 3; ++i) {
    const auto* t = c.in(i);
    if (!t || !t->hasValues) bad.emplace_back(std::string(labels[i - 1]) + " tensor " + q(t ? t->name : "None"));
  }
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has non-constant tensors: " + joinNames(bad), "make begin, end and strides constants"};
}

Outcome ssEllipsis(const OpCtx& c) {
  auto m = c.opts().getInt("ellipsis_mask", 0);
  if (m == 0) return std::nullopt;
  return Fail{"Op has ellipsis mask as: " + std::to_string(m), "spell the slice out without an ellipsis"};
}

Outcome ssAxisMasks(const OpCtx& c) {
  auto n = c.opts().getInt("new_axis_mask", 0);
  auto s = c.opts().getInt("shrink_axis_mask", 0);
  if (n == 0 || s == 0) return std::nullopt;
  return Fail{"Op has new_axis_mask=" + std::to_string(n) + " and shrink_axis_mask=" + std::to_string(s),
              "split the slice and the axis insertion into two operators"};
}

Outcome ssRanges(const OpCtx& c) {
  const auto* x = c.in(0);
  auto begin = constInts(c.in(1));
  auto end = constInts(c.in(2));
  if (!x || !begin || !end) return Fail{"Op has non-constant begin or end", ""};
  auto rank = x->shape.size();
  if (begin->size() < rank || end->size() < rank) return Fail{"Op has too few begin/end values", ""};
  auto bm = c.opts().getInt("begin_mask", 0);
  auto em = c.opts().getInt("end_mask", 0);
  auto sm = c.opts().getInt("shrink_axis_mask", 0);
  bool ok = true;
  for (std::size_t i = 0; i < rank; ++i) {
    std::int64_t dim = x->shape[i];
    std::int64_t b = 0, e = dim;
    if (!(bm & (1LL << i))) {
      b = (*begin)[i];
      if (b < 0) b += dim;
    }
    if (!(em & (1LL << i))) {
      e = (*end)[i];
      if (e < 0) e += dim;
    }
    if (sm & (1LL << i)) continue;
    if (e <= b) ok = false;
  }
  if (ok) return std::nullopt;
  return Fail{"Op has begin_values=" + npArray(*begin) + " and end_values=" + npArray(*end),
              "use end values greater than the begin values"};
}

Outcome fcOutput2d(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* w = c.weights();
  const auto* o = c.ofm();
  if (!i || !w || w->shape.size() < 2) return Fail{"Op has non-2D output tensor " + q(o ? o->name : "None"), ""};
  auto d2 = static_cast<std::int64_t>(w->shape[w->shape.size() - 2]);
  auto n = i->elements();
  bool ok = d2 != 0 && (n / d2) * d2 == n && i->shape.size() != 1;
  if (ok) return std::nullopt;
  return Fail{"Op has non-2D output tensor " + q(o ? o->name : "None"),
              "reshape the input so that its element count is a multiple of the input features (and not 1-D)"};
}

Outcome fcKeepDims(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!c.opts().getBool("keep_num_dims", false)) return std::nullopt;
  if (i && o && i->shape.size() == o->shape.size()) return std::nullopt;
  return Fail{"Op has ifm shape=" + shapeOf(i) + " and ofm shape=" + shapeOf(o),
              "set keep_num_dims to false or keep the ranks equal"};
}

Outcome padInputCount(const OpCtx& c) {
  if (c.inputCount() == 2) return std::nullopt;
  return Fail{"Op has " + std::to_string(c.inputCount()) + " inputs", "use PAD with exactly input and paddings"};
}

Outcome padConstant(const OpCtx& c) {
  const auto* p = c.in(1);
  if (p && p->hasValues) return std::nullopt;
  return Fail{"Op has non-constant padding tensor: None", "make the paddings a constant"};
}

Outcome padOutputShape(const OpCtx& c) {
  const auto* x = c.in(0);
  const auto* p = c.in(1);
  const auto* o = c.ofm();
  auto v = constInts(p);
  if (!x || !p || !o || !v) return Fail{"Op has no padding values", ""};
  auto rows = p->shape.empty() ? 0 : static_cast<std::size_t>(p->shape[0]);
  std::vector<std::int64_t> actual;
  bool ok = p->shape.size() == 2 && p->shape[1] == 2 && v->size() == rows * 2 && rows == x->shape.size() &&
            rows == o->shape.size();
  if (p->shape.size() == 2 && p->shape[1] == 2 && v->size() == rows * 2 && rows == x->shape.size())
    for (std::size_t r = 0; r < rows; ++r) actual.push_back(x->shape[r] + (*v)[2 * r] + (*v)[2 * r + 1]);
  if (ok)
    for (std::size_t r = 0; r < rows; ++r) ok = ok && actual[r] == o->shape[r];
  if (ok) return std::nullopt;
  return Fail{"Op has wrong output tensor shape: " + pyList(o->shape) + ", has shape: " + npArray(actual),
              "fix the output shape to input + paddings"};
}

Outcome input8bit(const OpCtx& c) {
  const auto* i = c.ifm();
  if (i && (i->dtype == DType::INT8 || i->dtype == DType::UINT8)) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i), "quantize the input to int8"};
}

Outcome inputSigned(const OpCtx& c) {
  const auto* i = c.ifm();
  if (i && (i->dtype == DType::INT8 || i->dtype == DType::INT16)) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i), "quantize the input to int8 or int16"};
}

Outcome argmaxOutput(const OpCtx& c) {
  const auto* o = c.ofm();
  if (o && (o->dtype == DType::INT32 || o->dtype == DType::INT64)) return std::nullopt;
  return Fail{"Op has ofm_dtype=" + dt(o), "use an int32 output"};
}

Outcome inOutTypes(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (i && o && i->dtype == o->dtype) return std::nullopt;
  return Fail{"Op has ifm_dtype=" + dt(i) + " and ofm_dtype=" + dt(o), "use the same data type for input and output"};
}

Outcome meanDims(const OpCtx& c) {
  const auto* x = c.in(0);
  auto d = x ? x->shape.size() : 0;
  if (d >= 2 && d <= 4) return std::nullopt;
  return Fail{"Input is " + std::to_string(d) + "D", "reshape the input to 2-4 dimensions"};
}

Outcome meanAxis(const OpCtx& c) {
  const auto* x = c.in(0);
  auto axis = constInts(c.in(1));
  if (!x || !axis) return Fail{"Op has a non-constant axis", "make the reduction axes a constant"};
  const auto& s = x->shape;
  auto dims = static_cast<std::int64_t>(s.size());
  bool ok = true;
  for (auto ax : *axis) {
    if (ax < 0 || ax >= dims)
      return Fail{"Axis parameter is out of bounds. axis: {axis}, dims: {dims}. ",
                  "use non-negative axis values (e.g. 1 and 2 instead of -3 and -2)"};
    if (dims == 4 && ax == 0 && s[0] != 1) { ok = false; break; }
    if (dims == 3 && ax == 2 && !(s[0] == 1 || s[1] == 1 || s[2] == 1)) { ok = false; break; }
    if (dims == 4 && ax == 3 && !(s[1] == 1 || s[2] == 1 || s[3] == 1)) { ok = false; break; }
  }
  if (ok) return std::nullopt;
  return Fail{"Shape is " + pyList(s) + ", Axis is " + pyList64(*axis) + ".",
              "reduce over height and width (or over depth only when H, W or C is 1)"};
}

Outcome lstmDims(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (i && o && i->shape.size() == 3 && o->shape.size() == 3) return std::nullopt;
  return Fail{"Op has ifm shape " + shapeOf(i) + " and ofm shape " + shapeOf(o), "use 3-D input and output"};
}

Outcome lstmInputs(const OpCtx& c) {
  if (c.inputCount() == 24) return std::nullopt;
  return Fail{"Op has " + std::to_string(c.inputCount()) + " inputs", ""};
}

Outcome lstmIntermediates(const OpCtx& c) {
  if (c.op().intermediates == 5) return std::nullopt;
  return Fail{"Op has " + std::to_string(c.op().intermediates) + " intermediates",
              "convert the LSTM with full-integer quantization (which adds the 5 intermediate tensors)"};
}

Outcome lstmVariables(const OpCtx& c) {
  std::vector<std::string> bad;
  for (std::size_t i = 18; i < 20 && i < c.inputCount(); ++i) {
    const auto* t = c.in(i);
    if (!t || !t->isVariable()) bad.emplace_back(t ? t->name : "None");
  }
  if (bad.empty()) return std::nullopt;
  return Fail{"Op has non-variable state tensor(s): " + joinNames(bad), "make the state tensors variables"};
}

Outcome permSize(const OpCtx& c) {
  const auto* x = c.in(0);
  const auto* p = c.in(1);
  auto dims = x ? x->shape.size() : 0;
  if (p && p->shape.size() == 1 && static_cast<std::size_t>(p->shape[0]) == dims) return std::nullopt;
  return Fail{"Op has ifm_dimension=" + std::to_string(dims) + " and permutation shape " + shapeOf(p), ""};
}

Outcome permValues(const OpCtx& c) {
  const auto* x = c.in(0);
  auto dims = x ? static_cast<std::int64_t>(x->shape.size()) : 0;
  auto v = constInts(c.in(1));
  bool ok = v.has_value();
  if (v)
    for (auto p : *v) ok = ok && p >= 0 && p < dims;
  if (ok) return std::nullopt;
  return Fail{"Op has ifm_dimension=" + std::to_string(dims) + " and permutation values are: " + (v ? npArray(*v) : "None"),
              "make the permutation a constant"};
}

const Rule kSsCount{"semantic.strided_slice_inputs", "Exactly 4 Input tensors are required", ssInputCount};
const Rule kSsConst{"semantic.strided_slice_const", "Begin, End and Stride Input tensors must be constant", ssInputsConst};
const Rule kSsEllipsis{"semantic.strided_slice_ellipsis", "ellipsis_mask must be 0", ssEllipsis};
const Rule kSsMasks{"semantic.strided_slice_masks", "new_axis_mask and shrink_axis_mask cannot both be set", ssAxisMasks};
const Rule kSsRanges{"semantic.strided_slice_ranges", "Slice 'end' values must be greater than 'begin' values", ssRanges};
const Rule kFc2d{"semantic.fc_2d", "The output tensor(s) must have 2D shape", fcOutput2d};
const Rule kFcKeep{"semantic.fc_keep_dims",
                   "The IFM and OFM must have the same number of dimensions if keep_num_dims is set to true", fcKeepDims};
const Rule kPadCount{"semantic.pad_inputs", "Number of input tensors must be exactly 2", padInputCount};
const Rule kPadConst{"semantic.pad_constant", "The padding tensor must be constant", padConstant};
const Rule kPadShape{"semantic.pad_output_shape", "Shape of output tensor must equal to size of input tensor plus padding",
                     padOutputShape};
const Rule kInput8{"semantic.ifm_8bit", "IFM must be int8 or uint8", input8bit};
const Rule kInputSigned{"semantic.ifm_signed", "IFM must be int8 or int16", inputSigned};
const Rule kArgmaxOut{"semantic.argmax_output", "OFM must be int32 or int64", argmaxOutput};
const Rule kInOutTypes{"semantic.in_out_types", "IFM and OFM data types must match", inOutTypes};
const Rule kMeanDims{"semantic.mean_rank", "Input tensor must be at least 2D", meanDims};
const Rule kMeanAxis{"semantic.mean_axis",
                     "Requirements for axis parameter:\n"
                     "        When IFM tensor is 2D:\n"
                     "          - Reduction in both axes is supported.\n"
                     "        When IFM tensor is 3D or 4D:\n"
                     "          - Reduction in Batch axis is only supported if batch size is 1.\n"
                     "          - Reduction in both Height and Width axes is supported.\n"
                     "          - Reduction in Depth axis is supported if at least one of H,W,C are of size 1.",
                     meanAxis};
const Rule kLstmDims{"semantic.lstm_rank", "IFM and OFM must have 3D shape", lstmDims};
const Rule kLstmInputs{"semantic.lstm_inputs", "Must have 24 input tensors", lstmInputs};
const Rule kLstmInter{"semantic.lstm_intermediates", "Must have 5 intermediate tensors", lstmIntermediates};
const Rule kLstmVars{"semantic.lstm_state", "State tensors must be variable", lstmVariables};
const Rule kPermSize{"semantic.transpose_perm_shape", "Permutation array must be a 1D tensor with RANK(IFM) elements",
                     permSize};
const Rule kPermValues{"semantic.transpose_perm_values",
                       "Permutation array must have constant values in the range [0, RANK(IFM))", permValues};

}  // namespace

std::vector<const Rule*> semanticSpecificMore(BuiltinOp code) {
  switch (code) {
    case BuiltinOp::STRIDED_SLICE: return {&kSsCount, &kSsConst, &kSsEllipsis, &kSsMasks, &kSsRanges};
    case BuiltinOp::FULLY_CONNECTED: return {&kFc2d, &kFcKeep};
    case BuiltinOp::PAD: return {&kPadCount, &kPadConst, &kPadShape};
    case BuiltinOp::HARD_SWISH: return {&kInput8, &kInOutTypes};
    case BuiltinOp::MEAN: return {&kMeanDims, &kMeanAxis};
    case BuiltinOp::ARG_MAX: return {&kInput8, &kArgmaxOut};
    case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
      return {&kInputSigned, &kInOutTypes, &kLstmDims, &kLstmInputs, &kLstmInter, &kLstmVars};
    case BuiltinOp::EXP: return {&kInputSigned};
    case BuiltinOp::TRANSPOSE: return {&kPermSize, &kPermValues};
    default: return {};
  }
}

}  // namespace inferscope::compat::vela
