// inferscope-cli targets list / show, run as a user would.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/util/json.h"
#include "support/shared_data.h"

using namespace inferscope;
namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Run cli(const std::vector<std::string>& args) {
  auto dir = testdata::tempDir();
  std::string cmd = shellQuote(INFERSCOPE_CLI);
  for (const auto& a : args) cmd += " " + shellQuote(a);
  cmd += " 2>" + shellQuote((dir / "err").string());
  Run r;
  if (FILE* f = popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
    int st = pclose(f);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  r.err = testdata::readFile(dir / "err");
  fs::remove_all(dir);
  return r;
}

}  // namespace

TEST(CliTargets, ListNamesEveryBuiltin) {
  auto r = cli({"targets", "list"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* n : {"ethos-u55-32", "ethos-u55-64", "ethos-u55-128", "ethos-u55-256", "ethos-u65-256",
                        "ethos-u65-512", "ethos-u85-128", "ethos-u85-256", "ethos-u85-512", "ethos-u85-1024",
                        "ethos-u85-2048", "cortex-a", "tosa", "cortex-m55", "cortex-m85"})
    EXPECT_NE(r.out.find(n), std::string::npos) << n;
  auto j = cli({"targets", "list", "--json"});
  ASSERT_EQ(j.status, 0);
  auto v = json::parse(j.out);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->size(), 15u);
  EXPECT_EQ((*v)[2]["mac"].asInt(), 128);
}

TEST(CliTargets, ShowResolvesTheSystemConfigAndMemoryMode) {
  auto r = cli({"targets", "show", "ethos-u55-256", "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = json::parse(r.out);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ((*v)["accelerator_config"].asString(), "ethos-u55-256");
  const auto& sys = (*v)["system_config"];
  EXPECT_EQ(sys["name"].asString(), "Ethos_U55_High_End_Embedded");
  EXPECT_DOUBLE_EQ(sys["core_clock_hz"].asDouble(), 500e6);
  EXPECT_EQ(sys["axi1_port"].asString(), "OffChipFlash");
  EXPECT_EQ(sys["memory"]["OffChipFlash"]["burst_length_bytes"].asInt(), 128);
  EXPECT_EQ(sys["memory"]["Sram"]["max_reads"].asInt(), 4);
  EXPECT_EQ((*v)["memory_mode"]["name"].asString(), "Shared_Sram");
  EXPECT_EQ((*v)["memory_mode"]["const_mem_area"].asString(), "Axi1");
  auto text = cli({"targets", "show", "ethos-u55-256"});
  ASSERT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("Ethos_U55_High_End_Embedded"), std::string::npos);
  EXPECT_NE(text.out.find("4.00 GB/s"), std::string::npos);
}

TEST(CliTargets, ShowReadsReferenceFilesAndIni) {
  INFERSCOPE_REQUIRE_SHARED();
  auto ref = testdata::sharedDir() / "reference/mlia";
  auto r = cli({"targets", "show", (ref / "target_profiles/mlia-ethos-u-HEAD-format/ethos-u85-1024.toml").string(),
                "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto v = json::parse(r.out);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ((*v)["format"].asString(), "mlia-ethos-u");
  EXPECT_EQ((*v)["mac"].asInt(), 1024);
  EXPECT_DOUBLE_EQ((*v)["system_config"]["memory"]["Sram"]["bandwidth_bytes_per_second"].asDouble(), 64e9);
  auto ini = cli({"targets", "show", (ref / "vela.ini").string(), "--target", "ethos-u65"});
  ASSERT_EQ(ini.status, 0) << ini.err;
  EXPECT_NE(ini.out.find("Ethos_U65_Client_Server"), std::string::npos);
  EXPECT_NE(ini.out.find("Dedicated_Sram_512KB"), std::string::npos);
}

TEST(CliTargets, BadInputExitsWithTwoAndSaysWhy) {
  auto dir = testdata::tempDir();
  std::ofstream(dir / "bad.toml") << "target = \"ethos-u55\"\nmac = 300\n";
  auto r = cli({"targets", "show", (dir / "bad.toml").string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad.toml:2:7: mac"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mac must be one of 32, 64, 128, 256"), std::string::npos) << r.err;
  EXPECT_EQ(cli({"targets", "show", "ethos-u99"}).status, 2);
  EXPECT_EQ(cli({"targets"}).status, 2);
  EXPECT_EQ(cli({"targets", "frobnicate"}).status, 2);
  EXPECT_EQ(cli({"targets", "show", "tosa", "--bogus"}).status, 2);
  fs::remove_all(dir);
}
