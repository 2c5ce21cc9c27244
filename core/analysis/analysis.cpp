#include "core/analysis/analysis.h"

#include "core/estimate/estimate.h"
#include "core/estimate/from_profile.h"
#include "core/util/workers.h"

namespace inferscope::analysis {

Result<Analysis> analyze(model::ModelPtr model, const std::string& modelPath, const targets::TargetProfile& profile,
                         const Options& options, const Progress& progress) {
  if (!model) return makeError(ErrorCode::Usage, "no model to analyse");
  Analysis a;
  a.model = model;
  a.modelPath = modelPath;
  a.profile = profile;
  if (options.performance && !profile.isEthosU())
    return makeError(ErrorCode::Config, "performance estimates need an Ethos-U target; '" + profile.name +
                                            "' is " + profile.target);
  // The estimate's helper threads start now, to be running when it needs them.
  if (options.performance) util::startHelpers(estimate::helpersWanted(*model));
  if (options.compatibility || options.performance) {
    compat::CheckOptions co;
    co.modelPath = modelPath;
    co.operators = options.compatibility;
    co.ethosUReasons = options.allReasons ? compat::ReasonDepth::All : compat::ReasonDepth::Primary;
    auto c = compat::checkCompatibility(*model, profile, co);
    if (!c) return c.error();
    a.compat = std::move(*c);
    a.ethosU = a.compat->ethosU;
    if (!progress.report(0.2)) return makeError(ErrorCode::Cancelled, "analysis cancelled");
  }
  if (options.performance) {
    auto cfg = estimate::configFromProfile(profile);
    if (!cfg) return cfg.error();
    Progress sub{[&](double f) { return progress.report(0.2 + 0.8 * f); }};
    auto e = estimate::estimateEthosU(*model, compat::npuPlacement(*a.ethosU), *cfg, sub);
    if (!e) return e.error();
    a.performance = std::move(*e);
  }
  progress.report(1.0);
  return a;
}

}  // namespace inferscope::analysis
