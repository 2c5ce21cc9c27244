// Start-up of the desktop application: command line, translations, palette, and a scripted mode
// that opens a model, sets up the view and saves a screenshot or an export (used for docs, CI
// smoke runs and looking at the UI headless: QT_QPA_PLATFORM=offscreen).
#pragma once

#include <QSize>
#include <QStringList>

class QApplication;

namespace inferscope::widgets {

struct LaunchOptions {
  QStringList files;
  QString screenshot;   // save a PNG of the window once the first model is laid out, then quit
  QString exportPath;   // export the graph (.png/.svg) once laid out, then quit
  QSize size;           // window size
  QString theme;        // "dark", "light" or empty (system)
  int subgraph = -1;
  int selectOperator = -1;
  QString search;
  double zoom = 0;      // view scale after layout (1 = 100 %)
  bool fit = false;
  bool trace = false;
  bool horizontal = false;
  bool edgeLabels = false;
  QString error;        // a usage error, reported by run()
};

LaunchOptions parseArguments(const QStringList& arguments);
void installTranslations(QApplication& app);
void applyTheme(QApplication& app, const QString& theme);
int run(QApplication& app, const LaunchOptions& options);

}  // namespace inferscope::widgets
