// Saving profiles: unknown keys, comments and layout survive; changed values are rewritten in place;
// keys are added to and removed from the right tables; saves are atomic and verified.
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

const std::string kCommented =
    "# SPDX-License-Identifier: Apache-2.0\n"
    "\n"
    "target = \"ethos-u55\"\n"
    "# Number of MACs [32, 64, 128, 256]\n"
    "mac = 128   # trailing comment\n"
    "# Memory mode\n"
    "memory_mode = \"Shared_Sram\"\n"
    "system_config = \"Ethos_U55_High_End_Embedded\"\n"
    "vendor_note = \"keep me\"\n"
    "\n"
    "[vendor]\n"
    "# a table MLIA ignores\n"
    "board = \"devkit\"\n"
    "revision = 3\n";

TargetProfile parseOk(const std::string& text, const std::string& path) {
  auto p = parseProfile(text, path);
  EXPECT_TRUE(p.ok()) << (p ? "" : p.error().message);
  return p ? *p : TargetProfile{};
}

std::string readAll(const fs::path& p) { return testdata::readFile(p); }

}  // namespace

TEST(TargetsSave, UnknownKeysAndCommentsSurviveAnEdit) {
  auto dir = testdata::tempDir();
  auto path = (dir / "board.toml").string();
  auto p = parseOk(kCommented, path);
  ASSERT_TRUE(setField(p, field::kMac, "256").ok());
  auto saved = saveProfile(p, path);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto text = readAll(path);
  std::string expected = kCommented;
  expected.replace(expected.find("mac = 128"), 9, "mac = 256");
  EXPECT_EQ(text, expected);  // only the value changed
  EXPECT_EQ(saved->mac, 256);
  EXPECT_EQ(saved->warnings.size(), 2u);  // vendor_note and [vendor] are reported, and kept
  fs::remove_all(dir);
}

TEST(TargetsSave, UnchangedProfileSavesTheSameBytes) {
  auto dir = testdata::tempDir();
  auto path = (dir / "same.toml").string();
  auto p = parseOk(kCommented, path);
  auto saved = saveProfile(p, path);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(readAll(path), kCommented);
  fs::remove_all(dir);
}

TEST(TargetsSave, AddsAndRemovesKeysInTheRightPlace) {
  auto dir = testdata::tempDir();
  { std::ofstream(dir / "x.ini") << "[System_Config.S]\ncore_clock=2e8\naxi1_port=OffChipFlash\n"
                                    "[Memory_Mode.Shared_Sram]\nconst_mem_area=Axi1\narena_mem_area=Axi0\n"
                                    "cache_mem_area=Axi0\n"; }
  auto path = (dir / "p.toml").string();
  auto p = parseOk(kCommented, path);
  ASSERT_TRUE(setField(p, field::kConfig, "x.ini").ok() == false);  // x.ini has no Ethos_U55_High_End_Embedded
  ASSERT_TRUE(setField(p, field::kSystemConfig, "Ethos_U55_Deep_Embedded").ok());
  ASSERT_TRUE(setField(p, field::kHostCpuClock, "250e6").ok());
  ASSERT_TRUE(setField(p, field::kDescription, "My \"board\"").ok());
  auto saved = saveProfile(p, path);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto text = readAll(path);
  // New top-level keys go after the last top-level key, before [vendor].
  auto vendorNote = text.find("vendor_note"), vendorTable = text.find("[vendor]");
  auto clock = text.find("host_cpu_clock = 250000000"), desc = text.find("description = \"My \\\"board\\\"\"");
  ASSERT_NE(clock, std::string::npos) << text;
  ASSERT_NE(desc, std::string::npos) << text;
  EXPECT_LT(vendorNote, clock);
  EXPECT_LT(clock, vendorTable);
  EXPECT_DOUBLE_EQ(saved->hostCpuClockHz(), 250e6);
  EXPECT_EQ(saved->description, "My \"board\"");
  EXPECT_NE(text.find("# trailing comment"), std::string::npos);
  // Clearing an optional field removes its line.
  ASSERT_TRUE(setField(*saved, field::kHostCpuClock, "").ok());
  auto again = saveProfile(*saved, path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(readAll(path).find("host_cpu_clock"), std::string::npos);
  fs::remove_all(dir);
}

TEST(TargetsSave, ChangingTheFamilyRewritesTheKeysThatApply) {
  auto dir = testdata::tempDir();
  auto path = (dir / "p.toml").string();
  auto p = parseOk(kCommented, path);
  ASSERT_TRUE(setField(p, field::kTarget, "cortex-a").ok());
  EXPECT_EQ(p.armnnDelegateVersion, "23.05");
  ASSERT_TRUE(setField(p, field::kDelegateVersion, "22.11").ok());
  auto saved = saveProfile(p, path);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto text = readAll(path);
  EXPECT_EQ(text.find("mac ="), std::string::npos) << text;
  EXPECT_EQ(text.find("system_config"), std::string::npos);
  EXPECT_NE(text.find("[backend.armnn-tflite-delegate]\nversion = \"22.11\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("board = \"devkit\""), std::string::npos);
  EXPECT_EQ(saved->family, TargetFamily::CortexA);
  EXPECT_EQ(saved->armnnDelegateVersion, "22.11");
  fs::remove_all(dir);
}

TEST(TargetsSave, PluginFormatKeepsComponentsInStep) {
  INFERSCOPE_REQUIRE_SHARED();
  auto src = testdata::sharedDir() / "reference/mlia/target_profiles/mlia-ethos-u-HEAD-format/ethos-u55-128.toml";
  auto dir = testdata::tempDir();
  auto path = (dir / "u55.toml").string();
  fs::copy_file(src, path);
  auto p = loadProfile(path);
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_TRUE(setField(*p, field::kMac, "64").ok());
  ASSERT_TRUE(setField(*p, field::kMemoryMode, "Sram_Only").ok());
  auto saved = saveProfile(*p, path);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  auto text = readAll(path);
  EXPECT_NE(text.find("variant = \"64\""), std::string::npos) << text;
  EXPECT_NE(text.find("[config]\nmac = 64\nmemory_mode = \"Sram_Only\""), std::string::npos) << text;
  EXPECT_NE(text.find("# SPDX-License-Identifier: Apache-2.0"), std::string::npos);
  EXPECT_EQ(saved->format, ProfileFormat::MliaEthosU);
  EXPECT_EQ(saved->acceleratorConfigName(), "ethos-u55-64");
  // Sram_Only puts the constants in SRAM too: Vela moves them to OnChipFlash, and says so.
  EXPECT_EQ(saved->constArea(), MemoryArea::OnChipFlash);
  EXPECT_EQ(saved->notes.size(), 1u);
  fs::remove_all(dir);
}

TEST(TargetsSave, FailedSavesLeaveNothingBehind) {
  auto p = builtinProfile("ethos-u65-256");
  ASSERT_TRUE(p.ok());
  auto dir = testdata::tempDir();
  auto bad = saveProfile(*p, (dir / "missing-dir" / "p.toml").string());
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(fs::exists(dir / "missing-dir"));
  // An existing file is only replaced by a complete, loadable profile.
  auto path = (dir / "p.toml").string();
  ASSERT_TRUE(saveProfile(*p, path).ok());
  auto before = readAll(path);
  TargetProfile broken = *p;
  broken.sourceText = "target = \"ethos-u65\"\nmac = [\n";  // no longer parses
  EXPECT_FALSE(saveProfile(broken, path).ok());
  EXPECT_EQ(readAll(path), before);
  fs::remove_all(dir);
}
