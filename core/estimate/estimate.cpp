#include "core/estimate/estimate.h"

#include <algorithm>
#include <set>

#include "core/estimate/command_stream.h"
#include "core/estimate/cpu_cost.h"
#include "core/estimate/lowering.h"
#include "core/estimate/memory.h"
#include "core/estimate/schedule.h"

namespace inferscope::estimate {
namespace {

// Ethos-U85 (Vela 4.x): size of the NPU command stream for one NPU subgraph, in bytes (U55/U65
// replay Vela 3.10's register emission, see command_stream.h). Vela emits only
// the registers that change between operations, so the exact size depends on the addresses it
// allocates; this model charges what that comes to per operation, fitted on Vela's output for
// the single-operation calibration models and operator chains: a 32-byte header and a STOP
// word, a full register set for the first operation, the changed registers of later ones, and
// 10 words for every weight or LUT DMA.
std::int64_t commandStreamBytes(const Arch& arch, const std::vector<ScheduledOp>& ops, std::size_t begin,
                                std::size_t end) {
  std::int64_t words = 8 + 1 + (isU65(arch.accel) ? 1 : 0);
  for (std::size_t i = begin; i < end; ++i) {
    const auto& so = ops[i];
    const auto& op = *so.op;
    const bool firstOp = i == begin;
    const bool binary = op.ifm2 >= 0 && !op.ifm2Constant;
    // Later operations re-send shape registers only when the shapes change.
    const bool sameShapes = !firstOp && ops[i - 1].op->ofmShape == op.ofmShape && ops[i - 1].op->ifmShape == op.ifmShape;
    std::int64_t w = 0;
    switch (blockTypeOf(op.type)) {
      case BlockType::ElementWise:
        w = firstOp ? (binary ? (op.type == NpuOpType::Mul ? 87 : 91) : (op.ifm2Constant ? 69 : 63))
                    : (sameShapes ? 13 : 25) + (binary ? 7 : 0);
        break;
      case BlockType::Pooling:
      case BlockType::ReduceSum: w = firstOp ? 69 : 18; break;
      case BlockType::VectorProduct: w = firstOp ? 75 : 30; break;
      case BlockType::Dma: w = 12; break;
      default: w = firstOp ? 73 : 32; break;
    }
    w += 10 * std::int64_t(so.weightDmas) + 2 * std::int64_t(arch.cores - 1) * (op.weights ? 1 : 0);
    if (op.lutBytes > 0) w += 10;
    words += w;
  }
  return (words * 4 + 15) / 16 * 16;
}

double toKiB(std::int64_t b) { return double(b) / 1024.0; }

}  // namespace

Result<Estimate> estimateEthosU(const model::Model& m, const std::vector<bool>& onNpu, const EthosUConfig& config,
                                const Progress& progress) {
  Arch arch = makeArch(config.accelerator, config.memory);
  LoweringOptions lo;
  lo.lutFusing = arch.shramReservedEndBanks > 0 || isU85(arch.accel);
  lo.linearReduceSumInput = arch.accel == Accelerator::U65_512;
  auto lowered = lowerGraph(m, onNpu, lo);
  if (!lowered) return lowered.error();
  const auto& g = *lowered;

  auto cascades = planCascades(arch, g);
  auto plan = planFeatureMaps(arch, g, &cascades);
  ScheduleInput in;
  in.arch = &arch;
  in.graph = &g;
  in.fmArea = plan.fmArea;
  in.opTime = plan.opTime;
  in.refUsage = plan.fastUsage;
  in.cascades = &cascades;
  in.stagingLimit = arch.mem.spillingEnabled() ? arch.mem.arenaCacheSize : std::max<std::int64_t>(arch.mem.arenaCacheSize, std::int64_t(1) << 32);
  auto scheduled = scheduleOps(in, progress);
  if (!scheduled) return scheduled.error();
  auto mem = allocateMemory(arch, g, plan, *scheduled);

  Estimate e;
  e.accelerator = acceleratorName(config.accelerator);
  e.systemConfig = config.systemConfig;
  e.memoryMode = config.memoryMode;
  e.clockHz = arch.mem.coreClockHz;
  e.npuOperators = g.npuOperators;
  e.cpuOperators = static_cast<std::int32_t>(g.cpuOps.size());
  e.npuSegments = static_cast<std::int32_t>(g.segments.size());

  // Permanent storage: encoded weights (once per distinct stream), Vela's 10-byte bias copies,
  // LUTs and other constants, and the command streams.
  std::int64_t constants = 0;
  std::set<std::pair<std::uint64_t, const void*>> seen;
  std::size_t segBegin = 0;
  std::int64_t commandStreams = 0;
  CommandStreamContext streamCtx{&arch, &g, &plan, m.subgraphs.empty() ? nullptr : &m.subgraphs[0]};
  for (std::size_t i = 0; i < scheduled->size(); ++i) {
    const auto& so = (*scheduled)[i];
    const auto& op = *so.op;
    if (op.weights) {
      auto key = std::make_pair(op.weights->shareKey, static_cast<const void*>(op.weights->tensor));
      if (seen.insert(key).second) {
        e.encodedWeightBytes += so.encodedTotalBytes;
        e.originalWeightBytes += op.weights->originalBytes;
        constants += (so.encodedTotalBytes + 15) / 16 * 16 + so.biasCopyBytes;
      }
    }
    bool lastOfSegment = i + 1 == scheduled->size() || (*scheduled)[i + 1].segment != so.segment;
    if (lastOfSegment) {
      commandStreams += isU85(arch.accel) ? commandStreamBytes(arch, *scheduled, segBegin, i + 1)
                                          : emulatedCommandStreamBytes(streamCtx, *scheduled, segBegin, i + 1);
      segBegin = i + 1;
    }
  }
  constants += g.constantBytes;
  // All NPU constants live in one tensor, and Vela stores an empty tensor in 16 bytes: a model
  // without any NPU constant still takes them (seen in off-chip flash; a DRAM permanent storage
  // shows no such bytes).
  const std::int64_t emptyConstants =
      constants == 0 && !isU85(arch.accel) && arch.mem.constArea == MemArea::OffChipFlash ? 16 : 0;
  std::int64_t permanent = g.segments.empty() ? 0 : (constants + 15) / 16 * 16 + commandStreams + emptyConstants;

  double totalCycles = 0;
  for (const auto& so : *scheduled) totalCycles += so.perf.totalCycles;
  std::int64_t totalMacs = 0;
  for (const auto& so : *scheduled) totalMacs += so.perf.macs;

  for (const auto& so : *scheduled) {
    const auto& op = *so.op;
    const auto& p = so.perf;
    LayerRow r;
    r.tfliteOperator = std::string(model::builtinOpName(op.sourceType));
    r.nngOperator = nngName(op.type);
    r.sramUsage = so.time < static_cast<std::int32_t>(mem.sramSnapshot.size()) ? mem.sramSnapshot[static_cast<std::size_t>(so.time)] : 0;
    r.peakPercent = mem.sramPeak ? 100.0 * double(r.sramUsage) / double(mem.sramPeak) : 0;
    r.opCycles = p.totalCycles;
    r.networkPercentCycles = totalCycles > 0 ? 100.0 * p.totalCycles / totalCycles : 0;
    r.npuCycles = p.npuCycles;
    r.sramAccessCycles = p.accessCycle(MemArea::Sram);
    r.dramAccessCycles = p.accessCycle(MemArea::Dram);
    r.onChipFlashAccessCycles = p.accessCycle(MemArea::OnChipFlash);
    r.offChipFlashAccessCycles = p.accessCycle(MemArea::OffChipFlash);
    r.macs = p.macs;
    r.networkPercentMacs = totalMacs > 0 ? 100.0 * double(p.macs) / double(totalMacs) : 0;
    double peakMacs = p.totalCycles * arch.totalMacsPerCycle();
    r.utilPercent = peakMacs > 0 ? 100.0 * double(p.macs) / peakMacs : 0;
    r.name = op.name;
    r.sourceOp = op.sourceOp;
    r.segment = so.segment;
    e.layers.push_back(std::move(r));
    e.npuCycles += p.npuCycles;
    e.sramAccessCycles += p.accessCycle(MemArea::Sram);
    e.dramAccessCycles += p.accessCycle(MemArea::Dram);
    e.onChipFlashAccessCycles += p.accessCycle(MemArea::OnChipFlash);
    e.offChipFlashAccessCycles += p.accessCycle(MemArea::OffChipFlash);
    for (int a = 0; a < kMemAreaCount; ++a) {
      e.readBytes[static_cast<std::size_t>(a)] += p.readBytes[static_cast<std::size_t>(a)];
      e.writeBytes[static_cast<std::size_t>(a)] += p.writeBytes[static_cast<std::size_t>(a)];
    }
  }
  e.totalCycles = totalCycles;
  e.macs = totalMacs;
  e.inferenceTimeMs = arch.mem.coreClockHz > 0 ? totalCycles / arch.mem.coreClockHz * 1000.0 : 0;
  e.inferencesPerSecond = e.inferenceTimeMs > 0 ? 1000.0 / e.inferenceTimeMs : 0;

  e.sramUsedKiB = toKiB(mem.sramPeak);
  std::int64_t areaUse[kMemAreaCount] = {0, 0, 0, 0};
  areaUse[static_cast<int>(arch.mem.constArea)] += permanent;
  if (arch.mem.arenaArea != MemArea::Sram) areaUse[static_cast<int>(arch.mem.arenaArea)] += mem.arenaScratchPeak;
  e.dramUsedKiB = toKiB(areaUse[static_cast<int>(MemArea::Dram)]);
  e.onChipFlashUsedKiB = toKiB(areaUse[static_cast<int>(MemArea::OnChipFlash)]);
  e.offChipFlashUsedKiB = toKiB(areaUse[static_cast<int>(MemArea::OffChipFlash)]);

  e.sramTimeline.assign(mem.sramSnapshot.begin(), mem.sramSnapshot.end());
  e.lifetimes.reserve(mem.ranges.size());
  for (auto& r : mem.ranges) e.lifetimes.push_back({std::move(r.name), r.start, r.end, r.size, r.sram});  // mem's last use

  // Beyond Vela: the operators left on the CPU.
  const auto& sg = m.subgraphs.front();
  e.cpuOps.reserve(g.cpuOps.size());
  for (auto oi : g.cpuOps) {
    auto c = cpuOperatorCost(m, sg, oi, config.cpu);
    e.cpuCyclesEstimate += c.cycles;
    e.cpuOps.push_back(std::move(c));
  }
  e.cpuTimeMs = config.cpu.clockHz > 0 ? e.cpuCyclesEstimate / config.cpu.clockHz * 1000.0 : 0;
  e.totalTimeWithCpuMs = e.inferenceTimeMs + e.cpuTimeMs;
  if (!cascades.empty() || plan.evictedBytes > 0)
    e.notes.push_back("Some feature maps do not fit the " + std::to_string(arch.mem.arenaCacheSize / 1024) +
                      " KiB of fast storage: " + std::to_string(cascades.cascades.size()) +
                      " cascade(s) run their operations stripe by stripe through rolling buffers, and " +
                      std::to_string(plan.evictedBytes / 1024) + " KiB of feature maps stay in the arena.");
  if (isU85(config.accelerator))
    e.notes.push_back("Ethos-U85 figures follow Vela 4's performance model as documented; they are approximate.");
  return e;
}

Result<EthosUConfig> velaReferenceConfig(const std::string& name) {
  auto acc = acceleratorFromName(name);
  if (!acc) return makeError(ErrorCode::Config, "unknown accelerator '" + name + "'");
  EthosUConfig c;
  c.accelerator = *acc;
  if (isU55(*acc)) {
    c.systemConfig = "Ethos_U55_High_End_Embedded";
    c.memoryMode = "Shared_Sram";
  } else if (isU65(*acc)) {
    c.systemConfig = "Ethos_U65_High_End";
    c.memoryMode = "Dedicated_Sram";
  } else {
    c.systemConfig = "Ethos_U85_SYS_DRAM_Mid";
    c.memoryMode = "Dedicated_Sram_384KB";
  }
  auto mem = vela(*acc, c.systemConfig, c.memoryMode);
  if (!mem) return mem.error();
  c.memory = *mem;
  return c;
}

}  // namespace inferscope::estimate
