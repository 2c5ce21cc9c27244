// The analysis in the main window: the Compatibility and Performance docks, the Analysis menu and
// toolbar (overlay: none / compatibility / cycle heat map; run again; cancel), the status-bar
// progress, and the operator's analysis in the properties sidebar. Each open model gets an
// AnalysisController; the docks follow the current tab. The active target profile applies to every
// open model (setProfile re-runs them all in the background).
#pragma once

#include <QMainWindow>
#include <QPointer>

#include "widgets/analysis_controller.h"

class QAction;
class QDockWidget;
class QProgressBar;
class QToolButton;

namespace inferscope::widgets {

class CompatPanel;
class PerfPanel;
class PropertiesPanel;

class AnalysisPanels : public QObject {
  Q_OBJECT
 public:
  using Overlay = AnalysisController::Overlay;

  // Call before the window restores its dock layout, after its menus exist (the Analysis menu
  // goes before the last one, Help).
  AnalysisPanels(QMainWindow* window, PropertiesPanel* properties);

  void attach(ModelView* view);  // gives the view its controller
  void setCurrentView(ModelView* view);
  AnalysisController* currentController() const;

  const ProfilePtr& profile() const { return profile_; }
  Overlay overlay() const { return overlay_; }

  CompatPanel* compatPanel() const { return compat_; }
  PerfPanel* perfPanel() const { return perf_; }
  QDockWidget* compatDock() const { return compatDock_; }
  QDockWidget* perfDock() const { return perfDock_; }

 public Q_SLOTS:
  // The active target profile (null: the default); every open model is analysed again.
  void setProfile(std::shared_ptr<const inferscope::targets::TargetProfile> profile);
  void setOverlay(inferscope::widgets::AnalysisController::Overlay overlay);

 Q_SIGNALS:
  // The analysis of the selected operator changed: the properties sidebar should be rebuilt.
  void propertiesChanged();

 private:
  void createDocks();
  void createActions();
  void updateStatus();
  void syncSelection();
  void activate(int subgraph, int op);

  QMainWindow* window_;
  PropertiesPanel* properties_;
  ProfilePtr profile_;
  Overlay overlay_ = Overlay::None;
  QPointer<ModelView> current_;
  QList<QMetaObject::Connection> currentConns_;
  CompatPanel* compat_ = nullptr;
  PerfPanel* perf_ = nullptr;
  QDockWidget *compatDock_ = nullptr, *perfDock_ = nullptr;
  QAction* overlayActions_[3] = {};
  QAction *runAction_ = nullptr, *cancelAction_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QToolButton* cancel_ = nullptr;
};

}  // namespace inferscope::widgets
