// One open model's analysis: the compatibility check and the performance estimate against the
// active target profile, run in the background (JobRunner: cancellable, stale results dropped)
// whenever the model or the profile changes, and the overlay it puts on the model's graph.
//
//   auto* c = new AnalysisController(modelView);   // a child of the view; runs once the model loads
//   c->setProfile(profile);                        // re-runs; a run still going is cancelled
//   c->setOverlay(AnalysisController::Overlay::Compatibility);
//   connect(c, &AnalysisController::outcomeChanged, ...);  // c->outcome()
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "core/analysis/analysis.h"
#include "widgets/compat_data.h"
#include "widgets/job_runner.h"
#include "widgets/node_decorations.h"
#include "widgets/perf_heatmap.h"

namespace inferscope::widgets {

class ModelView;

using ProfilePtr = std::shared_ptr<const targets::TargetProfile>;

// What one run produced, ready for the views (everything is built on the worker thread).
struct AnalysisOutcome {
  ProfilePtr profile;
  std::shared_ptr<const analysis::Analysis> analysis;  // performance (Ethos-U); null when the run failed
  std::shared_ptr<const compat::CompatReport> report;  // the compatibility check, any target
  CompatDataPtr compat;                                // the same, as the views show it
  OperatorCostsPtr costs;                              // null: no performance estimate
  NodeDecorationsPtr compatOverlay, heatmap;
  QString compatUnavailable;  // why compat is null (the profile cannot be checked)
  QString perfUnavailable;    // why there is no estimate
  QString error;              // why the run failed
  double milliseconds = 0;    // wall time of the run

  bool ok() const { return error.isEmpty(); }
  const estimate::Estimate* estimate() const {
    return analysis && analysis->performance ? &*analysis->performance : nullptr;
  }
};
using AnalysisOutcomePtr = std::shared_ptr<const AnalysisOutcome>;

// The work of one run (what the controller's job calls; usable without a GUI).
AnalysisOutcomePtr runAnalysis(const model::ModelPtr& model, const std::string& path, const ProfilePtr& profile,
                               const Progress& progress = {});

class AnalysisController : public QObject {
  Q_OBJECT
 public:
  enum class Overlay { None, Compatibility, Cycles };
  enum class State { Idle, Running, Ready, Failed, Cancelled };

  explicit AnalysisController(ModelView* view);
  ~AnalysisController() override;

  // The controller of a model view, if it has one.
  static AnalysisController* of(const ModelView* view);
  // The profile used until the user picks one: the built-in "ethos-u55-128".
  static ProfilePtr defaultProfile();

  ModelView* view() const { return view_; }
  const ProfilePtr& profile() const { return profile_; }
  void setProfile(ProfilePtr profile);  // re-runs (null: the default profile)

  Overlay overlay() const { return overlay_; }
  void setOverlay(Overlay overlay);

  void run();     // (re)starts the analysis of the current model with the current profile
  void cancel();  // the running analysis stops; its result is dropped
  State state() const { return state_; }
  bool busy() const { return runner_.busy(); }
  double progress() const { return progress_; }
  // The last completed run (null before the first one, and after the model changed).
  const AnalysisOutcomePtr& outcome() const { return outcome_; }

 Q_SIGNALS:
  void stateChanged(inferscope::widgets::AnalysisController::State state);
  void progressChanged(double fraction);
  void outcomeChanged();

 private:
  void setState(State s);
  void applyOverlay(bool force);
  void onModelLoaded();

  ModelView* view_;
  JobRunner runner_;
  ProfilePtr profile_;
  Overlay overlay_ = Overlay::None;
  State state_ = State::Idle;
  double progress_ = 0;
  AnalysisOutcomePtr outcome_;
  NodeDecorationsPtr applied_;  // the decorations this controller put on the view
};

}  // namespace inferscope::widgets
