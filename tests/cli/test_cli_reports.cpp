// inferscope-cli check --csv DIR --json FILE --pdf FILE: the report files of one run, read back.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/util/csv.h"
#include "core/util/json.h"
#include "core/util/text.h"
#include "support/run_cli.h"
#include "support/shared_data.h"

using namespace inferscope;
using testdata::runCli;
namespace fs = std::filesystem;

namespace {

// inferscope-report is built with the GUI, next to inferscope-cli.
fs::path reportProgram() { return fs::path(INFERSCOPE_CLI).parent_path() / "inferscope-report"; }

bool haveTool(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs a poppler tool on a PDF and returns what it printed.
std::string popplerOutput(const std::string& tool, const fs::path& pdf) {
  std::string out;
  std::string cmd = tool + " '" + pdf.string() + "'" + (tool == "pdftotext" ? " -layout - " : "") + " 2>/dev/null";
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

int pdfPages(const fs::path& pdf) {
  auto info = popplerOutput("pdfinfo", pdf);
  auto at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

csv::Table readCsv(const fs::path& p) {
  auto t = csv::Table::parse(testdata::readFile(p));
  EXPECT_TRUE(t.ok()) << p;
  return t.ok() ? *t : csv::Table();
}

#define REQUIRE_PDF_TOOLS()                                                                                    \
  do {                                                                                                         \
    if (!fs::exists(reportProgram()))                                                                          \
      GTEST_SKIP() << "inferscope-report is not built (configure with -DINFERSCOPE_BUILD_GUI=ON): " << reportProgram(); \
    if (!haveTool("pdftotext") || !haveTool("pdfinfo"))                                                        \
      GTEST_SKIP() << "pdftotext/pdfinfo (poppler-utils) are not installed";                                   \
  } while (0)

}  // namespace

TEST(CliReports, CsvAndJsonFilesRoundTrip) {
  auto dir = testdata::tempDir();
  auto json = dir / "run.json";
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--csv", (dir / "csv").string(), "--json", json.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("Network summary for sample"), std::string::npos) << "report files imply --performance";
  auto doc = json::parse(testdata::readFile(json));
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  // The file is the document --json - prints.
  auto printed = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--compatibility", "--performance", "--json", "-"});
  ASSERT_EQ(printed.status, 0) << printed.err;
  EXPECT_EQ(testdata::readFile(json), printed.out);
  const auto& perf = (*doc)["performance"];

  auto layers = readCsv(dir / "csv" / "sample_per-layer.csv");
  for (const char* col : {"TFLite_operator", "NNG Operator", "SRAM Usage", "Op Cycles", "NPU", "SRAM AC", "MAC Count", "Util%", "Name"})
    EXPECT_GE(layers.column(col), 0) << col;
  ASSERT_EQ(layers.size(), perf["layers"].size());
  double sum = 0;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    sum += std::stod(layers.get(i, "Op Cycles"));
    EXPECT_EQ(layers.get(i, "Name"), perf["layers"][i]["name"].asString()) << i;
  }
  EXPECT_NEAR(sum, perf["total_cycles"].asDouble(), 1e-6 * sum);

  fs::path summaryPath;
  for (const auto& e : fs::directory_iterator(dir / "csv"))
    if (e.path().filename().string().rfind("sample_summary_", 0) == 0) summaryPath = e.path();
  ASSERT_FALSE(summaryPath.empty());
  auto summary = readCsv(summaryPath);
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary.get(0, "network"), "sample");
  EXPECT_NEAR(std::stod(summary.get(0, "cycles_total")), perf["total_cycles"].asDouble(), 1.0);
  EXPECT_NEAR(std::stod(summary.get(0, "sram_memory_used")), perf["sram_used_kib"].asDouble(), 1e-3);

  auto compat = readCsv(dir / "csv" / "sample_compatibility.csv");
  ASSERT_EQ(compat.size(), (*doc)["compatibility"]["operators"].size());
  int cpu = 0;
  for (std::size_t i = 0; i < compat.size(); ++i)
    if (compat.get(i, "placement") == "CPU") {
      ++cpu;
      EXPECT_NE(compat.get(i, "reasons").find("stride"), std::string::npos) << compat.get(i, "reasons");
    }
  EXPECT_EQ(cpu, 1);
  EXPECT_TRUE(fs::exists(dir / "csv" / "sample_cpu-layers.csv"));
  fs::remove_all(dir);
}

TEST(CliReports, CompareTargetsWritesOneRowPerEthosUBuiltin) {
  auto dir = testdata::tempDir();
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u65-256", "--csv", dir.string(), "--compare-targets"});
  ASSERT_EQ(r.status, 0) << r.err;
  auto t = readCsv(dir / "sample_targets.csv");
  EXPECT_EQ(t.size(), 11u);
  for (std::size_t i = 0; i < t.size(); ++i) {
    EXPECT_TRUE(t.get(i, "error").empty()) << t.get(i, "profile");
    EXPECT_GT(std::stod(t.get(i, "total_time_ms")), 0) << t.get(i, "profile");
  }
  fs::remove_all(dir);
}

TEST(CliReports, BadReportRequests) {
  auto dir = testdata::tempDir();
  auto cortex = runCli({"check", INFERSCOPE_SAMPLE, "-t", "cortex-a", "--csv", dir.string()});
  EXPECT_EQ(cortex.status, 2);
  EXPECT_NE(cortex.err.find("need an Ethos-U target"), std::string::npos) << cortex.err;
  auto alone = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--compare-targets"});
  EXPECT_EQ(alone.status, 2);
  auto missing = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--pdf", (dir / "x.pdf").string()},
                        {"INFERSCOPE_REPORT=" + (dir / "no-such-program").string()});
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("not an executable"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(dir / "x.pdf"));
  auto dash = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--pdf", "-"});
  EXPECT_EQ(dash.status, 2);
  auto help = runCli({"check", "--help"});
  EXPECT_EQ(help.status, 0);
  for (const char* option : {"--csv DIR", "--pdf FILE", "--compare-targets", "inferscope-report"})
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
  fs::remove_all(dir);
}

TEST(CliReports, ReportProgramRefusesADocumentOfAnotherRun) {
  REQUIRE_PDF_TOOLS();
  auto dir = testdata::tempDir();
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--performance", "--json", (dir / "run.json").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  // The same document for another profile: its figures are not this run's.
  std::string cmd = "'" + reportProgram().string() + "' '" INFERSCOPE_SAMPLE "' --target-profile ethos-u65-512 --pdf '" +
                    (dir / "x.pdf").string() + "' --document '" + (dir / "run.json").string() + "' 2>'" +
                    (dir / "err").string() + "'";
  int status = std::system(cmd.c_str());
  EXPECT_NE(status, 0);
  EXPECT_NE(testdata::readFile(dir / "err").find("does not describe this model and profile"), std::string::npos)
      << testdata::readFile(dir / "err");
  EXPECT_FALSE(fs::exists(dir / "x.pdf"));
  fs::remove_all(dir);
}

TEST(CliReports, PdfOfTheSampleModel) {
  REQUIRE_PDF_TOOLS();
  auto dir = testdata::tempDir();
  auto pdf = dir / "sample report.pdf";
  auto r = runCli({"check", INFERSCOPE_SAMPLE, "-t", "ethos-u55-128", "--pdf", pdf.string(), "--json", (dir / "run.json").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  int pages = pdfPages(pdf);
  EXPECT_GE(pages, 6);
  EXPECT_LE(pages, 14);
  auto text = popplerOutput("pdftotext", pdf);
  for (const char* s : {"Performance report", "sample", "ethos-u55-128", "Total SRAM used", "Advice", "Compatibility",
                        "Per-layer performance", "CONV_2D", "Graph with NPU / CPU placement"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_NE(text.find("Page 1 of " + std::to_string(pages)), std::string::npos);
  // The PDF shows the CLI's figures.
  auto doc = json::parse(testdata::readFile(dir / "run.json"));
  ASSERT_TRUE(doc.ok());
  auto cycles = text::withSeparators(std::llround((*doc)["performance"]["total_cycles"].asDouble()));
  EXPECT_NE(text.find(cycles), std::string::npos) << cycles;
  fs::remove_all(dir);
}

TEST(CliReports, PdfOfMobileNetV2WithTargetComparison) {
  INFERSCOPE_REQUIRE_SHARED();
  REQUIRE_PDF_TOOLS();
  auto model = testdata::sharedDir() / "models/tflite-micro" /
               "third_party__xtensa__examples__pytorch_to_tflite__mobilenet_v2_quantized_1x3x224x224.tflite";
  if (!fs::exists(model)) GTEST_SKIP() << model << " is absent";
  auto dir = testdata::tempDir();
  auto pdf = dir / "mobilenet_v2.pdf";
  auto r = runCli({"check", model.string(), "-t", "ethos-u55-128", "--pdf", pdf.string(), "--compare-targets", "--json",
                   (dir / "run.json").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  int pages = pdfPages(pdf);
  EXPECT_GE(pages, 9);
  EXPECT_LE(pages, 20);
  auto text = popplerOutput("pdftotext", pdf);
  for (const char* s : {"mobilenet_v2_quantized", "ethos-u55-128", "Total SRAM used", "DEPTHWISE_CONV_2D", "TRANSPOSE",
                        "Target comparison", "ethos-u85-2048", "Tensor arena"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_NE(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)), std::string::npos);
  auto doc = json::parse(testdata::readFile(dir / "run.json"));
  ASSERT_TRUE(doc.ok());
  char sram[32];
  std::snprintf(sram, sizeof sram, "%.2f", (*doc)["performance"]["sram_used_kib"].asDouble());
  std::string fixed(sram);
  auto dot = fixed.find('.');
  auto shown = text::withSeparators(std::stoll(fixed.substr(0, dot))) + fixed.substr(dot);  // "1,474.34"
  EXPECT_NE(text.find(shown), std::string::npos) << shown;
  fs::remove_all(dir);
}
