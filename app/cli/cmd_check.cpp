// inferscope-cli check: MLIA-style checks of a model against a target profile. --compatibility (the
// default) says where every operator runs and why; the report is text, or JSON with --json FILE|-.
#include <filesystem>
#include <iostream>

#include "args.h"
#include "commands.h"
#include "core/analysis/analysis.h"
#include "core/compat/compat.h"
#include "core/model/loader.h"
#include "core/report/check.h"
#include "core/report/performance.h"
#include "core/targets/builtin_profiles.h"

namespace inferscope::cli {

namespace {

constexpr const char* kUsage =
    "usage: inferscope-cli check MODEL --target-profile NAME|PROFILE.toml [--compatibility] [--performance]\n"
    "                            [--json FILE|-]\n"
    "  --compatibility  where every operator runs and why (the default)\n"
    "  --performance    Vela-like estimates for Ethos-U targets: cycles, time, memory, per layer\n";

int fail(const std::string& msg) {
  std::cerr << "inferscope-cli check: " << msg << "\n" << kUsage;
  return kBadInput;
}

}  // namespace

int runCheck(const std::vector<std::string>& argv0) {
  // MLIA's short form: -t NAME.
  std::vector<std::string> argv;
  for (const auto& a : argv0) argv.push_back(a == "-t" ? "--target-profile" : a);
  Args args(argv, {"target-profile", "json"}, {"compatibility", "performance"});
  if (!args.error().empty()) return fail(args.error());
  if (args.positional().size() != 1) return fail("expected one MODEL");
  auto profileName = args.value("target-profile");
  if (!profileName) return fail("--target-profile is required (e.g. ethos-u55-128, cortex-a, tosa)");
  const bool wantPerformance = args.has("performance");
  const bool wantCompatibility = args.has("compatibility") || !wantPerformance;

  const auto& path = args.positional()[0];
  auto profile = targets::resolveProfile(*profileName);
  if (!profile) {
    std::cerr << "inferscope-cli: " << profile.error().message << "\n";
    return kBadInput;
  }
  auto model = model::loadModel(path);
  if (!model) {
    std::cerr << "inferscope-cli: " << model.error().message << "\n";
    return kBadInput;
  }

  analysis::Options options;
  options.compatibility = true;  // the estimate needs the placement
  options.performance = wantPerformance;
  auto run = analysis::analyze(*model, path, *profile, options);
  if (!run) {
    std::cerr << "inferscope-cli: " << run.error().message << "\n";
    return kBadInput;
  }
  report::CheckDocument doc(path, *profile);
  if (wantCompatibility) doc.add(report::compatibilitySection(*run->compat));
  if (run->performance) {
    auto network = std::filesystem::path(path).stem().string();
    doc.add(report::performanceSection(*run->performance, network));
  }
  doc.addAdvice(run->compat->advice);

  if (auto out = args.value("json")) {
    if (!writeOutput(*out, json::write(doc.json()) + "\n")) return kFailure;
    if (*out == "-") return kOk;
  }
  std::cout << doc.text();
  return kOk;
}

}  // namespace inferscope::cli
