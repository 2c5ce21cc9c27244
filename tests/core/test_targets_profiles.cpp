// Target profiles: MLIA's reference files in both formats, the built-ins (and their save/load round
// trip), profile lookup, relative `config` paths and the accessors estimators use.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/targets/builtin_profiles.h"
#include "core/targets/fields.h"
#include "core/targets/profile_io.h"
#include "support/shared_data.h"

using namespace inferscope;
using namespace inferscope::targets;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

struct RefExpect {
  const char* stem;
  const char* target;
  int mac;
  const char* memoryMode;
  const char* systemConfig;
};

const RefExpect kEthosURefs[] = {
    {"ethos-u55-128", "ethos-u55", 128, "Shared_Sram", "Ethos_U55_High_End_Embedded"},
    {"ethos-u55-256", "ethos-u55", 256, "Shared_Sram", "Ethos_U55_High_End_Embedded"},
    {"ethos-u65-256", "ethos-u65", 256, "Dedicated_Sram", "Ethos_U65_High_End"},
    {"ethos-u65-512", "ethos-u65", 512, "Dedicated_Sram", "Ethos_U65_High_End"},
    {"ethos-u85-128", "ethos-u85", 128, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_Low"},
    {"ethos-u85-256", "ethos-u85", 256, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_Mid"},
    {"ethos-u85-512", "ethos-u85", 512, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_Mid"},
    {"ethos-u85-1024", "ethos-u85", 1024, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_High"},
    {"ethos-u85-2048", "ethos-u85", 2048, "Dedicated_Sram", "Ethos_U85_SYS_DRAM_High"},
};

}  // namespace

TEST(TargetsProfiles, EveryReferenceProfileLoadsInBothFormats) {
  INFERSCOPE_REQUIRE_SHARED();
  auto dir = testdata::sharedDir() / "reference/mlia/target_profiles";
  int loaded = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".toml") continue;
    auto p = loadProfile(e.path().string());
    ASSERT_TRUE(p.ok()) << e.path() << ": " << p.error().message;
    EXPECT_TRUE(p->warnings.empty()) << e.path() << ": " << p->warnings.front();
    ++loaded;
  }
  EXPECT_EQ(loaded, 20);
  for (const auto& r : kEthosURefs) {
    for (auto sub : {"", "mlia-ethos-u-HEAD-format/"}) {
      auto path = (dir / (std::string(sub) + r.stem + ".toml")).string();
      auto p = loadProfile(path);
      ASSERT_TRUE(p.ok()) << p.error().message;
      EXPECT_EQ(p->name, r.stem);
      EXPECT_EQ(p->target, r.target);
      EXPECT_EQ(p->mac, r.mac);
      EXPECT_EQ(p->memoryModeName, r.memoryMode);
      EXPECT_EQ(p->systemConfigName, r.systemConfig);
      EXPECT_EQ(p->format, *sub ? ProfileFormat::MliaEthosU : ProfileFormat::Mlia);
      EXPECT_EQ(p->acceleratorConfigName(), r.stem);
      // Same values as the built-in of that name.
      auto b = builtinProfile(r.stem);
      ASSERT_TRUE(b.ok());
      EXPECT_EQ(p->systemConfig.name, b->systemConfig.name);
      EXPECT_DOUBLE_EQ(p->coreClockHz(), b->coreClockHz());
      EXPECT_EQ(p->memoryMode.arenaCacheSize, b->memoryMode.arenaCacheSize);
    }
  }
  auto a = loadProfile((dir / "cortex-a.toml").string());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->family, TargetFamily::CortexA);
  EXPECT_EQ(a->armnnDelegateVersion, "23.05");
  auto t = loadProfile((dir / "tosa.toml").string());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->family, TargetFamily::Tosa);
  auto plugin = loadProfile((dir / "mlia-ethos-u-HEAD-format/ethos-u65-512.toml").string());
  ASSERT_TRUE(plugin.ok());
  EXPECT_EQ(plugin->description, "Ethos-U65 with 512 MACs, Dedicated SRAM, High End configuration");
}

TEST(TargetsProfiles, BuiltinsHaveMliasNamesAndValues) {
  EXPECT_EQ(builtinProfileNames(),
            (std::vector<std::string>{"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256",
                                      "ethos-u65-256", "ethos-u65-512", "ethos-u85-128", "ethos-u85-256",
                                      "ethos-u85-512", "ethos-u85-1024", "ethos-u85-2048", "cortex-a", "tosa",
                                      "cortex-m55", "cortex-m85"}));
  for (const auto& r : kEthosURefs) {
    auto p = builtinProfile(r.stem);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->mac, r.mac);
    EXPECT_EQ(p->systemConfigName, r.systemConfig);
    EXPECT_EQ(p->memoryModeName, r.memoryMode);
  }
  auto m55 = builtinProfile("cortex-m55");
  ASSERT_TRUE(m55.ok());
  EXPECT_EQ(m55->family, TargetFamily::CortexM);
  EXPECT_DOUBLE_EQ(m55->coreClockHz(), 400e6);
  EXPECT_EQ(m55->hostCpu(), "cortex-m55");
  EXPECT_FALSE(builtinProfile("ethos-u55-512").ok());
}

TEST(TargetsProfiles, EveryBuiltinRoundTripsThroughSaveAndLoad) {
  auto dir = testdata::tempDir();
  for (const auto& name : builtinProfileNames()) {
    auto p = builtinProfile(name);
    ASSERT_TRUE(p.ok()) << p.error().message;
    auto path = (dir / (name + ".toml")).string();
    auto saved = saveProfile(*p, path);
    ASSERT_TRUE(saved.ok()) << name << ": " << saved.error().message;
    auto back = loadProfile(path);
    ASSERT_TRUE(back.ok()) << name << ": " << back.error().message;
    EXPECT_EQ(back->name, name);  // the file's stem, as MLIA names custom profiles
    EXPECT_TRUE(back->warnings.empty());
    EXPECT_TRUE(diffProfiles(*p, *back).empty()) << name << ": " << diffProfiles(*p, *back).front().key;
    auto ps = p->systemConfig, bs = back->systemConfig;
    ps.source = bs.source = {};
    EXPECT_EQ(ps, bs) << name;
    EXPECT_EQ(p->memoryMode.arenaCacheSize, back->memoryMode.arenaCacheSize);
    EXPECT_DOUBLE_EQ(p->coreClockHz(), back->coreClockHz());
    // Saving the loaded file again changes nothing.
    auto again = renderProfile(*back);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, back->sourceText) << name;
  }
  fs::remove_all(dir);
}

TEST(TargetsProfiles, ResolveProfileTakesNamesAndFiles) {
  auto b = resolveProfile("ethos-u65-512");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->builtinName, "ethos-u65-512");
  auto dir = testdata::tempDir();
  writeText(dir / "mine.toml", "target = \"ethos-u55\"\nmac = 64\nmemory_mode = \"Sram_Only\"\n"
                               "system_config = \"Ethos_U55_Deep_Embedded\"\n");
  auto f = resolveProfile((dir / "mine.toml").string());
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->name, "mine");
  EXPECT_EQ(f->acceleratorConfigName(), "ethos-u55-64");
  auto unknown = resolveProfile("ethos-u77");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("ethos-u55-32"), std::string::npos);
  EXPECT_FALSE(resolveProfile((dir / "absent.toml").string()).ok());
  fs::remove_all(dir);
}

TEST(TargetsProfiles, ConfigPathIsRelativeToTheProfile) {
  auto dir = testdata::tempDir();
  fs::create_directories(dir / "boards" / "alif");
  // A vendor file in Vela's format, e.g. a board with SRAM and MRAM.
  writeText(dir / "boards/alif/board.ini",
            "; vendor system config\n"
            "[System_Config.RTSS_HP_SRAM_MRAM]\n"
            "core_clock=400e6\naxi0_port=Sram\naxi1_port=OffChipFlash\n"
            "Sram_clock_scale=1.0\nSram_burst_length=32\nSram_read_latency=16\nSram_write_latency=16\n"
            "OffChipFlash_clock_scale=0.25\nOffChipFlash_burst_length=128\nOffChipFlash_read_latency=32\n"
            "OffChipFlash_write_latency=32\n"
            "[Memory_Mode.Shared_Sram]\nconst_mem_area=Axi1\narena_mem_area=Axi0\ncache_mem_area=Axi0\n");
  writeText(dir / "boards/e7.toml", "target = \"ethos-u55\"\nmac = 256\nmemory_mode = \"Shared_Sram\"\n"
                                    "system_config = \"RTSS_HP_SRAM_MRAM\"\nconfig = \"alif/board.ini\"\n");
  auto p = loadProfile((dir / "boards/e7.toml").string());
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_DOUBLE_EQ(p->coreClockHz(), 400e6);
  EXPECT_DOUBLE_EQ(p->bytesPerCycle(MemoryArea::OffChipFlash), 2.0);  // 64-bit port x 0.25
  EXPECT_EQ(p->systemConfig.source.line, 2);
  EXPECT_NE(p->vela->fileName().find("alif/board.ini"), std::string::npos);
  // Saving elsewhere keeps pointing at the same .ini.
  auto saved = saveProfile(*p, (dir / "e7-copy.toml").string());
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->configPath, "boards/alif/board.ini");
  EXPECT_DOUBLE_EQ(saved->coreClockHz(), 400e6);
  fs::remove_all(dir);
}

TEST(TargetsProfiles, AccessorsForEstimators) {
  auto u55 = builtinProfile("ethos-u55-128");
  ASSERT_TRUE(u55.ok());
  EXPECT_TRUE(u55->isEthosU());
  EXPECT_EQ(u55->acceleratorConfigName(), "ethos-u55-128");
  EXPECT_EQ(u55->axiPortWidthBits(), 64);
  EXPECT_DOUBLE_EQ(u55->bytesPerCycle(MemoryArea::Sram), 8.0);
  EXPECT_DOUBLE_EQ(u55->bytesPerCycle(MemoryArea::OffChipFlash), 1.0);
  EXPECT_DOUBLE_EQ(u55->bytesPerSecond(MemoryArea::Sram), 4e9);
  EXPECT_EQ(u55->constArea(), MemoryArea::OffChipFlash);
  EXPECT_EQ(u55->arenaArea(), MemoryArea::Sram);
  EXPECT_FALSE(u55->spillingEnabled());
  EXPECT_EQ(u55->arenaCacheSize(), std::int64_t(1) << 32);
  EXPECT_EQ(u55->hostCpu(), "cortex-m55");
  EXPECT_DOUBLE_EQ(u55->hostCpuClockHz(), 500e6);

  auto u65 = builtinProfile("ethos-u65-512");
  ASSERT_TRUE(u65.ok());
  EXPECT_DOUBLE_EQ(u65->bytesPerCycle(MemoryArea::Sram), 16.0);
  EXPECT_DOUBLE_EQ(u65->bytesPerCycle(MemoryArea::Dram), 16.0 * 0.234375);
  EXPECT_TRUE(u65->spillingEnabled());
  EXPECT_EQ(u65->arenaCacheSize(), 393216);
  EXPECT_DOUBLE_EQ(u65->memoryClockHz(MemoryArea::Dram), 234375000.0);

  auto u85 = builtinProfile("ethos-u85-2048");
  ASSERT_TRUE(u85.ok());
  EXPECT_EQ(u85->portsUsed(MemoryArea::Sram), 4);
  EXPECT_DOUBLE_EQ(u85->bytesPerCycle(MemoryArea::Sram), 64.0);
  EXPECT_DOUBLE_EQ(u85->bytesPerSecond(MemoryArea::Dram), 24e9);
  EXPECT_EQ(u85->hostCpu(), "cortex-m85");

  auto a = builtinProfile("cortex-a");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->isEthosU());
  EXPECT_EQ(a->acceleratorConfigName(), "");
  EXPECT_EQ(a->armnnDelegateVersion, "23.05");
}

TEST(TargetsProfiles, HostCpuOverrides) {
  auto p = parseProfile("target = \"ethos-u55\"\nmac = 128\nmemory_mode = \"Shared_Sram\"\n"
                        "system_config = \"Ethos_U55_High_End_Embedded\"\nhost_cpu = \"cortex-m85\"\n"
                        "host_cpu_clock = 300e6\n",
                        "host.toml");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->hostCpu(), "cortex-m85");
  EXPECT_DOUBLE_EQ(p->hostCpuClockHz(), 300e6);
  auto m = parseProfile("target = \"cortex-m85\"\ncore_clock = 250000000\n", "m.toml");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_DOUBLE_EQ(m->coreClockHz(), 250e6);
}
