#include "widgets/analysis_panels.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include "widgets/analysis_properties.h"
#include "widgets/compat_panel.h"
#include "widgets/model_view.h"
#include "widgets/perf_panel.h"
#include "widgets/properties_panel.h"

namespace inferscope::widgets {

namespace {
const QString kOverlayKey = QStringLiteral("analysis/overlay");
}

AnalysisPanels::AnalysisPanels(QMainWindow* window, PropertiesPanel* properties)
    : QObject(window), window_(window), properties_(properties), profile_(AnalysisController::defaultProfile()) {
  overlay_ = static_cast<Overlay>(std::clamp(QSettings().value(kOverlayKey, 0).toInt(), 0, 2));
  createDocks();
  createActions();
  properties_->setOperatorSections([this](PropertyItem* root, int subgraph, int op) {
    if (auto* c = currentController(); c && c->outcome()) addAnalysisProperties(root, *c->outcome(), subgraph, op);
  });
  setCurrentView(nullptr);
}

void AnalysisPanels::createDocks() {
  compat_ = new CompatPanel(window_);
  perf_ = new PerfPanel(window_);
  auto dock = [this](const QString& title, const char* name, QWidget* w) {
    auto* d = new QDockWidget(title, window_);
    d->setObjectName(QString::fromLatin1(name));
    d->setWidget(w);
    window_->addDockWidget(Qt::BottomDockWidgetArea, d);
    return d;
  };
  compatDock_ = dock(tr("Compatibility"), "CompatibilityDock", compat_);
  perfDock_ = dock(tr("Performance"), "PerformanceDock", perf_);
  // With the operators table, as tabs of the bottom area.
  if (auto* ops = window_->findChild<QDockWidget*>(QStringLiteral("OperatorsDock"))) {
    window_->tabifyDockWidget(ops, compatDock_);
    window_->tabifyDockWidget(compatDock_, perfDock_);
  } else {
    window_->tabifyDockWidget(compatDock_, perfDock_);
  }
  compatDock_->raise();
  window_->resizeDocks({compatDock_}, {330}, Qt::Vertical);
  connect(compat_, &CompatPanel::operatorActivated, this, &AnalysisPanels::activate);
  connect(perf_, &PerfPanel::operatorActivated, this, &AnalysisPanels::activate);
}

void AnalysisPanels::createActions() {
  auto* group = new QActionGroup(this);
  group->setExclusive(true);
  const struct {
    const char* name;
    QString text, iconText, tip;
    QKeySequence key;
  } overlays[] = {
      {"actionOverlayNone", tr("&No Overlay"), tr("No overlay"), tr("Show the graph in its operator colours"),
       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_0)},
      {"actionOverlayCompatibility", tr("&Compatibility Overlay"), tr("Compatibility"),
       tr("Colour every operator by where it runs on the target (NPU / CPU), with the reason as tooltip"),
       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
      {"actionOverlayCycles", tr("Cycle &Heat Map"), tr("Cycles"),
       tr("Colour every operator by its share of the estimated inference time"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)},
  };
  for (int i = 0; i < 3; ++i) {
    auto* a = new QAction(overlays[i].text, window_);
    a->setObjectName(QString::fromLatin1(overlays[i].name));
    a->setIconText(overlays[i].iconText);
    a->setToolTip(overlays[i].tip);
    a->setStatusTip(overlays[i].tip);
    a->setShortcut(overlays[i].key);
    a->setCheckable(true);
    a->setChecked(static_cast<int>(overlay_) == i);
    group->addAction(a);
    connect(a, &QAction::triggered, this, [this, i] { setOverlay(static_cast<Overlay>(i)); });
    overlayActions_[i] = a;
  }
  runAction_ = new QAction(tr("&Run Analysis Again"), window_);
  runAction_->setObjectName(QStringLiteral("actionRunAnalysis"));
  runAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  connect(runAction_, &QAction::triggered, this, [this] { if (auto* c = currentController()) c->run(); });
  cancelAction_ = new QAction(tr("&Cancel Analysis"), window_);
  cancelAction_->setObjectName(QStringLiteral("actionCancelAnalysis"));
  connect(cancelAction_, &QAction::triggered, this, [this] { if (auto* c = currentController()) c->cancel(); });
  for (auto* a : group->actions()) window_->addAction(a);
  window_->addAction(runAction_);
  window_->addAction(cancelAction_);

  auto* menu = new QMenu(tr("&Analysis"), window_);
  menu->addActions(group->actions());
  menu->addSeparator();
  menu->addAction(runAction_);
  menu->addAction(cancelAction_);
  menu->addSeparator();
  menu->addAction(compatDock_->toggleViewAction());
  menu->addAction(perfDock_->toggleViewAction());
  auto* bar = window_->menuBar();
  const auto menus = bar->actions();
  if (menus.isEmpty()) bar->addMenu(menu);
  else bar->insertMenu(menus.last(), menu);

  auto* tb = new QToolBar(tr("Analysis"), window_);
  tb->setObjectName(QStringLiteral("AnalysisToolBar"));
  tb->setToolButtonStyle(Qt::ToolButtonTextOnly);
  tb->setMovable(true);
  auto* label = new QLabel(tr("Overlay:"), tb);
  label->setContentsMargins(6, 0, 4, 0);
  tb->addWidget(label);
  tb->addActions(group->actions());
  window_->addToolBar(Qt::TopToolBarArea, tb);

  progress_ = new QProgressBar(window_);
  progress_->setRange(0, 100);
  progress_->setMaximumWidth(160);
  progress_->setFormat(tr("Analysis %p%"));
  progress_->hide();
  cancel_ = new QToolButton(window_);
  cancel_->setDefaultAction(cancelAction_);
  cancel_->setText(tr("Cancel"));
  cancel_->setAutoRaise(true);
  cancel_->hide();
  window_->statusBar()->addPermanentWidget(progress_);
  window_->statusBar()->addPermanentWidget(cancel_);
}

void AnalysisPanels::attach(ModelView* view) {
  auto* c = AnalysisController::of(view);
  if (!c) c = new AnalysisController(view);
  c->setProfile(profile_);
  c->setOverlay(overlay_);
  connect(c, &AnalysisController::outcomeChanged, this, [this, c] {
    if (c != currentController()) return;
    syncSelection();
    if (current_ && current_->selection().kind == Selection::Kind::Operator) Q_EMIT propertiesChanged();
  });
}

AnalysisController* AnalysisPanels::currentController() const { return AnalysisController::of(current_); }

void AnalysisPanels::setCurrentView(ModelView* view) {
  for (const auto& conn : currentConns_) disconnect(conn);
  currentConns_.clear();
  current_ = view;
  auto* c = currentController();
  compat_->setController(c);
  perf_->setController(c);
  if (c) {
    currentConns_ << connect(c, &AnalysisController::stateChanged, this, &AnalysisPanels::updateStatus)
                  << connect(c, &AnalysisController::progressChanged, this, &AnalysisPanels::updateStatus)
                  << connect(view, &ModelView::selectionChanged, this, &AnalysisPanels::syncSelection);
  }
  updateStatus();
}

void AnalysisPanels::setProfile(std::shared_ptr<const targets::TargetProfile> profile) {
  profile_ = profile ? std::move(profile) : AnalysisController::defaultProfile();
  for (auto* c : window_->findChildren<AnalysisController*>()) c->setProfile(profile_);
}

void AnalysisPanels::setOverlay(Overlay overlay) {
  overlay_ = overlay;
  overlayActions_[static_cast<int>(overlay)]->setChecked(true);
  QSettings().setValue(kOverlayKey, static_cast<int>(overlay));
  for (auto* c : window_->findChildren<AnalysisController*>()) c->setOverlay(overlay);
}

void AnalysisPanels::updateStatus() {
  auto* c = currentController();
  const bool busy = c && c->busy();
  progress_->setVisible(busy);
  cancel_->setVisible(busy);
  if (busy) progress_->setValue(static_cast<int>(c->progress() * 100));
  runAction_->setEnabled(c && c->view()->model());
  cancelAction_->setEnabled(busy);
}

void AnalysisPanels::syncSelection() {
  if (!current_) return;
  const auto& s = current_->selection();
  int sg = s.kind == Selection::Kind::Operator ? s.subgraph : -1, op = s.kind == Selection::Kind::Operator ? s.index : -1;
  compat_->selectOperator(sg, op);
  perf_->selectOperator(sg, op);
}

void AnalysisPanels::activate(int subgraph, int op) {
  if (current_) current_->selectOperator(subgraph, op);
}

}  // namespace inferscope::widgets
