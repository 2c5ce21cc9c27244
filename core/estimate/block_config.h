// Block-config search: the OFM/IFM block an NPU operation is processed in.
//
// Ethos-U55/U65: Vela 3.10's find_block_config (architecture_allocator) — an exhaustive search over
// OFM blocks on the micro-block grid, kept when the IFM and accumulator buffers fit the shared
// buffer (SHRAM) bank layout, ranked by IFM + weight refetch per OFM element.
// Ethos-U85: an approximation (clearly labelled): the micro-block is chosen like Vela 4 (regor:
// least padding waste among the micro-blocks the operation may use), the block must fit the
// accumulator and IFM RAMs, and the Vela 3 cost ranks the candidates. Vela 4's own search
// (AreaFit / elementwise tiling) is not reproduced.
#pragma once

#include <optional>

#include "core/estimate/arch.h"
#include "core/estimate/npu_graph.h"

namespace inferscope::estimate {

enum class AccumulatorType { Acc16, Acc32, Acc40 };  // Acc40 = 48-bit (Acc48) on U85

// Bank boundaries of the shared buffer (units of 1 KiB banks). Zero on U85.
struct ShramLayout {
  int ibStart = 0, ibEnd = 0, ibStart2 = 0, abStart = 0, lutStart = 0;
};

struct BlockConfig {
  Shape4 ofmBlock;  // as searched (not the Conv1D-fitted block)
  Shape4 ifmBlock;
  Shape4 ofmUblock;  // the micro-block the op runs with (arch.ofmUblock on U55/U65)
  AccumulatorType acc = AccumulatorType::Acc32;
  bool partKernel = false;  // part-kernel-first traversal (ConvolutionMxN/depthwise), else depth-first
  ShramLayout layout;
  bool approximate = false;  // true on U85
  // Vela's "old style" [ofm h, ofm w, ifm depth, ofm depth].
  std::array<int, 4> oldStyle() const { return {ofmBlock.h, ofmBlock.w, ifmBlock.c, ofmBlock.c}; }
};

// Everything the search looks at (Vela's find_block_config arguments).
struct BlockQuery {
  BlockType type = BlockType::ConvolutionMxN;
  Shape4 ofm, ifm;
  std::optional<Shape4> ifm2;
  bool usesScalar = false;  // an operand is a rank-0 tensor (elementwise only)
  int ifmBits = 8;
  Kernel kernel;
  int lutBanks = 0;         // 2 when the op uses a LUT activation
  bool acc40 = false;       // 40-bit accumulators (16-bit IFM, scaled, not pooling)
  Resampling resampling = Resampling::None;
};

// The query for an NPU operation (full IFM/OFM; a scheduler striping the op sets ofm/ifm itself).
BlockQuery blockQueryFor(const NpuOp& op);

// Vela's part-kernel vs depth-first choice for ConvolutionMxN (true = part-kernel first).
bool choosePartKernel(const Shape4& ifm, int ifmBits, const Kernel& kernel);

// The best block for the op, or nullopt when nothing fits (Vela then fails the op).
std::optional<BlockConfig> findBlockConfig(const Arch& arch, const BlockQuery& q);
std::optional<BlockConfig> findBlockConfig(const Arch& arch, const NpuOp& op);

// Vela's try_block_config: the layout for a given OFM block (h, w, c) if it is valid and fits.
std::optional<BlockConfig> tryBlockConfig(const Arch& arch, const BlockQuery& q, const Shape4& ofmBlock,
                                          bool partKernel);

// IFM area (w, h) needed to produce an OFM area (Vela's get_ifm_area_required): stripe inputs.
std::pair<int, int> ifmAreaRequired(const Shape4& ofm, const Kernel& kernel, Resampling resampling);

}  // namespace inferscope::estimate
