#include "widgets/analysis_controller.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include "core/targets/builtin_profiles.h"
#include "widgets/compat_overlay.h"
#include "widgets/model_view.h"

namespace inferscope::widgets {

namespace {
QString tr(const char* s) { return QCoreApplication::translate("AnalysisController", s); }
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

AnalysisOutcomePtr runAnalysis(const model::ModelPtr& model, const std::string& path, const ProfilePtr& profile,
                               const Progress& progress) {
  QElapsedTimer timer;
  timer.start();
  auto out = std::make_shared<AnalysisOutcome>();
  out->profile = profile;
  if (!model || !profile) {
    out->error = tr("Nothing to analyse.");
    return out;
  }
  // The compatibility check, for any target (core's uniform report, with the advice).
  compat::CheckOptions checkOptions;
  checkOptions.modelPath = path;
  if (auto report = compat::checkCompatibility(*model, *profile, checkOptions)) {
    out->report = std::make_shared<const compat::CompatReport>(std::move(*report));
    out->compat = compatFromReport(*out->report);
    out->compatOverlay = compatibilityOverlay(*out->compat);
  } else {
    out->compatUnavailable = qs(report.error().message);
  }
  if (!progress.report(0.1)) {
    out->error = tr("Analysis cancelled.");
    return out;
  }
  // The performance estimate (Ethos-U): the analysis run the CLI and the reports share.
  if (profile->isEthosU()) {
    analysis::Options options;
    options.performance = true;
    Progress sub{[&progress](double f) { return progress.report(0.1 + 0.9 * f); }};
    auto r = analysis::analyze(model, path, *profile, options, sub);
    if (!r) {
      if (r.error().code == ErrorCode::Cancelled) out->error = tr("Analysis cancelled.");
      else out->perfUnavailable = qs(r.error().message);
    } else {
      out->analysis = std::make_shared<const analysis::Analysis>(std::move(*r));
      int ops = model->subgraphs.empty() ? 0 : static_cast<int>(model->subgraphs[0].operators.size());
      out->costs = operatorCosts(*out->analysis->performance, ops);
      out->heatmap = cycleHeatmap(*out->analysis->performance, *out->costs);
    }
  } else {
    out->perfUnavailable = tr("Performance estimates need an Ethos-U target; profile '%1' targets %2.")
                               .arg(qs(profile->name), qs(profile->target));
  }
  out->milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  return out;
}

AnalysisController::AnalysisController(ModelView* view) : QObject(view), view_(view), profile_(defaultProfile()) {
  setObjectName(QStringLiteral("AnalysisController"));
  connect(view_, &ModelView::modelLoaded, this, &AnalysisController::onModelLoaded);
  connect(&runner_, &JobRunner::progressChanged, this, [this](double f) {
    progress_ = f;
    Q_EMIT progressChanged(f);
  });
  if (view_->model()) run();
}

AnalysisController::~AnalysisController() = default;

AnalysisController* AnalysisController::of(const ModelView* view) {
  return view ? view->findChild<AnalysisController*>(QStringLiteral("AnalysisController"), Qt::FindDirectChildrenOnly)
              : nullptr;
}

ProfilePtr AnalysisController::defaultProfile() {
  static const ProfilePtr p = [] {
    auto r = targets::builtinProfile("ethos-u55-128");
    return r ? std::make_shared<const targets::TargetProfile>(std::move(*r)) : ProfilePtr{};
  }();
  return p;
}

void AnalysisController::setProfile(ProfilePtr profile) {
  if (!profile) profile = defaultProfile();
  if (profile == profile_) return;
  profile_ = std::move(profile);
  run();
}

void AnalysisController::setOverlay(Overlay overlay) {
  if (overlay == overlay_) return;
  overlay_ = overlay;
  applyOverlay(true);
}

void AnalysisController::onModelLoaded() {
  // The previous outcome describes another model: drop it before anything shows it.
  runner_.cancel();
  outcome_.reset();
  applyOverlay(false);
  Q_EMIT outcomeChanged();
  run();
}

void AnalysisController::run() {
  auto model = view_->model();
  if (!model || !profile_) return;
  progress_ = 0;
  setState(State::Running);
  runner_.start(
      [model, path = view_->document()->path().toStdString(), profile = profile_](const JobContext& ctx) {
        return runAnalysis(model, path, profile, ctx.progress());
      },
      [this](const AnalysisOutcomePtr& outcome) {
        outcome_ = outcome;
        applyOverlay(false);
        setState(outcome->ok() ? State::Ready : State::Failed);
        Q_EMIT outcomeChanged();
      });
}

void AnalysisController::cancel() {
  if (!runner_.busy()) return;
  runner_.cancel();
  setState(State::Cancelled);
}

void AnalysisController::setState(State s) {
  if (s == state_ && s != State::Running) return;
  state_ = s;
  Q_EMIT stateChanged(s);
}

void AnalysisController::applyOverlay(bool force) {
  NodeDecorationsPtr want;
  if (outcome_) {
    if (overlay_ == Overlay::Compatibility) want = outcome_->compatOverlay;
    else if (overlay_ == Overlay::Cycles) want = outcome_->heatmap;
  }
  // Another feature's overlay stays up unless the user picked one of ours.
  const auto& current = view_->decorations();
  bool ours = !current || current == applied_;
  if (!ours && !(force && want)) return;
  if (current == want) return;
  applied_ = want;
  view_->setDecorations(want);
}

}  // namespace inferscope::widgets
