// OpCtx: how Vela derives tensor roles and kernel attributes of an operator.
#include <algorithm>

#include "core/compat/vela_rules.h"

namespace inferscope::compat::vela {

using model::BuiltinOp;
using model::DType;

namespace {
const VTensor* roleInput(const OpCtx& c, const std::vector<int>& idx, std::size_t k) {
  if (k >= idx.size()) return nullptr;
  return c.in(static_cast<std::size_t>(idx[k]));
}

bool convLike(BuiltinOp code) {
  return code == BuiltinOp::CONV_2D || code == BuiltinOp::DEPTHWISE_CONV_2D || code == BuiltinOp::TRANSPOSE_CONV;
}

}  // namespace

const VTensor* OpCtx::ifm() const { return roleInput(*this, rolesOf(code()).ifms, 0); }
const VTensor* OpCtx::ifm2() const { return roleInput(*this, rolesOf(code()).ifms, 1); }
const VTensor* OpCtx::weights() const {
  auto w = rolesOf(code()).weights;
  return w < 0 ? nullptr : in(static_cast<std::size_t>(w));
}
const VTensor* OpCtx::bias() const {
  auto b = rolesOf(code()).bias;
  return b < 0 ? nullptr : in(static_cast<std::size_t>(b));
}

OpCtx::OpCtx(const VGraph& g, const VOp& op) : g_(g), op_(op) {
  for (const auto* t : {ifm(), ifm2(), weights(), ofm()})
    if (t) roles_[roleCount_++] = t;
}

std::span<const VTensor* const> OpCtx::gather(TensorList& list, std::size_t n, const auto& get) {
  if (!list.ready) {
    list.ready = true;
    for (std::size_t i = 0; i < n; ++i)
      if (const VTensor* t = get(i)) list.tensors.push_back(t);
  }
  return {list.tensors.data(), list.tensors.size()};
}

std::span<const VTensor* const> OpCtx::inputs() const {
  return gather(inputs_, inputCount(), [this](std::size_t i) { return in(i); });
}

std::span<const VTensor* const> OpCtx::outputs() const {
  return gather(outputs_, op_.outputs.size(), [this](std::size_t i) { return out(i); });
}

std::int64_t OpCtx::strideW() const { return poolStridesFixed ? 1 : opts().getInt("stride_w", 1); }
std::int64_t OpCtx::strideH() const { return poolStridesFixed ? 1 : opts().getInt("stride_h", 1); }

// Vela's get_kernel_size: conv-like operators read it from the weights (HWIO after the reader's
// re-layout: H = dim -4, W = dim -3 of the shape padded to 4-D), pools from filter_height/width.
std::int64_t OpCtx::kernelH() const {
  if (convLike(code())) {
    if (const auto* w = weights()) {
      const auto& s = w->shape;  // padded with leading 1s to 4-D
      return s.size() >= 4 ? s[s.size() - 4] : 1;
    }
  }
  return opts().getInt("filter_height", 1);
}

std::int64_t OpCtx::kernelW() const {
  if (convLike(code())) {
    if (const auto* w = weights()) {
      const auto& s = w->shape;  // padded with leading 1s to 4-D
      return s.size() >= 3 ? s[s.size() - 3] : 1;
    }
  }
  return opts().getInt("filter_width", 1);
}

std::string OpCtx::padding() const {
  if (poolStridesFixed) return "VALID";
  return std::string(opts().getEnum("padding"));
}

std::int64_t OpCtx::depthMultiplier() const {
  auto m = opts().getInt("depth_multiplier", 1);
  if (code() == BuiltinOp::DEPTHWISE_CONV_2D && m == 0) {
    // Implicit multiplier: weight channels / IFM channels (weights are HWIO here).
    const auto* w = weights();
    const auto* x = ifm();
    if (w && x && w->shape.size() > 2 && !x->shape.empty() && x->shape.back() != 0)
      return w->shape[2] / x->shape.back();
  }
  return m;
}

std::string shapeOf(const VTensor* t) { return t ? pyList(t->shape) : "None"; }

template <class Names>
std::string joinAll(const Names& names) {
  std::size_t size = 0;
  for (const auto& n : names) size += n.size() + 2;
  std::string s;
  s.reserve(size);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += ", ";
    s += names[i];
  }
  return s;
}

std::string joinNames(const std::vector<std::string>& names) { return joinAll(names); }
std::string joinNames(const std::vector<std::string_view>& names) { return joinAll(names); }

std::string dt(const VTensor* t) { return t ? pyDtype(t->dtype) : "None"; }

bool isSignedInt(DType t) {
  return t == DType::INT4 || t == DType::INT8 || t == DType::INT16 || t == DType::INT32 || t == DType::INT64;
}

bool isUnsignedInt(DType t) {
  return t == DType::UINT8 || t == DType::UINT16 || t == DType::UINT32 || t == DType::UINT64;
}

bool quantEqual(const VTensor* a, const VTensor* b) {
  if (!a || !b || !a->isQuantized() || !b->isQuantized()) return false;
  const auto& qa = *a->t->quant;
  const auto& qb = *b->t->quant;
  return qa.scale == qb.scale && qa.zeroPoint == qb.zeroPoint;
}

std::optional<std::vector<std::int64_t>> constInts(const VTensor* t) {
  if (!t || !t->hasValues) return std::nullopt;
  auto v = t->ints();
  if (v.empty() && t->elements() != 0) return std::nullopt;
  return v;
}

}  // namespace inferscope::compat::vela
