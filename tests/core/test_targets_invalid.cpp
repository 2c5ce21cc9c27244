// Invalid profiles and Vela files: each one fails with a message that names the file, the line, the
// key and what is allowed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/targets/profile_io.h"
#include "support/shared_data.h"

using namespace inferscope;
using namespace inferscope::targets;
namespace fs = std::filesystem;

namespace {

constexpr const char* kU55 = "target = \"ethos-u55\"\nmac = 128\n";
constexpr const char* kGoodIniModes =
    "[Memory_Mode.Shared_Sram]\nconst_mem_area=Axi1\narena_mem_area=Axi0\ncache_mem_area=Axi0\n";

struct Case {
  const char* name;
  std::string profile;                 // profile.toml
  std::string ini;                     // board.ini, when not empty
  std::vector<std::string> expected;   // substrings of the error message
};

std::vector<Case> cases() {
  auto withIni = [](const std::string& sys, const std::string& mode = "Shared_Sram") {
    return std::string(kU55) + "memory_mode = \"" + mode + "\"\nsystem_config = \"" + sys +
           "\"\nconfig = \"board.ini\"\n";
  };
  return {
      {"toml syntax error", "target = \"ethos-u55\"\nmac = \nmemory_mode = \"Shared_Sram\"\n", "",
       {"profile.toml:2:", "TOML syntax error"}},
      {"missing target", "mac = 128\n", "", {"profile.toml: missing key 'target'", "ethos-u55, ethos-u65"}},
      {"unknown target", "target = \"ethos-u99\"\n", "",
       {"profile.toml:1:10: target", "unknown target \"ethos-u99\"",
        "target must be one of ethos-u55, ethos-u65, ethos-u85, cortex-a, tosa, cortex-m55, cortex-m85"}},
      {"target is not a string", "target = 55\n", "", {"profile.toml:1:10: target", "target must be a string"}},
      {"bad mac", "target = \"ethos-u55\"\nmac = 300\nmemory_mode = \"Shared_Sram\"\n"
                  "system_config = \"Ethos_U55_High_End_Embedded\"\n",
       "", {"profile.toml:2:7: mac", "mac must be one of 32, 64, 128, 256"}},
      {"mac of another family", "target = \"ethos-u65\"\nmac = 128\nmemory_mode = \"Shared_Sram\"\n"
                                "system_config = \"Ethos_U65_High_End\"\n",
       "", {"profile.toml:2:7: mac", "not valid for ethos-u65", "mac must be one of 256, 512"}},
      {"mac is a string", "target = \"ethos-u85\"\nmac = \"256\"\n", "",
       {"profile.toml:2:7: mac", "mac must be an integer, one of 128, 256, 512, 1024, 2048 (got a string)"}},
      {"missing mac", "target = \"ethos-u55\"\nmemory_mode = \"Shared_Sram\"\n", "",
       {"profile.toml: missing key 'mac' (one of 32, 64, 128, 256)"}},
      {"missing system config", std::string(kU55) + "memory_mode = \"Shared_Sram\"\n", "",
       {"profile.toml: missing key 'system_config'", "System_Config section"}},
      {"unknown system config", std::string(kU55) + "memory_mode = \"Shared_Sram\"\nsystem_config = \"Nope\"\n", "",
       {"profile.toml:4:17: system_config", "[System_Config.Nope] not found", "available: Ethos_U55_Deep_Embedded"}},
      {"unknown memory mode",
       std::string(kU55) + "memory_mode = \"Fast\"\nsystem_config = \"Ethos_U55_High_End_Embedded\"\n", "",
       {"profile.toml:3:15: memory_mode", "[Memory_Mode.Fast] not found", "Sram_Only, Shared_Sram"}},
      {"memory mode is not a string",
       std::string(kU55) + "memory_mode = 3\nsystem_config = \"Ethos_U55_High_End_Embedded\"\n", "",
       {"profile.toml:3:15: memory_mode", "memory_mode must be a string"}},
      {"missing config file", withIni("X") , "",
       {"profile.toml:5:10: config", "config = \"board.ini\"", "board.ini"}},
      {"ini line without '='", withIni("Board"), "[System_Config.Board]\ncore_clock=1e9\naxi0_port Sram\n",
       {"board.ini:3: ini syntax error", "expected 'key = value'"}},
      {"ini duplicate section", withIni("Board"),
       "[System_Config.Board]\ncore_clock=1e9\n[System_Config.Board]\ncore_clock=2e9\n",
       {"board.ini:3: ini syntax error", "section 'System_Config.Board' already exists (line 1)"}},
      {"ini duplicate key", withIni("Board"), "[System_Config.Board]\ncore_clock=1e9\nCORE_CLOCK=2e9\n",
       {"board.ini:3: ini syntax error", "key 'core_clock'", "already exists (line 2)"}},
      {"ini key before any section", withIni("Board"), "core_clock=1e9\n[System_Config.Board]\n",
       {"board.ini:1: ini syntax error", "outside any [section]"}},
      {"ini without sections", withIni("Board"), "; only a comment\n",
       {"board.ini: ini syntax error", "no [section] headers"}},
      {"ini unclosed section header", withIni("Board"), "[System_Config.Board\n",
       {"board.ini:1: ini syntax error", "no closing ']'"}},
      {"recursive inherit", withIni("Board", "A"),
       std::string("[System_Config.Board]\ncore_clock=1e9\naxi0_port=Sram\naxi1_port=OffChipFlash\n") +
           "[Memory_Mode.A]\ninherit=Memory_Mode.B\n[Memory_Mode.B]\ninherit=Memory_Mode.A\n",
       {"board.ini:8: inherit", "recursive inheritance Memory_Mode.A -> Memory_Mode.B -> Memory_Mode.A"}},
      {"self inherit", withIni("Board"),
       std::string("[System_Config.Board]\ninherit=System_Config.Board\ncore_clock=1e9\n") + kGoodIniModes,
       {"board.ini:2: inherit", "recursive inheritance System_Config.Board -> System_Config.Board"}},
      {"inherit from a missing section", withIni("Board"),
       std::string("[System_Config.Board]\ninherit=System_Config.Base\n") + kGoodIniModes,
       {"board.ini:2: inherit", "section [System_Config.Base]", "was not found"}},
      {"bad port name", withIni("Board"),
       std::string("[System_Config.Board]\ncore_clock=1e9\naxi0_port=SRAM\n") + kGoodIniModes,
       {"board.ini:3: [System_Config.Board] axi0_port = 'SRAM'",
        "axi0_port must be one of Sram, Dram, OnChipFlash, OffChipFlash"}},
      {"bad clock", withIni("Board"), std::string("[System_Config.Board]\ncore_clock=fast\n") + kGoodIniModes,
       {"board.ini:2:", "core_clock = 'fast'", "core_clock must be a number greater than 0"}},
      {"fractional burst length", withIni("Board"),
       std::string("[System_Config.Board]\ncore_clock=1e9\naxi1_port=OffChipFlash\nOffChipFlash_burst_length=32.5\n") +
           kGoodIniModes,
       {"board.ini:4:", "OffChipFlash_burst_length must be an integer >= 1"}},
      {"bad memory-mode port", withIni("Board"),
       "[System_Config.Board]\ncore_clock=1e9\naxi1_port=OffChipFlash\n[Memory_Mode.Shared_Sram]\n"
       "const_mem_area=Axi2\n",
       {"board.ini:5:", "const_mem_area must be one of Axi0, Axi1"}},
      {"cache not in SRAM", withIni("Board", "Odd"),
       "[System_Config.Board]\ncore_clock=1e9\naxi0_port=Sram\naxi1_port=Dram\n[Memory_Mode.Odd]\n"
       "const_mem_area=Axi1\narena_mem_area=Axi1\ncache_mem_area=Axi1\n",
       {"board.ini:5: [Memory_Mode.Odd] cache_mem_area = Axi1 maps to Dram", "cache_mem_area must be Sram"}},
      {"arena in flash",
       std::string(kU55) + "memory_mode = \"Dedicated_Sram\"\nsystem_config = \"Ethos_U55_High_End_Embedded\"\n", "",
       {"profile.toml:3:15: memory_mode", "arena_mem_area = Axi1 maps to OffChipFlash",
        "arena_mem_area must be Sram or Dram"}},
      {"arena cache too large", withIni("Board", "Big"),
       "[System_Config.Board]\ncore_clock=1e9\naxi0_port=Sram\naxi1_port=Dram\n[Memory_Mode.Big]\n"
       "const_mem_area=Axi1\narena_mem_area=Axi1\ncache_mem_area=Axi0\narena_cache_size=8589934592\n",
       {"arena_cache_size must be between 0 and 4294967296 for ethos-u55"}},
      {"unknown delegate version", "target = \"cortex-a\"\n[backend.armnn-tflite-delegate]\nversion = \"21.02\"\n", "",
       {"profile.toml:3:11: backend.armnn-tflite-delegate.version",
        "version must be one of 22.08, 22.11, 23.05"}},
      {"delegate version as a float", "target = \"cortex-a\"\n[backend.armnn-tflite-delegate]\nversion = 23.05\n", "",
       {"profile.toml:3:11:", "must be a string", "(got a float)"}},
      {"missing delegate version", "target = \"cortex-a\"\n", "",
       {"missing key 'backend.armnn-tflite-delegate.version'", "22.08, 22.11, 23.05"}},
      {"plugin format without mac",
       "profile_name = \"x\"\ntarget_type = \"ethos-u55\"\n[config]\nmemory_mode = \"Shared_Sram\"\n", "",
       {"profile.toml: missing key 'config.mac'"}},
      {"plugin format components not an array", "target_type = \"ethos-u55\"\ncomponents = 3\n", "",
       {"profile.toml:2:14: components", "array of tables"}},
      {"bad host cpu", std::string(kU55) + "memory_mode = \"Shared_Sram\"\n"
                       "system_config = \"Ethos_U55_High_End_Embedded\"\nhost_cpu = \"cortex-m4\"\n",
       "", {"profile.toml:5:12: host_cpu", "host_cpu must be one of cortex-m55, cortex-m85"}},
      {"bad core clock", "target = \"cortex-m55\"\ncore_clock = -5\n", "",
       {"profile.toml:2:14: core_clock", "between 1 and 1e12"}},
  };
}

}  // namespace

TEST(TargetsInvalid, EachFileGivesTheIntendedMessage) {
  auto all = cases();
  ASSERT_GE(all.size(), 15u);
  for (const auto& c : all) {
    auto dir = testdata::tempDir();
    {
      std::ofstream(dir / "profile.toml") << c.profile;
      if (!c.ini.empty()) std::ofstream(dir / "board.ini") << c.ini;
    }
    auto p = loadProfile((dir / "profile.toml").string());
    ASSERT_FALSE(p.ok()) << c.name;
    const auto& msg = p.error().message;
    for (const auto& e : c.expected) EXPECT_NE(msg.find(e), std::string::npos) << c.name << "\n  message: " << msg
                                                                                 << "\n  expected: " << e;
    fs::remove_all(dir);
  }
}

TEST(TargetsInvalid, UnknownKeysAreWarningsNotErrors) {
  auto p = parseProfile(std::string(kU55) + "memory_mode = \"Shared_Sram\"\n"
                                            "system_config = \"Ethos_U55_High_End_Embedded\"\nmacs = 256\n",
                        "w.toml");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->warnings.size(), 1u);
  EXPECT_NE(p->warnings[0].find("w.toml:5:8: unknown key 'macs'"), std::string::npos) << p->warnings[0];
}

TEST(TargetsInvalid, ErrorsAreValuesForUnreadableInput) {
  EXPECT_FALSE(loadProfile("/nonexistent/dir/p.toml").ok());
  EXPECT_FALSE(parseProfile(std::string("\0\1\2", 3), "bin.toml").ok());
  EXPECT_FALSE(parseProfile("[[[", "x.toml").ok());
  EXPECT_FALSE(VelaConfig::load("/nonexistent.ini").ok());
  EXPECT_FALSE(VelaConfig::parse(std::string("[S]\nk=\0v\n", 9), "nul.ini").ok());
}
