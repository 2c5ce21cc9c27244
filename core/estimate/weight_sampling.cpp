// Sampled size estimate of one brick stream; see weight_sampling.h.
#include "core/estimate/weight_sampling.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

namespace inferscope::estimate {
namespace {

// Units of OFM blocks [block0, block0 + blocks) x IFM blocks [ib0, ib0 + ibs), in stream order.
struct UnitClass {
  std::int32_t block0 = 0, blocks = 0, ib0 = 0, ibs = 0;
  std::int64_t count() const { return std::int64_t(blocks) * ibs; }
  std::int64_t unit(std::int64_t k, std::int32_t ifmBlocks) const {
    return (block0 + k / ibs) * std::int64_t(ifmBlocks) + ib0 + k % ibs;
  }
};

struct ClassSample {
  std::int64_t values = 0;       // values of the whole class
  std::int64_t sampled = 0;      // values encoded
  std::int64_t bits = 0;         // section bits of the sample
  double proxy = 0;              // proxy of the whole class
  double sampledProxy = 0;       // proxy of the sampled units
  std::int64_t paletteBits = 0;  // palette headers in the sample
  std::int64_t sections = 0;
  double edgeBits = 0;           // one slice header and one slice's chunk padding
};

// The four padding classes of a stream: whole units, units of the last IFM block with padding,
// units of the last OFM block with a partial micro-block, and both.
struct Classes {
  UnitClass c[4];
  explicit Classes(const BrickShape& shape) {
    const std::int32_t nBlocks = shape.blockCount();
    const std::int32_t nIb = shape.ifmBlockCount();
    const bool ofmPad = shape.ofmDepth % shape.ofmUblockDepth != 0;
    bool ifmPad = false;
    if (shape.traversal == BlockTraversal::DepthFirst)
      ifmPad = shape.ifmDepth % shape.ifmBlockDepth() != 0;
    else if (shape.traversal == BlockTraversal::PartKernelFirst)
      ifmPad = shape.ifmDepth % shape.ifmUblockDepth != 0;
    const std::int32_t fullBlocks = nBlocks - (ofmPad ? 1 : 0);
    const std::int32_t fullIbs = nIb - (ifmPad ? 1 : 0);
    c[0] = {0, fullBlocks, 0, fullIbs};
    c[1] = {0, fullBlocks, fullIbs, nIb - fullIbs};
    c[2] = {fullBlocks, nBlocks - fullBlocks, 0, fullIbs};
    c[3] = {fullBlocks, nBlocks - fullBlocks, fullIbs, nIb - fullIbs};
  }
};

// Values and summed proxies (when `proxies` is not empty) of each class.
void classTotals(const BrickShape& shape, const Classes& classes, std::span<const double> proxies,
                 std::int64_t (&values)[4], double (&proxy)[4]) {
  const std::int32_t nIb = shape.ifmBlockCount();
  for (int c = 0; c < 4; ++c) {
    const UnitClass& uc = classes.c[c];
    values[c] = 0;
    proxy[c] = 0;
    if (uc.count() == 0) continue;
    for (std::int32_t b = uc.block0; b < uc.block0 + uc.blocks; ++b) {
      const std::int64_t u = std::int64_t(b) * nIb + uc.ib0;
      values[c] += brickLength(shape, u, u + uc.ibs);
      if (!proxies.empty())
        for (std::int64_t k = u; k < u + uc.ibs; ++k) proxy[c] += proxies[static_cast<std::size_t>(k)];
    }
  }
}

}  // namespace

std::int32_t paddedBlockDepth(const BrickShape& shape) {
  if (shape.ofmDepth <= 0 || shape.ofmDepth % shape.ofmUblockDepth == 0) return 0;
  return shape.ofmDepth - (shape.blockCount() - 1) * shape.ofmBlockDepth;
}

ProxyModel ProxyModel::fromHistogram(std::span<const std::int64_t> histogram) {
  double zeros = 0, all = 0;
  for (std::size_t i = 0; i < histogram.size(); ++i) all += double(histogram[i]);
  if (histogram.size() == 512) zeros = double(histogram[256]);
  ProxyModel m;
  if (all <= 0) return m;
  const double p0 = std::clamp(zeros / all, 1e-3, 1.0 - 1e-3);
  m.zeroBits = -std::log2(p0);
  m.nonzeroBits = 1.5 - std::log2(1.0 - p0);
  m.countZeros = p0 >= 0.05;
  if (!m.countZeros) m.nonzeroBits = 1.5;
  return m;
}

SampleResult sampledSectionBits(const BrickShape& shape, const UnitWriter& writer, const SamplePlan& plan,
                                std::span<const std::int64_t> histogram, MlwSizer& sizer,
                                std::vector<std::int16_t>& scratch, std::vector<double>& proxyScratch,
                                StreamRates* rates) {
  const std::int32_t nBlocks = shape.blockCount();
  const std::int32_t nIb = shape.ifmBlockCount();
  if (nBlocks == 0) return {};
  const Classes classOf(shape);
  const UnitClass* classes = classOf.c;

  ClassSample sample[4];
  bool oneSection = true;
  std::int64_t total = 0;
  const bool useProxy = writer.proxies != nullptr;
  const ProxyModel model = ProxyModel::fromHistogram(histogram);
  if (useProxy) {
    proxyScratch.assign(static_cast<std::size_t>(shape.unitCount()), 0.0);
    writer.proxies(writer.context, model, proxyScratch);
  }
  {
    std::int64_t values[4];
    double proxy[4];
    classTotals(shape, classOf, useProxy ? std::span<const double>(proxyScratch) : std::span<const double>(), values,
                proxy);
    for (int c = 0; c < 4; ++c) {
      sample[c].values = values[c];
      sample[c].proxy = proxy[c];
      total += values[c];
    }
  }

  for (int c = 0; c < 4; ++c) {
    const UnitClass& uc = classes[c];
    ClassSample& cs = sample[c];
    const std::int64_t count = uc.count();
    if (count == 0 || cs.values == 0) continue;
    const double unitValues = double(cs.values) / double(count);
    const double share = std::max(double(plan.group), double(plan.budget) * double(cs.values) / double(total));
    const std::int64_t groupUnits =
        std::clamp<std::int64_t>(static_cast<std::int64_t>(double(plan.group) / unitValues + 0.5), 1, count);
    std::int64_t groups =
        std::max<std::int64_t>(1, static_cast<std::int64_t>(share / (double(groupUnits) * unitValues) + 0.5));
    if (groups * groupUnits >= count) groups = 1;
    const std::int64_t runUnits = groups == 1 && groupUnits * 2 >= count ? count : groupUnits;

    // Reorder the sampled runs back to back into one stream.
    std::int64_t length = 0;
    auto append = [&](std::int64_t u0, std::int64_t u1) {
      const std::int64_t n = brickLength(shape, u0, u1);
      if (useProxy)
        for (std::int64_t k = u0; k < u1; ++k) cs.sampledProxy += proxyScratch[static_cast<std::size_t>(k)];
      if (scratch.size() < static_cast<std::size_t>(length + n)) scratch.resize(static_cast<std::size_t>(length + n) * 2);
      length += writer.write(writer.context, u0, u1, scratch.data() + length);
    };
    for (std::int64_t g = 0; g < groups; ++g) {
      // Runs spread evenly over the OFM blocks; their IFM-block offsets follow the golden-ratio
      // sequence so that they do not alias with the IFM-block period.
      const std::int64_t block = (2 * g + 1) * uc.blocks / (2 * groups);
      const double phase = double(g) * 0.6180339887498949;
      const auto offset = static_cast<std::int64_t>((phase - double(static_cast<std::int64_t>(phase))) * uc.ibs);
      const std::int64_t k0 = std::clamp<std::int64_t>(block * uc.ibs + offset, 0, count - runUnits);
      std::int64_t runStart = uc.unit(k0, nIb), runEnd = runStart + 1;
      for (std::int64_t k = k0 + 1; k < k0 + runUnits; ++k) {
        const std::int64_t u = uc.unit(k, nIb);
        if (u != runEnd) {
          append(runStart, runEnd);
          runStart = u;
        }
        runEnd = u + 1;
      }
      append(runStart, runEnd);
    }
    cs.sampled = length;
    cs.bits = sizer.sectionBits(std::span<const std::int16_t>(scratch.data(), static_cast<std::size_t>(length)),
                                histogram);
    cs.paletteBits = sizer.lastPaletteBits();
    cs.sections = static_cast<std::int64_t>(sizer.lastSections().size());
    // The sample starts and ends slices the whole stream does not have: a header and the chunk
    // padding of one slice (on average) are taken out and added back once for the stream.
    cs.edgeBits = 23.0 + double(sizer.lastSlicePaddingBits()) / double(std::max<std::int64_t>(sizer.lastSlices(), 1));
    oneSection = oneSection && sizer.lastUsedPaletteFreq();
  }

  // Payload (everything but palette headers) per value and class, plus the palette headers of
  // the sections the whole stream is expected to have.
  double bits = 0, edgeBits = 0;
  std::int64_t sampled = 0, paletteBits = 0, sections = 0, streams = 0;
  for (const ClassSample& cs : sample) {
    if (cs.sampled == 0) continue;
    // Ratio estimate on the proxy when it is usable, else on the number of values.
    const double scale = useProxy && cs.sampledProxy > 0 && cs.proxy > 0 ? cs.proxy / cs.sampledProxy
                                                                          : double(cs.values) / double(cs.sampled);
    bits += (double(cs.bits - cs.paletteBits) - cs.edgeBits) * scale;
    edgeBits += cs.edgeBits;
    sampled += cs.sampled;
    paletteBits += cs.paletteBits;
    sections += cs.sections;
    ++streams;
  }
  if (sampled == 0) return {};
  bits += edgeBits / double(streams);
  const double header = oneSection ? double(paletteBits) / double(streams) : double(paletteBits) / double(sections);
  const double restartsPerValue = oneSection ? 0.0 : double(sections - streams) / double(sampled);
  if (rates) {
    *rates = StreamRates{};
    rates->valid = true;
    rates->model = model;
    rates->edgeBits = edgeBits / double(streams);
    rates->paletteBits = header;
    rates->restartsPerValue = restartsPerValue;
    rates->paddedBlockDepth = paddedBlockDepth(shape);
    for (int c = 0; c < 4; ++c) {
      const ClassSample& cs = sample[c];
      if (cs.sampled == 0) continue;
      rates->seen[c] = true;
      rates->perProxy[c] = useProxy && cs.sampledProxy > 0 && cs.proxy > 0;
      rates->rate[c] = (double(cs.bits - cs.paletteBits) - cs.edgeBits) /
                       (rates->perProxy[c] ? cs.sampledProxy : double(cs.sampled));
    }
  }
  // One section with the whole stream's palette: its header once.
  bits += header * (1.0 + restartsPerValue * double(total));
  return {static_cast<std::int64_t>(bits + 0.5), oneSection};
}

std::int64_t partSectionBits(const BrickShape& part, const UnitWriter& writer, const StreamRates& rates,
                             std::vector<double>& proxyScratch) {
  if (part.blockCount() == 0 || !rates.valid) return 0;
  const Classes classes(part);
  const bool useProxy = writer.proxies != nullptr &&
                        (rates.perProxy[0] || rates.perProxy[1] || rates.perProxy[2] || rates.perProxy[3]);
  if (useProxy) {
    proxyScratch.assign(static_cast<std::size_t>(part.unitCount()), 0.0);
    writer.proxies(writer.context, rates.model, proxyScratch);
  }
  std::int64_t values[4];
  double proxy[4];
  classTotals(part, classes, useProxy ? std::span<const double>(proxyScratch) : std::span<const double>(), values,
              proxy);
  double bits = rates.edgeBits;
  std::int64_t total = 0;
  for (int c = 0; c < 4; ++c) {
    if (values[c] == 0) continue;
    total += values[c];
    // A class the whole stream's sample did not see (a part ending inside a micro-block) takes
    // the rate of the class with the same IFM padding, else of any class seen.
    int from = c;
    if (!rates.seen[from]) from = c ^ 2;
    for (int k = 0; k < 4 && !rates.seen[from]; ++k) from = k;
    if (!rates.seen[from]) continue;
    bits += rates.rate[from] * (rates.perProxy[from] ? proxy[c] : double(values[c]));
  }
  bits += rates.paletteBits * (1.0 + rates.restartsPerValue * double(total));
  return static_cast<std::int64_t>(bits + 0.5);
}

}  // namespace inferscope::estimate
