#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/util/text.h"
#include "widgets/analysis_panels.h"
#include "widgets/charts_dock.h"
#include "widgets/export_actions.h"
#include "widgets/operator_table.h"
#include "widgets/profile_selector.h"
#include "widgets/properties_panel.h"
#include "widgets/recent_files.h"
#include "widgets/search_panel.h"
#include "widgets/subgraph_panel.h"
#include "widgets/tensor_viewer.h"

namespace inferscope::widgets {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(tr("InferScope"));
  setAcceptDrops(true);
  setDockNestingEnabled(true);
  resize(1400, 900);

  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->setTabsClosable(true);
  tabs_->setMovable(true);
  connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::closeView);
  connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);

  welcome_ = new QLabel(tr("<h2>InferScope</h2><p>Open a TensorFlow Lite model with <b>File \u2192 Open</b> (Ctrl+O),<br>"
                           "from <b>Open Recent</b>, or drop a <tt>.tflite</tt> file here.</p>"),
                        this);
  static_cast<QLabel*>(welcome_)->setAlignment(Qt::AlignCenter);
  auto* stack = new QStackedWidget(this);
  stack->addWidget(welcome_);
  stack->addWidget(tabs_);
  setCentralWidget(stack);

  export_ = new ExportActions(this, [this] { return currentView(); });
  recent_ = new RecentFiles(this);
  connect(recent_, &RecentFiles::openRequested, this, [this](const QString& p) { openFile(p); });
  createDocks();
  restoreViewOptions();  // before the actions, which start in the saved state
  createActions();
  createMenus();
  createStatusBar();
  auto* selector = ProfileSelector::addToolBarTo(this);  // active target profile; ProfileSelector::of(window)
  // Compatibility and performance of every open model: docks, Analysis menu, overlays. They run
  // against the selector's profile and again, in the background, whenever it changes.
  analysis_ = new AnalysisPanels(this, properties_);
  analysis_->setProfile(selector->activeProfile());
  connect(selector, &ProfileSelector::activeProfileChanged, analysis_, &AnalysisPanels::setProfile);
  connect(analysis_, &AnalysisPanels::propertiesChanged, this, &MainWindow::onSelectionChanged);
  createReporting();
  restoreSettings();
  updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks() {
  auto dock = [this](const QString& title, const char* name, QWidget* w, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(QString::fromLatin1(name));
    d->setWidget(w);
    addDockWidget(area, d);
    return d;
  };
  properties_ = new PropertiesPanel(this);
  operators_ = new OperatorTable(this);
  search_ = new SearchPanel(this);
  subgraphs_ = new SubgraphPanel(this);
  propertiesDock_ = dock(tr("Properties"), "PropertiesDock", properties_, Qt::RightDockWidgetArea);
  subgraphsDock_ = dock(tr("Subgraphs"), "SubgraphsDock", subgraphs_, Qt::LeftDockWidgetArea);
  searchDock_ = dock(tr("Search"), "SearchDock", search_, Qt::LeftDockWidgetArea);
  operatorsDock_ = dock(tr("Operators"), "OperatorsDock", operators_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(subgraphsDock_, searchDock_);
  subgraphsDock_->raise();
  resizeDocks({propertiesDock_}, {380}, Qt::Horizontal);
  resizeDocks({subgraphsDock_}, {250}, Qt::Horizontal);
  resizeDocks({operatorsDock_}, {220}, Qt::Vertical);

  connect(properties_, &PropertiesPanel::linkActivated, this, &MainWindow::onLinkActivated);
  connect(search_, &SearchPanel::hitActivated, this, &MainWindow::onHitActivated);
  connect(subgraphs_, &SubgraphPanel::subgraphActivated, this, [this](int sg) {
    if (auto* v = currentView()) v->showSubgraph(sg);
  });
  connect(operators_, &OperatorTable::operatorActivated, this, [this](int op) {
    if (auto* v = currentView()) v->selectOperator(v->subgraph(), op);
  });
}

void MainWindow::createStatusBar() {
  statusModel_ = new QLabel(this);
  statusZoom_ = new QLabel(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  progress_->setMaximumWidth(180);
  progress_->setFormat(tr("Layout %p%"));
  progress_->hide();
  cancel_ = new QToolButton(this);
  cancel_->setText(tr("Cancel"));
  cancel_->setAutoRaise(true);
  cancel_->hide();
  connect(cancel_, &QToolButton::clicked, this, [this] {
    if (auto* v = currentView()) v->cancelLayout();
  });
  statusBar()->addWidget(statusModel_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  statusBar()->addPermanentWidget(statusZoom_);
}

ModelView* MainWindow::currentView() const { return qobject_cast<ModelView*>(tabs_->currentWidget()); }
int MainWindow::viewCount() const { return tabs_->count(); }
ModelView* MainWindow::viewAt(int i) const { return qobject_cast<ModelView*>(tabs_->widget(i)); }

void MainWindow::wireView(ModelView* v) {
  analysis_->attach(v);
  // The export actions (and their shortcut) follow what the current model's analysis can export.
  if (auto* c = AnalysisController::of(v)) {
    connect(c, &AnalysisController::outcomeChanged, export_, &ExportActions::updateActions);
    connect(c, &AnalysisController::stateChanged, export_, &ExportActions::updateActions);
  }
  v->setSceneOptions(options_);
  v->graphView()->setEdgeLabels(edgeLabels_);
  v->graphView()->setTraceEnabled(trace_);
  v->graphView()->setMinimapVisible(minimap_);
  auto ifCurrent = [this, v](auto f) {
    return [this, v, f](auto&&... args) {
      if (v != currentView()) return;
      if constexpr (std::is_invocable_v<decltype(f), decltype(args)...>) f(args...);
      else f();
    };
  };
  connect(v, &ModelView::modelLoaded, this, ifCurrent([this] { onCurrentTabChanged(); }));
  connect(v, &ModelView::modelLoaded, this, [this, v] {
    tabs_->setTabText(tabs_->indexOf(v), v->document()->title());
    tabs_->setTabToolTip(tabs_->indexOf(v), v->document()->path());
  });
  connect(v, &ModelView::loadFailed, this, [this, v](const QString& msg) {
    if (v == currentView()) statusModel_->setText(msg);
  });
  connect(v, &ModelView::selectionChanged, this, ifCurrent([this] { onSelectionChanged(); }));
  connect(v, &ModelView::subgraphChanged, this, ifCurrent([this] { onCurrentTabChanged(); }));
  connect(v, &ModelView::historyChanged, this, ifCurrent([this] { updateActions(); }));
  connect(v, &ModelView::decorationsChanged, this, ifCurrent([this, v] { operators_->model()->setDecorations(v->decorations()); }));
  connect(v, &ModelView::sceneReady, this, ifCurrent([this] { updateStatus(); }));
  connect(v, &ModelView::layoutProgress, this, ifCurrent([this](double f) { progress_->setValue(static_cast<int>(f * 100)); }));
  connect(v, &ModelView::layoutBusyChanged, this, ifCurrent([this](bool busy) {
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
  }));
  connect(v->graphView(), &GraphView::viewChanged, this, ifCurrent([this] { updateStatus(); }));
}

ModelView* MainWindow::openFile(const QString& path) {
  QString abs = QFileInfo(path).absoluteFilePath();
  for (int i = 0; i < viewCount(); ++i)
    if (viewAt(i)->document()->path() == abs) {
      tabs_->setCurrentIndex(i);
      return viewAt(i);
    }
  auto* v = new ModelView(tabs_);
  wireView(v);
  int i = tabs_->addTab(v, QFileInfo(path).fileName());
  tabs_->setTabToolTip(i, abs);
  tabs_->setCurrentIndex(i);
  static_cast<QStackedWidget*>(centralWidget())->setCurrentWidget(tabs_);
  v->open(abs);
  recent_->add(abs);
  QSettings().setValue(QStringLiteral("lastDirectory"), QFileInfo(abs).absolutePath());
  return v;
}

ModelView* MainWindow::openModel(model::ModelPtr m, const QString& name) {
  auto* v = new ModelView(tabs_);
  wireView(v);
  int i = tabs_->addTab(v, name);
  tabs_->setCurrentIndex(i);
  static_cast<QStackedWidget*>(centralWidget())->setCurrentWidget(tabs_);
  v->setModel(std::move(m), name);
  return v;
}

void MainWindow::closeView(int i) {
  auto* v = viewAt(i);
  if (!v) return;
  tabs_->removeTab(i);
  v->deleteLater();
  if (viewCount() == 0) {
    static_cast<QStackedWidget*>(centralWidget())->setCurrentWidget(welcome_);
    onCurrentTabChanged();
  }
}

void MainWindow::onCurrentTabChanged() {
  auto* v = currentView();
  const auto m = v ? v->model() : nullptr;
  int sg = v ? v->subgraph() : 0;
  operators_->model()->setSubgraph(m, sg);
  operators_->model()->setDecorations(v ? v->decorations() : nullptr);
  subgraphs_->setModel(m);
  subgraphs_->setCurrent(sg);
  search_->setModel(m);
  setWindowTitle(v ? tr("%1 \u2014 InferScope").arg(v->document()->title()) : tr("InferScope"));
  analysis_->setCurrentView(v);
  if (charts_) charts_->setView(v);
  export_->updateActions();
  if (v) {
    progress_->setVisible(v->layoutBusy());
    cancel_->setVisible(v->layoutBusy());
  }
  onSelectionChanged();
  updateActions();
  updateStatus();
}

void MainWindow::onSelectionChanged() {
  auto* v = currentView();
  if (!v || !v->model()) {
    properties_->clear();
    return;
  }
  const auto& s = v->selection();
  switch (s.kind) {
    case Selection::Kind::Operator:
      properties_->showOperator(v->model(), s.subgraph, s.index);
      operators_->selectOperator(s.index);
      break;
    case Selection::Kind::Tensor:
      properties_->showTensor(v->model(), s.subgraph, s.index);
      break;
    case Selection::Kind::None:
      properties_->showModel(v->model(), v->document()->path());
      operators_->selectOperator(-1);
      break;
  }
}

void MainWindow::onLinkActivated(const PropertyLink& link) {
  auto* v = currentView();
  if (!v) return;
  switch (link.kind) {
    case PropertyLink::Kind::Tensor: v->selectTensor(link.subgraph, link.index); break;
    case PropertyLink::Kind::Operator: v->selectOperator(link.subgraph, link.index); break;
    case PropertyLink::Kind::Subgraph: v->showSubgraph(link.index); break;
    case PropertyLink::Kind::TensorValues: openTensorViewer(link.subgraph, link.index); break;
    case PropertyLink::Kind::None: break;
  }
}

void MainWindow::onHitActivated(const SearchHit& hit) {
  auto* v = currentView();
  if (!v) return;
  if (hit.kind == SearchHit::Kind::Operator) v->selectOperator(hit.subgraph, hit.index);
  else v->selectTensor(hit.subgraph, hit.index);
}

void MainWindow::openTensorViewer(int subgraph, int tensor) {
  auto* v = currentView();
  if (!v || !v->model()) return;
  auto* viewer = new TensorViewer(v->model(), subgraph, tensor, this);
  viewer->show();
}

void MainWindow::showModelProperties() {
  if (auto* v = currentView()) {
    v->clearSelection();
    propertiesDock_->show();
    propertiesDock_->raise();
  }
}

void MainWindow::updateStatus() {
  auto* v = currentView();
  if (!v || !v->model()) {
    statusModel_->clear();
    statusZoom_->clear();
    return;
  }
  const auto& m = *v->model();
  const auto& sg = m.subgraphs[static_cast<std::size_t>(v->subgraph())];
  statusModel_->setText(tr("subgraph %1 of %2 \u2022 %3 operators \u2022 %4 tensors \u2022 %5 parameters \u2022 %6 MACs")
                            .arg(v->subgraph())
                            .arg(m.subgraphs.size())
                            .arg(QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(sg.operators.size()))))
                            .arg(QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(sg.tensors.size()))))
                            .arg(QString::fromStdString(text::humanCount(static_cast<double>(sg.facts.parameterCount))))
                            .arg(QString::fromStdString(text::humanCount(static_cast<double>(sg.facts.totalMacs)))));
  statusZoom_->setText(v->graphView()->scene() ? tr("%1 %").arg(v->graphView()->scale() * 100, 0, 'f', v->graphView()->scale() < 0.1 ? 1 : 0)
                                               : QString());
}

void MainWindow::restoreSettings() {
  QSettings s;
  restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(s.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::restoreViewOptions() {
  QSettings s;
  options_.content.attributes = s.value(QStringLiteral("view/attributes"), true).toBool();
  options_.content.weights = s.value(QStringLiteral("view/weights"), true).toBool();
  options_.content.names = s.value(QStringLiteral("view/names"), false).toBool();
  options_.orientation = s.value(QStringLiteral("view/horizontal"), false).toBool() ? layout::Orientation::LeftToRight
                                                                                   : layout::Orientation::TopToBottom;
  edgeLabels_ = s.value(QStringLiteral("view/edgeLabels"), false).toBool();
  options_.edgeLabels = edgeLabels_;
  trace_ = s.value(QStringLiteral("view/trace"), false).toBool();
  minimap_ = s.value(QStringLiteral("view/minimap"), true).toBool();
}

void MainWindow::saveSettings() const {
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/state"), saveState());
  saveViewOptions();
}

void MainWindow::saveViewOptions() const {
  QSettings s;
  s.setValue(QStringLiteral("view/attributes"), options_.content.attributes);
  s.setValue(QStringLiteral("view/weights"), options_.content.weights);
  s.setValue(QStringLiteral("view/names"), options_.content.names);
  s.setValue(QStringLiteral("view/horizontal"), options_.orientation == layout::Orientation::LeftToRight);
  s.setValue(QStringLiteral("view/edgeLabels"), edgeLabels_);
  s.setValue(QStringLiteral("view/trace"), trace_);
  s.setValue(QStringLiteral("view/minimap"), minimap_);
}

void MainWindow::closeEvent(QCloseEvent* e) {
  saveSettings();
  e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (!e->mimeData()->hasUrls()) return;
  for (const auto& url : e->mimeData()->urls())
    if (url.isLocalFile()) {
      e->acceptProposedAction();
      return;
    }
}

void MainWindow::dropEvent(QDropEvent* e) {
  for (const auto& url : e->mimeData()->urls())
    if (url.isLocalFile()) openFile(url.toLocalFile());
  e->acceptProposedAction();
}

}  // namespace inferscope::widgets
