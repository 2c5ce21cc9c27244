// Vela .ini reading and resolution: the built-in configuration, MLIA's vela.ini, Vela's defaults,
// inherit chains and the memory rules Vela applies.
#include <gtest/gtest.h>

#include "core/targets/ini.h"
#include "core/targets/number_parse.h"
#include "core/targets/vela_config.h"
#include "support/shared_data.h"

using namespace inferscope;
using namespace inferscope::targets;

namespace {

VelaConfig parseOk(const std::string& text) {
  auto c = VelaConfig::parse(text, "test.ini");
  EXPECT_TRUE(c.ok()) << (c ? "" : c.error().message);
  return c ? *c : VelaConfig{};
}

}  // namespace

TEST(TargetsVela, BuiltinHasEveryMliaSection) {
  auto b = VelaConfig::builtin();
  EXPECT_EQ(b->systemConfigNames(),
            (std::vector<std::string>{"Ethos_U55_Deep_Embedded", "Ethos_U55_High_End_Embedded", "Ethos_U65_Embedded",
                                      "Ethos_U65_Mid_End", "Ethos_U65_High_End", "Ethos_U65_Client_Server",
                                      "Ethos_U85_SYS_Flash_Low", "Ethos_U85_SYS_Flash_High", "Ethos_U85_SYS_DRAM_Low",
                                      "Ethos_U85_SYS_DRAM_Mid", "Ethos_U85_SYS_DRAM_High"}));
  EXPECT_EQ(b->memoryModeNames(),
            (std::vector<std::string>{"Sram_Only", "Shared_Sram", "Dedicated_Sram", "Dedicated_Sram_256KB",
                                      "Dedicated_Sram_384KB", "Dedicated_Sram_512KB"}));
  auto s = b->systemConfig("Ethos_U55_High_End_Embedded", TargetFamily::EthosU55);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_DOUBLE_EQ(s->coreClockHz, 500e6);
  EXPECT_EQ(s->axi0, MemoryArea::Sram);
  EXPECT_EQ(s->axi1, MemoryArea::OffChipFlash);
  const auto& flash = s->settings(MemoryArea::OffChipFlash);
  EXPECT_DOUBLE_EQ(flash.clockScale, 0.125);
  EXPECT_EQ(flash.burstLength, 128);
  EXPECT_EQ(flash.readLatency, 64);
  EXPECT_EQ(flash.writeLatency, 64);
  EXPECT_EQ(flash.maxReads, 2);
  EXPECT_EQ(s->settings(MemoryArea::Sram).maxReads, 4);
  EXPECT_FALSE(s->settings(MemoryArea::Sram).portsUsed.has_value());
  auto m = b->memoryMode("Dedicated_Sram_512KB", TargetFamily::EthosU65);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->constMemArea, AxiPort::Axi1);
  EXPECT_EQ(m->arenaMemArea, AxiPort::Axi1);
  EXPECT_EQ(m->cacheMemArea, AxiPort::Axi0);
  EXPECT_EQ(m->arenaCacheSize, 524288);
  EXPECT_EQ(m->inherits, std::vector<std::string>{"Memory_Mode.Dedicated_Sram"});
}

// The bandwidths stated for each system config in MLIA's vela.ini follow from the port widths
// (64-bit U55, 128-bit U65/U85 per port), the clock scales and, on U85, ports_used.
TEST(TargetsVela, BuiltinBandwidthsMatchTheStatedFigures) {
  struct Expect {
    const char* name;
    TargetFamily family;
    double axi0GBps, axi1GBps;
  };
  const Expect expected[] = {
      {"Ethos_U55_Deep_Embedded", TargetFamily::EthosU55, 1.6, 0.1},
      {"Ethos_U55_High_End_Embedded", TargetFamily::EthosU55, 4, 0.5},
      {"Ethos_U65_Embedded", TargetFamily::EthosU65, 8, 0.5},
      {"Ethos_U65_Mid_End", TargetFamily::EthosU65, 8, 3.75},
      {"Ethos_U65_High_End", TargetFamily::EthosU65, 16, 3.75},
      {"Ethos_U65_Client_Server", TargetFamily::EthosU65, 16, 12},
      {"Ethos_U85_SYS_Flash_Low", TargetFamily::EthosU85, 6.4, 0.2},
      {"Ethos_U85_SYS_Flash_High", TargetFamily::EthosU85, 16, 0.5},
      {"Ethos_U85_SYS_DRAM_Low", TargetFamily::EthosU85, 16, 3.75},
      {"Ethos_U85_SYS_DRAM_Mid", TargetFamily::EthosU85, 32, 12},
      {"Ethos_U85_SYS_DRAM_High", TargetFamily::EthosU85, 64, 24},
  };
  for (const auto& e : expected) {
    auto s = VelaConfig::builtin()->systemConfig(e.name, e.family);
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto gbps = [&](MemoryArea a) {
      const auto& m = s->settings(a);
      double ports = e.family == TargetFamily::EthosU85 ? static_cast<double>(m.portsUsed.value_or(1)) : 1.0;
      return axiDataWidthBits(e.family) / 8.0 * m.clockScale * ports * s->coreClockHz / 1e9;
    };
    EXPECT_NEAR(gbps(s->axi0), e.axi0GBps, 1e-9) << e.name;
    EXPECT_NEAR(gbps(s->axi1), e.axi1GBps, 1e-9) << e.name;
  }
}

TEST(TargetsVela, ReferenceVelaIniMatchesTheBuiltin) {
  INFERSCOPE_REQUIRE_SHARED();
  auto path = (testdata::sharedDir() / "reference/mlia/vela.ini").string();
  auto ref = VelaConfig::load(path);
  ASSERT_TRUE(ref.ok()) << ref.error().message;
  auto b = VelaConfig::builtin();
  EXPECT_EQ(ref->systemConfigNames(), b->systemConfigNames());
  EXPECT_EQ(ref->memoryModeNames(), b->memoryModeNames());
  for (auto family : {TargetFamily::EthosU55, TargetFamily::EthosU65, TargetFamily::EthosU85}) {
    for (const auto& name : ref->systemConfigNames()) {
      auto a = ref->systemConfig(name, family);
      auto c = b->systemConfig(name, family);
      ASSERT_TRUE(a.ok() && c.ok()) << name;
      EXPECT_EQ(a->source.file, path);
      EXPECT_GT(a->source.line, 0);
      a->source = c->source = {};
      EXPECT_EQ(*a, *c) << name;
    }
    for (const auto& name : ref->memoryModeNames()) {
      auto a = ref->memoryMode(name, family);
      auto c = b->memoryMode(name, family);
      ASSERT_TRUE(a.ok() && c.ok()) << name;
      a->source = c->source = {};
      EXPECT_EQ(*a, *c) << name;
    }
  }
}

TEST(TargetsVela, MissingKeysKeepVelasInitialValues) {
  auto c = parseOk(
      "[System_Config.Tiny]\n"
      "core_clock = 100e6\n"
      "axi1_port = Dram\n"
      "Dram_clock_scale = 0.5\n"
      "OffChipFlash_clock_scale = 0.25\n"  // not on a port: Vela never reads it
      "[Memory_Mode.Empty]\n");
  auto s = c.systemConfig("Tiny", TargetFamily::EthosU65);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_DOUBLE_EQ(s->coreClockHz, 100e6);
  EXPECT_EQ(s->axi0, MemoryArea::Sram);  // Vela's initial MemArea(1)
  EXPECT_EQ(s->axi1, MemoryArea::Dram);
  EXPECT_DOUBLE_EQ(s->settings(MemoryArea::Dram).clockScale, 0.5);
  EXPECT_EQ(s->settings(MemoryArea::Dram).burstLength, 1);
  EXPECT_EQ(s->settings(MemoryArea::Dram).readLatency, 0);
  EXPECT_EQ(s->settings(MemoryArea::Sram).burstLength, 1);
  EXPECT_DOUBLE_EQ(s->settings(MemoryArea::OffChipFlash).clockScale, 1.0);
  auto m = c.memoryMode("Empty", TargetFamily::EthosU65);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->constMemArea, AxiPort::Axi0);
  EXPECT_FALSE(m->arenaCacheSize.has_value());
  auto none = c.systemConfig("Empty2", TargetFamily::EthosU55);
  EXPECT_FALSE(none.ok());
}

TEST(TargetsVela, SectionsWithoutCoreClockStartAtOneHz) {
  auto c = parseOk("[System_Config.X]\naxi0_port=Sram\n");
  auto s = c.systemConfig("X", TargetFamily::EthosU55);
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(s->coreClockHz, 1.0);
}

TEST(TargetsVela, InheritChainsAndDefaultSection) {
  auto c = parseOk(
      "[DEFAULT]\n"
      "arena_cache_size = 1000\n"
      "[Memory_Mode.Base]\n"
      "const_mem_area = Axi1\n"
      "arena_mem_area = Axi1\n"
      "cache_mem_area = Axi0\n"
      "[Memory_Mode.Mid]\n"
      "inherit = Memory_Mode.Base\n"
      "arena_cache_size = 2000\n"
      "[Memory_Mode.Leaf]\n"
      "inherit = Memory_Mode.Mid\n"
      "arena_mem_area = Axi0\n");
  auto leaf = c.memoryMode("Leaf", TargetFamily::EthosU55);
  ASSERT_TRUE(leaf.ok()) << leaf.error().message;
  EXPECT_EQ(leaf->inherits, (std::vector<std::string>{"Memory_Mode.Mid", "Memory_Mode.Base"}));
  EXPECT_EQ(leaf->constMemArea, AxiPort::Axi1);
  EXPECT_EQ(leaf->arenaMemArea, AxiPort::Axi0);
  // As in Vela (ConfigParser's has_option sees [DEFAULT]): DEFAULT beats the inherited 2000.
  EXPECT_EQ(leaf->arenaCacheSize, 1000);
  auto mid = c.memoryMode("Mid", TargetFamily::EthosU55);
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->arenaCacheSize, 2000);
  auto base = c.memoryMode("Base", TargetFamily::EthosU55);
  ASSERT_TRUE(base.ok());
  EXPECT_EQ(base->arenaCacheSize, 1000);  // from [DEFAULT]
}

TEST(TargetsVela, InterpolationAndContinuationLines) {
  auto ini = IniFile::parse(
      "[S]\nbase = 5\nclock = %(base)s00e6\npct = 100%%\nlong = first\n  second\n\n  third\n; comment\nk: v\n",
      "t.ini");
  ASSERT_TRUE(ini.ok()) << ini.error().message;
  EXPECT_EQ(**ini->value("S", "CLOCK"), "500e6");
  EXPECT_EQ(**ini->value("S", "pct"), "100%");
  EXPECT_EQ(**ini->value("S", "long"), "first\nsecond\n\nthird");
  EXPECT_EQ(**ini->value("S", "k"), "v");
  EXPECT_FALSE(ini->value("S", "missing")->has_value());
  auto bad = IniFile::parse("[S]\nv = 5%\n", "t.ini");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(bad->value("S", "v").ok());
}

TEST(TargetsVela, InternalDefaultIsVelasBuiltInSystem) {
  auto c = parseOk("[Memory_Mode.M]\nconst_mem_area=Axi1\n");
  auto u65 = c.systemConfig(kInternalDefault, TargetFamily::EthosU65);
  ASSERT_TRUE(u65.ok());
  EXPECT_DOUBLE_EQ(u65->coreClockHz, 1e9);
  EXPECT_EQ(u65->axi1, MemoryArea::Dram);
  EXPECT_DOUBLE_EQ(u65->settings(MemoryArea::Dram).clockScale, 0.75);
  auto u55 = c.systemConfig(kInternalDefault, TargetFamily::EthosU55);
  ASSERT_TRUE(u55.ok());
  EXPECT_EQ(u55->axi1, MemoryArea::OffChipFlash);
  auto mode = c.memoryMode(kInternalDefault, TargetFamily::EthosU65);
  ASSERT_TRUE(mode.ok());
  EXPECT_EQ(mode->arenaCacheSize, 384 * 1024);
  EXPECT_FALSE(c.systemConfig(kInternalDefault, TargetFamily::EthosU85).ok());
}

TEST(TargetsVela, SramOnlyMovesConstantsToOnChipFlash) {
  auto b = VelaConfig::builtin();
  auto s = b->systemConfig("Ethos_U55_High_End_Embedded", TargetFamily::EthosU55);
  auto m = b->memoryMode("Sram_Only", TargetFamily::EthosU55);
  ASSERT_TRUE(s.ok() && m.ok());
  std::vector<std::string> notes;
  ASSERT_TRUE(applyVelaMemoryRules(*s, *m, TargetFamily::EthosU55, &notes).ok());
  EXPECT_EQ(m->constMemArea, AxiPort::Axi1);
  EXPECT_EQ(s->axi1, MemoryArea::OnChipFlash);
  EXPECT_EQ(s->settings(MemoryArea::OnChipFlash), s->settings(MemoryArea::Sram));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("OnChipFlash"), std::string::npos);
}

TEST(TargetsVela, PythonNumberRules) {
  EXPECT_EQ(parsePythonFloat("200e6"), 200e6);
  EXPECT_EQ(parsePythonFloat(" 1_000.5 "), 1000.5);
  EXPECT_EQ(parsePythonFloat(".5"), 0.5);
  EXPECT_FALSE(parsePythonFloat("1e").has_value());
  EXPECT_FALSE(parsePythonFloat("fast").has_value());
  EXPECT_FALSE(parsePythonFloat("1__0").has_value());
  EXPECT_EQ(parsePythonInt("+32"), 32);
  EXPECT_EQ(parsePythonInt("1_024"), 1024);
  EXPECT_FALSE(parsePythonInt("32.0").has_value());
  EXPECT_FALSE(parsePythonInt("0x20").has_value());
}
