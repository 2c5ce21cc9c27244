// The editor API: field lists, per-field validation, setting fields and diffing against built-ins.
#include <gtest/gtest.h>

#include "core/targets/builtin_profiles.h"
#include "core/targets/describe.h"
#include "core/targets/fields.h"

using namespace inferscope;
using namespace inferscope::targets;

TEST(TargetsFields, FieldsPerFamily) {
  auto keys = [](TargetFamily f) {
    std::vector<std::string> k;
    for (const auto& s : profileFields(f)) k.push_back(s.key);
    return k;
  };
  EXPECT_EQ(keys(TargetFamily::EthosU65),
            (std::vector<std::string>{"name", "description", "target", "mac", "system_config", "memory_mode", "config",
                                      "host_cpu", "host_cpu_clock"}));
  EXPECT_EQ(keys(TargetFamily::CortexA),
            (std::vector<std::string>{"name", "description", "target", "backend.armnn-tflite-delegate.version"}));
  EXPECT_EQ(keys(TargetFamily::Tosa), (std::vector<std::string>{"name", "description", "target"}));
  EXPECT_EQ(keys(TargetFamily::CortexM), (std::vector<std::string>{"name", "description", "target", "core_clock"}));
  auto u85 = profileFields(TargetFamily::EthosU85);
  EXPECT_EQ(u85[3].choices, (std::vector<std::string>{"128", "256", "512", "1024", "2048"}));
  EXPECT_EQ(u85[4].choices.size(), 11u);
}

TEST(TargetsFields, ValidationMessagesNameTheAllowedValues) {
  EXPECT_EQ(validateField(TargetFamily::EthosU55, "mac", "300"), "mac must be one of 32, 64, 128, 256");
  EXPECT_EQ(validateField(TargetFamily::EthosU55, "mac", "128"), std::nullopt);
  EXPECT_EQ(validateField(TargetFamily::CortexA, "backend.armnn-tflite-delegate.version", "24.02"),
            "version must be one of 22.08, 22.11, 23.05");
  EXPECT_EQ(validateField(TargetFamily::Tosa, "mac", "128"), "mac does not apply to tosa profiles");
  EXPECT_EQ(validateField(TargetFamily::CortexM, "core_clock", "fast"),
            "core_clock must be a clock greater than 0, in Hz or with a unit, e.g. 400e6 or 400 MHz");
  EXPECT_EQ(validateField(TargetFamily::CortexM, "core_clock", "400 MHz"), std::nullopt);
  EXPECT_EQ(validateField(TargetFamily::CortexM, "core_clock", "0.4GHz"), std::nullopt);
  EXPECT_TRUE(validateField(TargetFamily::CortexM, "core_clock", "400 MHzz").has_value());
  EXPECT_TRUE(validateField(TargetFamily::CortexM, "core_clock", "-5 MHz").has_value());
  EXPECT_TRUE(validateField(TargetFamily::CortexM, "core_clock", "MHz").has_value());
  EXPECT_EQ(validateField(TargetFamily::EthosU55, "host_cpu", "cortex-m7"),
            "host_cpu must be one of cortex-m55, cortex-m85");
  EXPECT_TRUE(validateField(TargetFamily::EthosU55, "colour", "red")->starts_with("unknown field 'colour'"));
  auto p = builtinProfile("ethos-u55-128");
  ASSERT_TRUE(p.ok());
  // Against the profile's Vela configuration.
  EXPECT_EQ(validateField(*p, "system_config", "Ethos_U65_High_End"), std::nullopt);
  auto missing = validateField(*p, "system_config", "Nope");
  ASSERT_TRUE(missing.has_value());
  EXPECT_NE(missing->find("not found"), std::string::npos);
  auto arena = validateField(*p, "memory_mode", "Dedicated_Sram");  // arena would land in flash
  ASSERT_TRUE(arena.has_value());
  EXPECT_NE(arena->find("arena_mem_area must be Sram or Dram"), std::string::npos);
}

TEST(TargetsFields, SetFieldIsAtomicAndReresolves) {
  auto p = builtinProfile("ethos-u55-128");
  ASSERT_TRUE(p.ok());
  auto before = *p;
  EXPECT_FALSE(setField(*p, "mac", "96").ok());
  EXPECT_FALSE(setField(*p, "memory_mode", "Dedicated_Sram").ok());
  EXPECT_TRUE(diffProfiles(before, *p).empty());
  ASSERT_TRUE(setField(*p, "system_config", "Ethos_U55_Deep_Embedded").ok());
  EXPECT_DOUBLE_EQ(p->coreClockHz(), 200e6);
  ASSERT_TRUE(setField(*p, "target", "ethos-u65").ok());
  EXPECT_EQ(p->mac, 256);  // 128 is not a U65 size
  EXPECT_EQ(p->axiPortWidthBits(), 128);
  ASSERT_TRUE(setField(*p, "target", "cortex-m85").ok());
  EXPECT_DOUBLE_EQ(p->coreClockHz(), 480e6);
  EXPECT_EQ(getField(*p, "mac"), std::nullopt);
  EXPECT_EQ(getField(*p, "core_clock"), "480000000");
  // Clocks typed with a unit are stored in Hz, as MLIA's TOML has them.
  ASSERT_TRUE(setField(*p, "core_clock", "250 MHz").ok());
  EXPECT_DOUBLE_EQ(p->coreClockHz(), 250e6);
  EXPECT_EQ(getField(*p, "core_clock"), "250000000");
  ASSERT_TRUE(setField(*p, "core_clock", "1.2 ghz").ok());
  EXPECT_DOUBLE_EQ(p->coreClockHz(), 1.2e9);
}

TEST(TargetsFields, DiffAgainstTheBuiltinItCameFrom) {
  auto p = builtinProfile("ethos-u85-512");
  ASSERT_TRUE(p.ok());
  auto d0 = diffAgainstOrigin(*p);
  ASSERT_TRUE(d0.ok());
  EXPECT_TRUE(d0->empty());
  ASSERT_TRUE(setField(*p, "mac", "1024").ok());
  ASSERT_TRUE(setField(*p, "memory_mode", "Dedicated_Sram_512KB").ok());
  auto d = diffAgainstOrigin(*p);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[0].key, "mac");
  EXPECT_EQ((*d)[0].before, "512");
  EXPECT_EQ((*d)[0].after, "1024");
  EXPECT_EQ((*d)[1].key, "memory_mode");
  EXPECT_EQ((*d)[1].after, "Dedicated_Sram_512KB");
  EXPECT_EQ(p->arenaCacheSize(), 524288);
  // A file profile without a built-in name is compared with the built-in of its accelerator.
  TargetProfile file = *p;
  file.builtinName.clear();
  file.name = "my-board";
  EXPECT_EQ(originBuiltin(file), "ethos-u85-1024");
}

TEST(TargetsFields, DescribeGivesEveryResolvedValue) {
  auto p = builtinProfile("ethos-u65-256");
  ASSERT_TRUE(p.ok());
  auto j = profileJson(*p);
  EXPECT_EQ(j["accelerator_config"].asString(), "ethos-u65-256");
  EXPECT_DOUBLE_EQ(j["system_config"]["core_clock_hz"].asDouble(), 1e9);
  EXPECT_EQ(j["system_config"]["memory"]["Dram"]["read_latency_cycles"].asInt(), 500);
  EXPECT_DOUBLE_EQ(j["system_config"]["memory"]["Dram"]["bandwidth_bytes_per_second"].asDouble(), 3.75e9);
  EXPECT_EQ(j["memory_mode"]["arena_cache_size"].asInt(), 393216);
  EXPECT_EQ(j["memory_placement"]["arena"].asString(), "Dram");
  auto t = profileText(*p);
  EXPECT_NE(t.find("Ethos_U65_High_End"), std::string::npos);
  EXPECT_NE(t.find("3.75 GB/s"), std::string::npos);
  auto v = velaConfigJson(*VelaConfig::builtin(), TargetFamily::EthosU85);
  EXPECT_EQ(v["system_configs"].size(), 11u);
  EXPECT_EQ(v["memory_modes"].size(), 6u);
}
