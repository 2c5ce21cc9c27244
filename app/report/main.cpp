// inferscope-report: renders the PDF report of one analysis run. inferscope-cli runs it for
// `check ... --pdf FILE` (passing the run's JSON document), so the CLI itself never loads Qt and
// starts in milliseconds. Needs no display: it uses Qt's offscreen platform when none is set up.
//
//   inferscope-report MODEL --target-profile T --pdf FILE [--document RUN.json] [--compare-targets]
//                     [--title TEXT] [--no-graph] [--profile-label TEXT]
//
// The GUI runs it too (widgets/report_process.h), handing an edited, unsaved profile over as a
// temporary file; --profile-label then says what the profile is instead of that file's path.
#include <QApplication>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "core/analysis/analysis.h"
#include "core/model/loader.h"
#include "core/report/compare.h"
#include "core/targets/builtin_profiles.h"
#include "core/util/fileio.h"
#include "widgets/report/pdf_report.h"

using namespace inferscope;

namespace {

constexpr const char* kUsage =
    "usage: inferscope-report MODEL --target-profile NAME|PROFILE.toml --pdf FILE [--document RUN.json]\n"
    "                         [--compare-targets] [--title TEXT] [--no-graph] [--profile-label TEXT]\n";

enum Exit : int { kOk = 0, kFailure = 1, kBadInput = 2 };

int fail(const std::string& msg, int code = kBadInput) {
  std::cerr << "inferscope-report: " << msg << "\n";
  if (code == kBadInput) std::cerr << kUsage;
  return code;
}

// Qt needs a platform; without a display the offscreen one renders everything a PDF needs.
void chooseHeadlessPlatform() {
  if (std::getenv("QT_QPA_PLATFORM")) return;
  if (std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY")) return;
  setenv("QT_QPA_PLATFORM", "offscreen", 1);
}

// Qt's note that XDG_RUNTIME_DIR is unset says nothing about the report; everything else is passed on.
void messageHandler(QtMsgType type, const QMessageLogContext&, const QString& msg) {
  if (type == QtWarningMsg && msg.startsWith(QLatin1String("QStandardPaths:"))) return;
  std::cerr << msg.toStdString() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string modelPath, profileName, pdfPath, documentPath, title;
  std::optional<std::string> profileLabel;
  bool compare = false, graph = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kOk;
    }
    if (a == "--target-profile" || a == "-t") {
      if (!value(profileName)) return fail(a + " needs a value");
    } else if (a == "--pdf") {
      if (!value(pdfPath)) return fail("--pdf needs a value");
    } else if (a == "--document") {
      if (!value(documentPath)) return fail("--document needs a value");
    } else if (a == "--title") {
      if (!value(title)) return fail("--title needs a value");
    } else if (a == "--profile-label") {
      if (!value(profileLabel.emplace())) return fail("--profile-label needs a value");
    } else if (a == "--compare-targets") {
      compare = true;
    } else if (a == "--no-graph") {
      graph = false;
    } else if (a.rfind("--", 0) == 0) {
      return fail("unknown option " + a);
    } else if (modelPath.empty()) {
      modelPath = a;
    } else {
      return fail("expected one MODEL");
    }
  }
  if (modelPath.empty() || profileName.empty() || pdfPath.empty()) return fail("MODEL, --target-profile and --pdf are required");

  auto profile = targets::resolveProfile(profileName);
  if (!profile) return fail(profile.error().message);
  auto model = model::loadModel(modelPath);
  if (!model) return fail(model.error().message);
  json::Value document;
  if (!documentPath.empty()) {
    auto text = readTextFile(documentPath);
    if (!text) return fail(text.error().message);
    auto doc = json::parse(*text);
    if (!doc) return fail(documentPath + ": " + doc.error().message);
    document = std::move(*doc);
  }
  analysis::Options options;
  options.performance = profile->isEthosU();
  auto run = analysis::analyze(*model, modelPath, *profile, options);
  if (!run) return fail(run.error().message);

  // The document must describe this very run: the figures in the PDF are the CLI's figures.
  if (run->performance && document["performance"].contains("total_cycles")) {
    double theirs = document["performance"]["total_cycles"].asDouble(), ours = run->performance->totalCycles;
    if (std::abs(theirs - ours) > 1e-6 * std::max(1.0, ours))
      return fail(documentPath + " does not describe this model and profile (total cycles " + std::to_string(theirs) +
                      ", this run " + std::to_string(ours) + ")",
                  kFailure);
  }
  chooseHeadlessPlatform();
  qInstallMessageHandler(messageHandler);
  QApplication app(argc, argv);
  widgets::PdfReportInput input;
  // The title page names the profile's file (or says built-in); the label replaces that.
  if (profileLabel) run->profile.sourcePath = *profileLabel;
  input.analysis = std::make_shared<analysis::Analysis>(std::move(*run));
  input.document = std::move(document);
  input.title = QString::fromStdString(title);
  input.includeGraph = graph;
  if (compare) {
    std::vector<targets::TargetProfile> profiles;
    for (const auto& n : report::ethosUBuiltinProfiles())
      if (auto p = targets::builtinProfile(n)) profiles.push_back(std::move(*p));
    auto rows = report::compareTargets(*model, modelPath, profiles);
    if (!rows) return fail(rows.error().message, kFailure);
    input.comparison = std::move(*rows);
  }
  auto pages = widgets::writePdfReport(QString::fromStdString(pdfPath), input);
  if (!pages) return fail(pages.error().message, kFailure);
  std::cerr << "inferscope-report: wrote " << pdfPath << " (" << *pages << " pages)\n";
  return kOk;
}
