// Internal: kernels and weights of convolution-like operators as Vela rewrites them (see
// lowering_kernels.cpp), shared by the operator lowering.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/estimate/npu_graph.h"
#include "core/model/ir.h"

namespace inferscope::estimate::detail {

// The weights of an NPU operation in Vela's OHWI layout, read from `t` (or synthetic when null).
NpuWeights weightsOf(const model::Tensor* t, WeightKind kind, std::int32_t o, std::int32_t h, std::int32_t w,
                     std::int32_t i, std::uint64_t key);
// Dilations above the hardware's 2 built into a spread kernel with zeros (fixup_dilation_gt2).
void dilateKernel(NpuOp& n, const model::Tensor* t, bool depthwise);
bool isMacOp(NpuOpType t);
bool is8bit(const model::Tensor* t);
// Rounds a non-power-of-two upscale factor up for the count of x2 steps.
std::int32_t log2Steps(std::int32_t factor);
// A stride or dilation option, at least 1 (the schema's default is 0 when a converter leaves it out).
std::int32_t stride(const model::Operator& op, std::string_view key);
// Kernel size, strides and dilations of a convolution-like operator.
void setKernel(NpuOp& n, const model::Operator& op, std::int32_t h, std::int32_t w);
std::int32_t neededTotalPadding(std::int32_t input, std::int32_t stride, std::int32_t filter);
// Vela's fixup_strided_conv (first operator, or strides above 3).
void fixupStridedConv(NpuOp& n, const model::Operator& op, std::int32_t opIndex);

}  // namespace inferscope::estimate::detail
