// inferscope-cli check: MLIA-style checks of a model against a target profile. --compatibility (the
// default) says where every operator runs and why; --performance adds Vela-like estimates. The
// report is text, or JSON with --json FILE|-; --csv DIR and --pdf FILE write report files too.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "args.h"
#include "commands.h"
#include "console.h"
#include "core/analysis/analysis.h"
#include "core/compat/compat.h"
#include "core/model/loader.h"
#include "core/report/check.h"
#include "core/report/compare.h"
#include "core/report/export.h"
#include "core/report/performance.h"
#include "core/targets/builtin_profiles.h"
#include "core/util/fileio.h"
#include "report_program.h"
#include "startup.h"

namespace inferscope::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: inferscope-cli check MODEL --target-profile NAME|PROFILE.toml [--compatibility] [--performance]\n"
    "                            [--json FILE|-] [--csv DIR] [--pdf FILE] [--compare-targets]\n"
    "  --compatibility    where every operator runs and why (the default)\n"
    "  --performance      Vela-like estimates for Ethos-U targets: cycles, time, memory, per layer\n"
    "  --json FILE|-      the report as one JSON document (- : stdout instead of the text)\n"
    "  --csv DIR          CSV files in DIR (Ethos-U): <model>_per-layer.csv and <model>_summary_<config>.csv\n"
    "                     with Vela's columns, <model>_cpu-layers.csv, <model>_compatibility.csv\n"
    "  --pdf FILE         a PDF report (summary, advice, compatibility, charts, per-layer table, graph);\n"
    "                     rendered by inferscope-report, looked up next to inferscope-cli, then on PATH\n"
    "  --compare-targets  also estimate every Ethos-U built-in profile: a target comparison section in the\n"
    "                     PDF and <model>_targets.csv in the CSV directory\n"
    "  Without --compatibility/--performance, --csv and --pdf include both for Ethos-U targets.\n";

int fail(const std::string& msg) {
  err({"inferscope-cli check: ", msg, "\n", kUsage});
  return kBadInput;
}

int failure(const std::string& msg) {
  err({"inferscope-cli: ", msg, "\n"});
  return kFailure;
}

struct Request {
  std::string model, profile;
  bool compatibility = false, performance = false;
  std::optional<std::string> json, csv, pdf;
  bool compare = false;
};

std::optional<Request> parse(const std::vector<std::string>& argv0, std::string& error) {
  // MLIA's short form: -t NAME.
  std::vector<std::string> argv;
  for (const auto& a : argv0) argv.push_back(a == "-t" ? "--target-profile" : a);
  Args args(argv, {"target-profile", "json", "csv", "pdf"}, {"compatibility", "performance", "compare-targets"});
  if (!args.error().empty()) return error = args.error(), std::nullopt;
  if (args.positional().size() != 1) return error = "expected one MODEL", std::nullopt;
  Request r;
  r.model = args.positional()[0];
  auto profile = args.value("target-profile");
  if (!profile) return error = "--target-profile is required (e.g. ethos-u55-128, cortex-a, tosa)", std::nullopt;
  r.profile = *profile;
  r.compatibility = args.has("compatibility");
  r.performance = args.has("performance");
  r.json = args.value("json");
  r.csv = args.value("csv");
  r.pdf = args.value("pdf");
  r.compare = args.has("compare-targets");
  for (const auto* v : {&r.csv, &r.pdf})
    if (*v && ((*v)->empty() || **v == "-")) return error = "--csv and --pdf need a path (not '-')", std::nullopt;
  if (r.compare && !r.csv && !r.pdf) return error = "--compare-targets goes with --csv or --pdf", std::nullopt;
  return r;
}

// The run's document with the sections asked for, built for the forms that will be written.
report::CheckDocument makeDocument(const Request& req, const analysis::Analysis& run, bool compatibility,
                                   report::SectionForm form) {
  report::CheckDocument doc(req.model, run.profile);
  if (compatibility) doc.add(report::compatibilitySection(*run.compat));
  if (run.performance) doc.add(report::performanceSection(*run.performance, report::networkName(req.model), form));
  doc.addAdvice(run.compat->advice);
  return doc;
}

Result<std::vector<report::TargetFigures>> compareBuiltins(const analysis::Analysis& run) {
  std::vector<targets::TargetProfile> profiles;
  for (const auto& n : report::ethosUBuiltinProfiles())
    if (auto p = targets::builtinProfile(n)) profiles.push_back(std::move(*p));
  return report::compareTargets(run.model, run.modelPath, profiles);
}

int writeCsv(const Request& req, const analysis::Analysis& run) {
  auto files = report::writeCsvReports(*req.csv, run);
  if (!files) return files.error().code == ErrorCode::Usage ? fail(files.error().message) : failure(files.error().message);
  auto written = files->all();
  if (req.compare) {
    auto rows = compareBuiltins(run);
    if (!rows) return failure(rows.error().message);
    auto path = (fs::path(*req.csv) / (report::networkName(req.model) + "_targets.csv")).string();
    if (auto s = writeFileAtomic(path, std::string_view(report::comparisonCsv(*rows))); !s) return failure(s.error().message);
    written.push_back(path);
  }
  for (const auto& f : written) err({"inferscope-cli: wrote ", f, "\n"});
  return kOk;
}

// Writes `document` to a private temporary file for inferscope-report; removed on destruction.
class TempDocument {
 public:
  Status write(const json::Value& document) {
    std::error_code ec;
    auto dir = fs::temp_directory_path(ec);
    if (ec) dir = "/tmp";
    std::string pattern = (dir / "inferscope-run-XXXXXX.json").string();
    int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0) return makeError(ErrorCode::Io, "cannot create a temporary file in " + dir.string());
    ::close(fd);
    path_ = pattern;
    return writeFileAtomic(path_, std::string_view(json::write(document) + "\n"));
  }
  const std::string& path() const { return path_; }
  ~TempDocument() {
    std::error_code ec;
    if (!path_.empty()) fs::remove(path_, ec);
  }

 private:
  std::string path_;
};

int writePdf(const Request& req, const report::CheckDocument& doc) {
  auto program = findReportProgram();
  if (!program) return failure(program.error().message);
  TempDocument tmp;
  if (auto s = tmp.write(doc.json()); !s) return failure(s.error().message);
  std::vector<std::string> args = {req.model, "--target-profile", req.profile, "--pdf", *req.pdf, "--document", tmp.path()};
  if (req.compare) args.push_back("--compare-targets");
  auto status = runProgram(*program, args);
  if (!status) return failure(status.error().message);
  if (*status != 0) return failure("inferscope-report failed (exit status " + std::to_string(*status) + "); no PDF written");
  return kOk;
}

}  // namespace

int runCheck(const std::vector<std::string>& argv) {
  for (const auto& a : argv)
    if (a == "--help" || a == "-h") {
      out({kUsage});
      return kOk;
    }
  std::string error;
  auto req = parse(argv, error);
  if (!req) return fail(error);
  auto profile = targets::resolveProfile(req->profile);
  if (!profile) {
    err({"inferscope-cli: ", profile.error().message, "\n"});
    return kBadInput;
  }
  auto model = model::loadModel(req->model);
  if (!model) {
    err({"inferscope-cli: ", model.error().message, "\n"});
    return kBadInput;
  }
  // Report files carry both sections unless the sections were named.
  const bool files = req->csv || req->pdf;
  const bool named = req->compatibility || req->performance;
  const bool wantCompatibility = req->compatibility || !req->performance;
  const bool wantPerformance = req->performance || (files && !named && profile->isEthosU());

  analysis::Options options;
  // The compatibility section (text, JSON, the PDF's document); performance alone still checks
  // the placement, for the estimate and the advice.
  options.compatibility = wantCompatibility || req->pdf.has_value();
  options.performance = wantPerformance;
  // The CSV files and the PDF list every failing constraint; text and JSON without the compatibility
  // section show only primary reasons (in the advice).
  options.allReasons = options.compatibility || files;
  auto run = analysis::analyze(*model, req->model, *profile, options);
  if (!run) {
    err({"inferscope-cli: ", run.error().message, "\n"});
    return kBadInput;
  }
  // The text goes to stdout unless the JSON does.
  const bool printText = !req->json || *req->json != "-";
  auto doc = makeDocument(*req, *run, wantCompatibility,
                          !req->json ? report::SectionForm::Text
                                     : printText ? report::SectionForm::Both : report::SectionForm::Json);
  if (req->csv)
    if (int rc = writeCsv(*req, *run); rc != kOk) return rc;
  if (req->pdf) {
    // The PDF has every section the target supports, whatever the text and JSON show.
    auto full = makeDocument(*req, *run, true, report::SectionForm::Json);
    if (int rc = writePdf(*req, full); rc != kOk) return rc;
  }
  if (req->json) {
    if (!writeOutput(*req->json, json::write(doc.json()) + "\n")) return kFailure;
    if (*req->json == "-") finish(kOk);
  }
  doc.writeText([](std::string_view piece) { out({piece}); });
  finish(kOk);
}

}  // namespace inferscope::cli
