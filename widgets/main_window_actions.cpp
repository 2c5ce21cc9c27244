// MainWindow: actions, menus and their handlers (Netron's shortcuts where Netron has one).
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include "widgets/export_actions.h"
#include "widgets/graph_export.h"
#include "widgets/main_window.h"
#include "widgets/operator_table.h"
#include "widgets/recent_files.h"
#include "widgets/search_panel.h"
#include "widgets/subgraph_panel.h"

namespace inferscope::widgets {

namespace {
QAction* make(QObject* parent, const char* name, const QString& text, const QList<QKeySequence>& keys = {},
              bool checkable = false) {
  auto* a = new QAction(text, parent);
  a->setObjectName(QString::fromLatin1(name));
  a->setShortcuts(keys);
  a->setCheckable(checkable);
  a->setShortcutContext(Qt::WindowShortcut);
  return a;
}
}  // namespace

QAction* MainWindow::action(const QString& name) const { return findChild<QAction*>(name); }

void MainWindow::createActions() {
  auto view = [this] { return currentView(); };
  auto gv = [this]() -> GraphView* { return currentView() ? currentView()->graphView() : nullptr; };

  connect(make(this, "actionOpen", tr("&Open\u2026"), {QKeySequence::Open}), &QAction::triggered, this, &MainWindow::openDialog);
  connect(make(this, "actionClose", tr("&Close Tab"), {QKeySequence::Close}), &QAction::triggered, this,
          [this] { closeView(tabs_->currentIndex()); });
  connect(make(this, "actionExport", tr("&Export Graph\u2026"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}),
          &QAction::triggered, this, &MainWindow::exportDialog);
  connect(make(this, "actionQuit", tr("&Quit"), {QKeySequence::Quit}), &QAction::triggered, this, &QWidget::close);

  connect(make(this, "actionFind", tr("&Find\u2026"), {QKeySequence(Qt::CTRL | Qt::Key_F)}), &QAction::triggered, this, [this] {
    searchDock_->show();
    searchDock_->raise();
    search_->focusQuery();
  });

  auto toggle = [this](const char* name, const QString& text, QKeySequence key, bool on, auto apply) {
    auto* a = make(this, name, text, {key}, true);
    a->setChecked(on);
    connect(a, &QAction::toggled, this, apply);
    connect(a, &QAction::toggled, this, &MainWindow::saveViewOptions);
    return a;
  };
  toggle("actionShowAttributes", tr("Show &Attributes"), QKeySequence(Qt::CTRL | Qt::Key_D), options_.content.attributes,
         [this](bool on) { options_.content.attributes = on; applySceneOptions(); });
  toggle("actionShowWeights", tr("Show &Weights"), QKeySequence(Qt::CTRL | Qt::Key_I), options_.content.weights,
         [this](bool on) { options_.content.weights = on; applySceneOptions(); });
  toggle("actionShowNames", tr("Show &Names"), QKeySequence(Qt::CTRL | Qt::Key_U), options_.content.names,
         [this](bool on) { options_.content.names = on; applySceneOptions(); });
  toggle("actionHorizontal", tr("&Horizontal Layout"), QKeySequence(Qt::CTRL | Qt::Key_K),
         options_.orientation == layout::Orientation::LeftToRight, [this](bool on) {
           options_.orientation = on ? layout::Orientation::LeftToRight : layout::Orientation::TopToBottom;
           applySceneOptions();
         });
  toggle("actionEdgeLabels", tr("Show &Tensor Shapes on Edges"), QKeySequence(Qt::CTRL | Qt::Key_L), edgeLabels_, [this](bool on) {
    edgeLabels_ = on;
    options_.edgeLabels = on;
    applySceneOptions();
    for (int i = 0; i < viewCount(); ++i) viewAt(i)->graphView()->setEdgeLabels(on);
  });
  toggle("actionTrace", tr("Highlight Input/Output &Trace"), QKeySequence(Qt::CTRL | Qt::Key_T), trace_, [this](bool on) {
    trace_ = on;
    for (int i = 0; i < viewCount(); ++i) viewAt(i)->graphView()->setTraceEnabled(on);
  });
  toggle("actionMinimap", tr("&Minimap"), QKeySequence(Qt::CTRL | Qt::Key_M), minimap_, [this](bool on) {
    minimap_ = on;
    for (int i = 0; i < viewCount(); ++i) viewAt(i)->graphView()->setMinimapVisible(on);
  });

  connect(make(this, "actionModelProperties", tr("&Model Properties"),
               {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}),
          &QAction::triggered, this, &MainWindow::showModelProperties);
  connect(make(this, "actionZoomIn", tr("Zoom &In"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::SHIFT | Qt::Key_Up)}),
          &QAction::triggered, this, [gv] { if (auto* g = gv()) g->zoomIn(); });
  connect(make(this, "actionZoomOut", tr("Zoom &Out"), {QKeySequence::ZoomOut, QKeySequence(Qt::SHIFT | Qt::Key_Down)}),
          &QAction::triggered, this, [gv] { if (auto* g = gv()) g->zoomOut(); });
  connect(make(this, "actionActualSize", tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::SHIFT | Qt::Key_Backspace)}),
          &QAction::triggered, this, [gv] { if (auto* g = gv()) g->actualSize(); });
  connect(make(this, "actionFit", tr("&Fit to View"), {QKeySequence(Qt::Key_F)}), &QAction::triggered, this,
          [gv] { if (auto* g = gv()) g->fitToView(); });
  connect(make(this, "actionZoomSelection", tr("Zoom to &Selection"), {QKeySequence(Qt::SHIFT | Qt::Key_F)}),
          &QAction::triggered, this, [gv] { if (auto* g = gv()) g->zoomToSelection(); });
  connect(make(this, "actionRelayout", tr("&Relayout"), {QKeySequence(Qt::Key_F5)}), &QAction::triggered, this,
          [view] { if (auto* v = view()) v->relayout(); });
  auto* back = make(this, "actionBack", tr("&Back"), {QKeySequence::Back, QKeySequence(Qt::Key_Backspace)});
  back->setToolTip(tr("Back to the previous subgraph"));
  connect(back, &QAction::triggered, this, [view] { if (auto* v = view()) v->goBack(); });
  subgraphs_->setBackAction(back);
  connect(make(this, "actionAbout", tr("&About InferScope")), &QAction::triggered, this, [this] {
    QMessageBox::about(this, tr("About InferScope"),
                       tr("<h3>InferScope %1</h3><p>See how a TensorFlow Lite model will run on Arm Ethos-U, "
                          "Cortex-A and TOSA targets before you touch hardware.</p>")
                           .arg(QStringLiteral(INFERSCOPE_VERSION)));
  });
  // Shortcuts work wherever focus is in the window, docks included.
  for (auto* a : findChildren<QAction*>(QString(), Qt::FindDirectChildrenOnly)) addAction(a);
}

void MainWindow::createMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(action(QStringLiteral("actionOpen")));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  connect(recentMenu_, &QMenu::aboutToShow, this, [this] { recent_->fillMenu(recentMenu_); });
  recent_->fillMenu(recentMenu_);
  file->addSeparator();
  file->addAction(action(QStringLiteral("actionExport")));
  file->addMenu(export_->menu());
  file->addSeparator();
  file->addAction(action(QStringLiteral("actionClose")));
  file->addAction(action(QStringLiteral("actionQuit")));

  auto* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(action(QStringLiteral("actionFind")));

  auto* v = menuBar()->addMenu(tr("&View"));
  for (const char* n : {"actionShowAttributes", "actionShowWeights", "actionShowNames", "actionHorizontal",
                        "actionEdgeLabels", "actionTrace", "actionMinimap"})
    v->addAction(action(QString::fromLatin1(n)));
  v->addSeparator();
  for (const char* n : {"actionZoomIn", "actionZoomOut", "actionActualSize", "actionFit", "actionZoomSelection"})
    v->addAction(action(QString::fromLatin1(n)));
  v->addSeparator();
  v->addAction(action(QStringLiteral("actionModelProperties")));
  v->addAction(action(QStringLiteral("actionBack")));
  v->addAction(action(QStringLiteral("actionRelayout")));
  v->addSeparator();
  auto* panels = panelsMenu_ = v->addMenu(tr("&Panels"));
  for (auto* d : {propertiesDock_, operatorsDock_, searchDock_, subgraphsDock_}) panels->addAction(d->toggleViewAction());

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(action(QStringLiteral("actionAbout")));
}

void MainWindow::applySceneOptions() {
  for (int i = 0; i < viewCount(); ++i) viewAt(i)->setSceneOptions(options_);
}

void MainWindow::updateActions() {
  auto* v = currentView();
  bool has = v && v->model();
  for (const char* n : {"actionExport", "actionZoomIn", "actionZoomOut", "actionActualSize", "actionFit",
                        "actionZoomSelection", "actionRelayout", "actionModelProperties", "actionClose"})
    if (auto* a = action(QString::fromLatin1(n))) a->setEnabled(has || (std::string_view(n) == "actionClose" && v));
  if (auto* a = action(QStringLiteral("actionBack"))) a->setEnabled(v && v->canGoBack());
}

void MainWindow::openDialog() {
  QString dir = QSettings().value(QStringLiteral("lastDirectory"),
                                  QStandardPaths::writableLocation(QStandardPaths::HomeLocation)).toString();
  const auto files = QFileDialog::getOpenFileNames(this, tr("Open Model"), dir,
                                                   tr("TensorFlow Lite models (*.tflite *.lite);;All files (*)"));
  for (const auto& f : files) openFile(f);
}

bool MainWindow::exportImage(const QString& path) {
  auto* v = currentView();
  if (!v || !v->graphView()->scene()) return false;
  auto* g = v->graphView();
  PaintState st;
  st.decorations = g->decorations();
  st.edgeLabels = g->edgeLabels();
  if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
    auto r = exportSvg(*g->scene(), g->painter(), st, path, v->document()->title());
    if (!r.ok()) QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(r.error().message));
    return r.ok();
  }
  auto r = exportPng(*g->scene(), g->painter(), st, path, 2.0 * devicePixelRatioF());
  if (!r.ok()) {
    QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(r.error().message));
    return false;
  }
  statusBar()->showMessage(tr("Exported %1 \u00D7 %2 pixels to %3").arg(r->size.width()).arg(r->size.height()).arg(path), 5000);
  return true;
}

void MainWindow::exportDialog() {
  auto* v = currentView();
  if (!v) return;
  QString base = QFileInfo(v->document()->title()).completeBaseName();
  QString dir = QSettings().value(QStringLiteral("lastDirectory")).toString();
  QString selected;
  QString path = QFileDialog::getSaveFileName(this, tr("Export Graph"), dir + QLatin1Char('/') + base + QStringLiteral(".png"),
                                              tr("PNG image (*.png);;SVG drawing (*.svg)"), &selected);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += selected.contains(QLatin1String("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
  exportImage(path);
}

}  // namespace inferscope::widgets
