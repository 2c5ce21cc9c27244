// Internal: Vela 3.10's cascading (cascade_builder.py and the scheduler's MIN schedule / sub-schedule
// optimisation). A cascade is a chain of NPU operations, each the single consumer of the previous
// one's OFM, that runs stripe by stripe: the feature maps between them are rolling buffers of a few
// stripes in fast storage instead of whole tensors. Vela builds them when the memory mode spills
// (Dedicated_Sram: an operation whose whole IFM + OFM does not fit arena_cache_size starts or
// extends a cascade), then grows the stripes as long as the buffers still fit.
//
// Effects the estimator reproduces:
//   - cascaded operations share one time index (the cascade's) in the live ranges;
//   - the feature map between two cascaded operations is a rolling buffer in fast storage, sized
//     NHCWB16 [roundup(producer stripe H + consumer stripe input H, consumer stripe input H),
//     max(widths), roundup(depth, 16)];
//   - the last operation's OFM stays in the arena (it is not promoted to fast storage);
//   - block configurations are searched for the stripe (OFM stripe, IFM stripe input);
//   - weights of cascaded operations are held whole in one buffer (no transfer cycles charged).
//
// Not modelled: the non-spilling builder (Shared_Sram with an arena_cache_size below the largest
// schedule; the reference configurations never cascade there) and Vela's "Size" optimisation.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/estimate/arch.h"
#include "core/estimate/npu_graph.h"

namespace inferscope::estimate {

struct CascadePlan {
  struct Cascade {
    std::int32_t start = 0, end = 0;  // flattened op indices (segment order), inclusive
    std::int64_t buffersBytes = 0;    // rolling buffers + weight buffers (Vela's cascade mem_usage)
    std::int64_t weightBytes = 0;     // weight buffers of its operations (whole encoded streams)
  };
  std::vector<Cascade> cascades;
  // Per flattened op:
  std::vector<std::int32_t> cascade;       // index into cascades, -1 when not cascaded
  std::vector<Shape4> stripe;              // OFM stripe (the full OFM when not cascaded)
  std::vector<Shape4> stripeInput;         // IFM read per stripe (the full IFM when not cascaded)
  std::vector<std::int64_t> rollingBytes;  // the rolling buffer this op reads as IFM (0: none)

  bool empty() const { return cascades.empty(); }
  bool inCascade(std::size_t flatOp) const { return flatOp < cascade.size() && cascade[flatOp] >= 0; }
  // The op continues the cascade started by an earlier op (shares its time index).
  bool continuesCascade(std::size_t flatOp) const {
    return inCascade(flatOp) && cascades[static_cast<std::size_t>(cascade[flatOp])].start != static_cast<std::int32_t>(flatOp);
  }
  // The op ends its cascade (its OFM is a whole feature map in the arena).
  bool endsCascade(std::size_t flatOp) const {
    return inCascade(flatOp) && cascades[static_cast<std::size_t>(cascade[flatOp])].end == static_cast<std::int32_t>(flatOp);
  }
};

// Size in fast storage of an operation's weight buffer when cascaded (the whole encoded stream).
using CascadeWeightBytesFn = std::function<std::int64_t(const NpuOp&)>;

// Vela's estimate of an op's encoded weights for cascade sizing: the weights plus 10 bytes of
// scale/bias per channel, rounded to 16 (0 without weights; FullyConnected weights are streamed).
std::int64_t defaultCascadeWeightBytes(const NpuOp& op);

// The cascades of every NPU segment. Without spilling the plan is empty (every op full-size).
CascadePlan planCascades(const Arch& arch, const LoweredGraph& g,
                         const CascadeWeightBytesFn& weightBytes = defaultCascadeWeightBytes);

// Rolling buffer between a producer's OFM stripe and its consumer's stripe input (elements).
Shape4 rollingBufferShape(const Shape4& producerStripe, const Shape4& consumerStripeInput);

}  // namespace inferscope::estimate
