#include "widgets/application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

#include "widgets/main_window.h"
#include "widgets/search_panel.h"

namespace inferscope::widgets {

LaunchOptions parseArguments(const QStringList& arguments) {
  QCommandLineParser p;
  p.setApplicationDescription(QApplication::translate("main", "InferScope: see how a TFLite model runs on Arm targets"));
  p.addHelpOption();
  p.addVersionOption();
  p.addPositionalArgument(QStringLiteral("models"), QApplication::translate("main", "Models to open (.tflite)"), QStringLiteral("[MODEL...]"));
  QCommandLineOption screenshot(QStringLiteral("screenshot"), QApplication::translate("main", "Save a PNG of the window and quit."), QStringLiteral("png"));
  QCommandLineOption exportOpt(QStringLiteral("export"), QApplication::translate("main", "Export the graph (.png or .svg) and quit."), QStringLiteral("file"));
  QCommandLineOption size(QStringLiteral("size"), QApplication::translate("main", "Window size, e.g. 1600x1000."), QStringLiteral("WxH"));
  QCommandLineOption theme(QStringLiteral("theme"), QApplication::translate("main", "Palette: dark, light or system."), QStringLiteral("name"));
  QCommandLineOption subgraph(QStringLiteral("subgraph"), QApplication::translate("main", "Subgraph to show."), QStringLiteral("index"));
  QCommandLineOption select(QStringLiteral("select"), QApplication::translate("main", "Operator to select."), QStringLiteral("index"));
  QCommandLineOption search(QStringLiteral("search"), QApplication::translate("main", "Search for this text."), QStringLiteral("text"));
  QCommandLineOption zoom(QStringLiteral("zoom"), QApplication::translate("main", "Zoom (1 = 100 %)."), QStringLiteral("scale"));
  QCommandLineOption fit(QStringLiteral("fit"), QApplication::translate("main", "Fit the graph to the view."));
  QCommandLineOption trace(QStringLiteral("trace"), QApplication::translate("main", "Highlight the selection's trace."));
  QCommandLineOption horizontal(QStringLiteral("horizontal"), QApplication::translate("main", "Lay out left to right."));
  QCommandLineOption labels(QStringLiteral("edge-labels"), QApplication::translate("main", "Show tensor shapes on edges."));
  p.addOptions({screenshot, exportOpt, size, theme, subgraph, select, search, zoom, fit, trace, horizontal, labels});
  p.process(arguments);
  LaunchOptions o;
  o.files = p.positionalArguments();
  o.screenshot = p.value(screenshot);
  o.exportPath = p.value(exportOpt);
  o.theme = p.value(theme);
  if (p.isSet(size)) {
    auto parts = p.value(size).split(QLatin1Char('x'));
    if (parts.size() == 2) o.size = QSize(parts[0].toInt(), parts[1].toInt());
    if (!o.size.isValid() || o.size.isEmpty()) o.error = QApplication::translate("main", "bad --size, expected WxH");
  }
  if (p.isSet(subgraph)) o.subgraph = p.value(subgraph).toInt();
  if (p.isSet(select)) o.selectOperator = p.value(select).toInt();
  o.search = p.value(search);
  if (p.isSet(zoom)) o.zoom = p.value(zoom).toDouble();
  o.fit = p.isSet(fit);
  o.trace = p.isSet(trace);
  o.horizontal = p.isSet(horizontal);
  o.edgeLabels = p.isSet(labels);
  if ((!o.screenshot.isEmpty() || !o.exportPath.isEmpty()) && o.files.isEmpty())
    o.error = QApplication::translate("main", "--screenshot and --export need a model");
  return o;
}

void installTranslations(QApplication& app) {
  auto* mine = new QTranslator(&app);
  if (mine->load(QLocale(), QStringLiteral("inferscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
    app.installTranslator(mine);
  auto* qt = new QTranslator(&app);
  if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    app.installTranslator(qt);
}

void applyTheme(QApplication& app, const QString& theme) {
  if (theme != QLatin1String("dark") && theme != QLatin1String("light")) return;
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QPalette p = app.style()->standardPalette();
  if (theme == QLatin1String("dark")) {
    p.setColor(QPalette::Window, QColor(37, 38, 42));
    p.setColor(QPalette::WindowText, QColor(225, 225, 228));
    p.setColor(QPalette::Base, QColor(28, 29, 32));
    p.setColor(QPalette::AlternateBase, QColor(40, 42, 46));
    p.setColor(QPalette::Text, QColor(225, 225, 228));
    p.setColor(QPalette::Button, QColor(45, 46, 51));
    p.setColor(QPalette::ButtonText, QColor(225, 225, 228));
    p.setColor(QPalette::ToolTipBase, QColor(50, 52, 58));
    p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    p.setColor(QPalette::Highlight, QColor(64, 140, 230));
    p.setColor(QPalette::HighlightedText, QColor(255, 255, 255));
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::PlaceholderText, QColor(130, 132, 138));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 124));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 124));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 124));
  }
  app.setPalette(p);
}

int run(QApplication& app, const LaunchOptions& o) {
  if (!o.error.isEmpty()) {
    std::fprintf(stderr, "inferscope: %s\n", qPrintable(o.error));
    return 2;
  }
  auto* w = new MainWindow;
  w->setAttribute(Qt::WA_DeleteOnClose);
  if (o.size.isValid()) w->resize(o.size);
  if (o.horizontal) w->action(QStringLiteral("actionHorizontal"))->setChecked(true);
  if (o.trace) w->action(QStringLiteral("actionTrace"))->setChecked(true);
  if (o.edgeLabels) w->action(QStringLiteral("actionEdgeLabels"))->setChecked(true);
  w->show();
  for (const auto& f : o.files) w->openFile(f);
  bool scripted = !o.screenshot.isEmpty() || !o.exportPath.isEmpty();
  if (!scripted && o.subgraph < 0 && o.selectOperator < 0 && o.search.isEmpty() && o.zoom <= 0 && !o.fit) return app.exec();

  auto* v = w->viewAt(0);
  if (!v) return app.exec();
  auto status = std::make_shared<int>(0);
  auto finish = [w, v, o, status, scripted, &app] {
    auto* g = v->graphView();
    if (o.fit) g->fitToView();
    if (o.zoom > 0) g->setScale(o.zoom);
    if (o.selectOperator >= 0) v->selectOperator(v->subgraph(), o.selectOperator);
    if (o.zoom > 0 && o.selectOperator >= 0) g->centerOn(g->scene()->nodeRect(g->selectedNode()).center());
    if (!o.search.isEmpty()) {
      w->action(QStringLiteral("actionFind"))->trigger();
      w->searchPanel()->setQuery(o.search);
    }
    if (!scripted) return;
    // Let searches and repaints settle before grabbing.
    QTimer::singleShot(400, w, [w, o, status, &app] {
      if (!o.exportPath.isEmpty() && !w->exportImage(o.exportPath)) *status = 1;
      if (!o.screenshot.isEmpty() && !w->grab().save(o.screenshot)) {
        std::fprintf(stderr, "inferscope: cannot write %s\n", qPrintable(o.screenshot));
        *status = 1;
      }
      app.exit(*status);
    });
  };
  auto once = std::make_shared<bool>(false);
  QObject::connect(v, &ModelView::sceneReady, w, [v, o, finish, once] {
    if (o.subgraph >= 0 && v->subgraph() != o.subgraph) return v->showSubgraph(o.subgraph);
    if (*once) return;
    *once = true;
    finish();
  });
  QObject::connect(v, &ModelView::loadFailed, w, [&app, scripted](const QString& msg) {
    std::fprintf(stderr, "inferscope: %s\n", qPrintable(msg));
    if (scripted) app.exit(2);
  });
  return app.exec();
}

}  // namespace inferscope::widgets
