// Ethos-U accelerator and memory-system description for the performance model.
//
// Arch holds the hardware constants Vela 3.10's ArchitectureFeatures derives for an accelerator
// configuration (MAC array, micro-blocks, shared-buffer (SHRAM) banks and granules, output and
// activation throughput tables, sub-kernel limits, storage rounding), plus the memory system the
// network runs against. Ethos-U55 and Ethos-U65 values are Vela 3.10's. Ethos-U85 is not in Vela
// 3.10: its values come from Vela 4.x's public C++ sources (regor: MAC counts, cores, micro-blocks,
// internal RAM sizes, output/activation cycles per element); see Arch::u85 and performance.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/estimate/npu_graph.h"
#include "core/util/result.h"

namespace inferscope::estimate {

enum class Accelerator {
  U55_32,
  U55_64,
  U55_128,
  U55_256,
  U65_256,
  U65_512,
  U85_128,
  U85_256,
  U85_512,
  U85_1024,
  U85_2048,
};
// Vela's spelling: "ethos-u55-128".
const char* acceleratorName(Accelerator a);
std::optional<Accelerator> acceleratorFromName(std::string_view name);
bool isU55(Accelerator a);
bool isU65(Accelerator a);
bool isU85(Accelerator a);
// Width of one AXI port in bits: 64 (U55), 128 (U65), 128 per port (U85).
int axiDataWidthBits(Accelerator a);

// Vela's memory areas. SHRAM (the NPU-internal shared buffer, LUT DMA target) is not an area a
// memory system configures; the performance model handles it separately.
enum class MemArea { Sram = 0, Dram = 1, OnChipFlash = 2, OffChipFlash = 3 };
inline constexpr int kMemAreaCount = 4;
const char* memAreaName(MemArea a);  // "Sram", "Dram", "OnChipFlash", "OffChipFlash"

// Timing of one memory area, in NPU core cycles.
struct MemoryTiming {
  double bandwidth = 8.0;        // bytes per core cycle = AXI width / 8 x clock scale (x ports on U85)
  double clockScale = 1.0;       // memory clock / core clock (informational; bandwidth already has it)
  std::int64_t burstLength = 1;  // bytes
  std::int64_t readLatency = 0;  // cycles
  std::int64_t writeLatency = 0;
  // Vela 4 (U85) only: AXI ports used and outstanding transactions; 0 = not given.
  std::int64_t portsUsed = 1;
  std::int64_t maxReads = 0;
  std::int64_t maxWrites = 0;
};

// The system configuration and memory mode, resolved (Vela: --system-config + --memory-mode).
struct MemorySystem {
  double coreClockHz = 500e6;
  std::array<MemoryTiming, kMemAreaCount> memory{};
  MemArea constArea = MemArea::OffChipFlash;  // permanent storage: weights, LUTs, constants
  MemArea arenaArea = MemArea::Sram;          // feature-map storage (the tensor arena)
  MemArea cacheArea = MemArea::Sram;          // fast storage: weight buffers, spilled feature maps
  std::int64_t arenaCacheSize = std::int64_t(1) << 32;  // limit of fast storage when spilling

  const MemoryTiming& timing(MemArea a) const { return memory[static_cast<int>(a)]; }
  MemoryTiming& timing(MemArea a) { return memory[static_cast<int>(a)]; }
  double bandwidth(MemArea a) const { return timing(a).bandwidth; }
  // Vela's is_spilling_enabled: fast storage is SRAM and differs from the arena (Dedicated_Sram).
  bool spillingEnabled() const { return cacheArea == MemArea::Sram && cacheArea != arenaArea; }
};

// The memory system Vela builds from the vela.ini MLIA ships (for tests and defaults): system
// configs Ethos_U55_Deep_Embedded, Ethos_U55_High_End_Embedded, Ethos_U65_Embedded,
// Ethos_U65_Mid_End, Ethos_U65_High_End, Ethos_U65_Client_Server, Ethos_U85_SYS_Flash_Low,
// Ethos_U85_SYS_Flash_High, Ethos_U85_SYS_DRAM_Low, Ethos_U85_SYS_DRAM_Mid,
// Ethos_U85_SYS_DRAM_High; memory modes Sram_Only, Shared_Sram, Dedicated_Sram,
// Dedicated_Sram_256KB, Dedicated_Sram_384KB, Dedicated_Sram_512KB. Like Vela, when constants would
// live in SRAM in Sram_Only mode they move to an OnChipFlash area with SRAM's characteristics.
Result<MemorySystem> vela(Accelerator accel, std::string_view systemConfig, std::string_view memoryMode);

// Vela's SHRAM element kinds (index into Arch::shramGranules).
enum class ShramElement { Ifm8 = 0, Ifm16, Ifm8Elementwise, Ifm16Elementwise, Ifm32, Acc16, Acc32, Acc40 };

struct Arch {
  Accelerator accel = Accelerator::U55_128;
  MemorySystem mem;

  // Accelerator configuration (Vela's accelerator_configs / regor's AcceleratorConfig).
  int macs = 128;                           // U55/U65: MACs per cycle per core; U85: in total
  int cores = 1;
  Shape4 ofmUblock{1, 1, 2, 8};             // n, h, w, c
  Shape4 ifmUblock{1, 1, 2, 8};
  int shramBanks = 24;                      // banks of shramBankBytes
  std::array<int, 8> shramGranules{};       // indexed by ShramElement
  int elementwiseUnits = 4;

  // Shared buffer layout.
  int shramBankBytes = 1024;
  int shramReservedOutputBanks = 2;
  int shramReservedEndBanks = 0;            // 2 when shramBanks > 16 (LUT space always reserved)
  int shramLutBytes = 2048;

  // Block search.
  Shape4 ofmBlockMax{1, 32, 64, 128};       // h, w, c
  Shape4 subKernelMax{1, 8, 8, 65536};
  int ofmSplitDepth = 16;
  int maxBlockDependency = 3;
  int maxOutstandingDma = 1;
  int maxOutstandingKernels = 2;
  int axiDataWidth = 64;                    // bits
  std::int64_t maxAddressOffset = std::int64_t(1) << 32;

  // Throughput tables (cycles per output element). Output index: 0 ew32 unary, 1 ew32 binary,
  // 2 Mul 32-bit OFM, 3 Mul or 40-bit accumulators, 4 simple Add/Sub, 5 Add/Sub, 6 MaxPool, 7 other.
  // Activation index: 0 LUT (Sigmoid/Tanh/LUT), 1 ReLU family, 2 none.
  std::array<double, 8> outputCyclesPerElem{};
  std::array<double, 3> activationCyclesPerElem{};

  // Ethos-U85 (Vela 4 / regor) facts; zero on U55/U65.
  struct U85 {
    std::array<Shape4, 3> ofmUblocks{};     // candidate OFM micro-blocks (n,h,w,c)
    int ofmUblockCount = 0;
    std::int64_t ifmRamBytes = 0, accRamBytes = 0, cbRamBytes = 0, obRamBytes = 0;
    int numAxiSramLog2 = 0, numAxiExtLog2 = 0;
    std::array<int, 6> channelReadBuffers{};
    // Output cycles per element by result kind: 8-bit OFM, 16-bit, 32-bit, 64-bit, 32-bit into a
    // chaining buffer or 32-bit binary elementwise to a narrower OFM, 32-bit binary elementwise.
    std::array<double, 6> outputCycles{};
    std::array<double, 2> activationCycles{};  // fused activation; H/W transposes and W reverses
  } u85;

  // Peak MACs per cycle of the whole NPU (Vela's num_macs_per_cycle x ncores on U55/U65).
  int totalMacsPerCycle() const { return isU85(accel) ? macs : macs * cores; }
  bool isU55_32() const { return accel == Accelerator::U55_32; }
  bool u85Family() const { return isU85(accel); }
  // Usable SHRAM banks (Vela: shram total banks = configured banks).
  int shramTotalBanks() const { return shramBanks; }
  int shramGranule(ShramElement e) const { return shramGranules[static_cast<int>(e)]; }
  // (height, width) sub-kernel limit per block type.
  std::pair<int, int> subKernelLimits(BlockType t) const;
  // Storage rounding quantum (n, h, w, c) of a tensor format: NHCWB16 rounds depth to 16.
  Shape4 storageRounding(TensorFormat f) const;
  // Bandwidth of the NPU's internal SHRAM as a DMA target (Vela: AXI width / 8, clock scale 1).
  double shramBandwidth() const { return axiDataWidth / 8.0; }
};

Arch makeArch(Accelerator accel, MemorySystem mem);

}  // namespace inferscope::estimate
