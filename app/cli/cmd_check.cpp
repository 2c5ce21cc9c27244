// inferscope-cli check: MLIA-style checks of a model against a target profile. --compatibility (the
// default) says where every operator runs and why; the report is text, or JSON with --json FILE|-.
#include <iostream>

#include "args.h"
#include "commands.h"
#include "core/compat/compat.h"
#include "core/model/loader.h"
#include "core/report/check.h"
#include "core/targets/builtin_profiles.h"

namespace inferscope::cli {

namespace {

constexpr const char* kUsage =
    "usage: inferscope-cli check MODEL --target-profile NAME|PROFILE.toml [--compatibility] [--json FILE|-]\n";

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
  if (args.has("performance") && !args.has("compatibility"))
    return fail("--performance is not available yet; use --compatibility");

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

  report::CheckDocument doc(path, *profile);
  compat::CheckOptions options;
  options.modelPath = path;
  auto compat = compat::checkCompatibility(**model, *profile, options);
  if (!compat) {
    std::cerr << "inferscope-cli: " << compat.error().message << "\n";
    return kBadInput;
  }
  doc.add(report::compatibilitySection(*compat));
  doc.addAdvice(compat->advice);

  if (auto out = args.value("json")) {
    if (!writeOutput(*out, json::write(doc.json()) + "\n")) return kFailure;
    if (*out == "-") return kOk;
  }
  std::cout << doc.text();
  return kOk;
}

}  // namespace inferscope::cli
