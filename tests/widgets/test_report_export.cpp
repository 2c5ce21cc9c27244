// File -> Export Report (per-layer CSV, summary CSV, JSON document, PDF) from the main window with
// an injected file chooser, errors reported instead of crashing, the PDF rendered in the background
// by inferscope-report (the one built with the tests, through INFERSCOPE_REPORT) or here without it,
// the Charts dock following the current model, a click on a per-layer bar selecting the operator in
// the graph and the tables, and chart export through the context menu's path.
#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cerrno>
#include <csignal>

#include "core/targets/builtin_profiles.h"
#include "core/targets/fields.h"
#include "core/targets/profile_io.h"
#include "core/util/csv.h"
#include "core/util/json.h"
#include "widget_fixtures.h"
#include "widgets/analysis_controller.h"
#include "widgets/analysis_panels.h"
#include "widgets/charts/performance_charts.h"
#include "widgets/charts_dock.h"
#include "widgets/export_actions.h"
#include "widgets/file_chooser.h"
#include "widgets/main_window.h"
#include "widgets/model_view.h"
#include "widgets/operator_table.h"
#include "widgets/perf_layer_model.h"
#include "widgets/perf_panel.h"
#include "widgets/profile_selector.h"
#include "widgets/report_process.h"

using namespace inferscope;
using namespace inferscope::widgets;

namespace {

const QString kSample = QStringLiteral(INFERSCOPE_BINARY_DIR "/resources/sample.tflite");

bool ready(AnalysisController* c) { return c && c->state() == AnalysisController::State::Ready && c->outcome(); }

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// An action reachable from the menu bar (submenus included).
QAction* findInMenu(const QList<QAction*>& actions, const QString& objectName) {
  for (auto* a : actions) {
    if (a->objectName() == objectName) return a;
    if (a->menu())
      if (auto* found = findInMenu(a->menu()->actions(), objectName)) return found;
  }
  return nullptr;
}
QAction* findMenuAction(QMainWindow& w, const QString& objectName) { return findInMenu(w.menuBar()->actions(), objectName); }

// The inferscope-report built with the tests; empty when it was not built.
QString reportProgram() {
#ifdef INFERSCOPE_REPORT_PROGRAM
  const QString p = QStringLiteral(INFERSCOPE_REPORT_PROGRAM);
  if (QFileInfo(p).isExecutable()) return p;
#endif
  return {};
}
#define REQUIRE_REPORT_PROGRAM()                                                                  \
  do {                                                                                            \
    if (reportProgram().isEmpty()) QSKIP("inferscope-report is not built (app/report, built with the GUI)"); \
  } while (false)

// A poppler tool's output (pdfinfo, pdftotext); empty when it is not installed.
QString popplerOutput(const QString& tool, const QStringList& args) {
  const QString exe = QStandardPaths::findExecutable(tool);
  if (exe.isEmpty()) return {};
  QProcess p;
  p.start(exe, args);
  return p.waitForFinished(30000) ? QString::fromUtf8(p.readAllStandardOutput()) : QString();
}

// A main window with the sample analysed for `profile`.
ModelView* openSample(MainWindow& w, const QString& profile, const QString& path = kSample) {
  w.resize(1400, 900);
  w.show();
  if (!ProfileSelector::of(&w)->selectBuiltin(profile)) return nullptr;
  auto* v = w.openFile(path);
  if (!QTest::qWaitFor([&] { return ready(AnalysisController::of(v)); }, 20000)) return nullptr;
  return v;
}

}  // namespace

class ReportExportTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    testdata::isolateSettings();
    QSettings().clear();
    QVERIFY2(QFileInfo::exists(kSample), "build the sample_model target first");
    // PDF reports come from the inferscope-report built here (without it, they are rendered in the
    // test's own process: the tests below that need it skip).
    if (!reportProgram().isEmpty()) qputenv("INFERSCOPE_REPORT", reportProgram().toLocal8Bit());
  }

  void cleanup() { setSaveFileChooser(nullptr); }

  void exportMenuWritesEveryFile() {
    MainWindow w;
    auto* v = openSample(w, QStringLiteral("ethos-u55-128"));
    QVERIFY(v);  // the profile was selected and the sample analysed
    auto* c = AnalysisController::of(v);
    const auto* e = c->outcome()->estimate();
    QVERIFY(e);

    QTemporaryDir dir;
    QStringList asked;
    QString answer;
    setSaveFileChooser([&](QWidget*, const SaveFileRequest& r) {
      asked << r.suggestedPath;
      return answer;
    });
    auto* exporter = w.exportActions();
    QSignalSpy exported(exporter, &ExportActions::exported);
    QStringList errors;
    exporter->setErrorSink([&](const QString& m) { errors << m; });
    // Every action is in the File menu's Export Report submenu, enabled once the run is done (the
    // shortcut works without the menu having been opened).
    QTRY_VERIFY(exporter->action(ExportActions::Kind::Pdf)->isEnabled());
    const char* names[] = {"actionExportPerLayerCsv", "actionExportSummaryCsv", "actionExportJson", "actionExportPdf"};
    const char* files[] = {"layers.csv", "summary.csv", "run.json", "report.pdf"};
    for (int i = 0; i < 4; ++i) {
      auto* a = findMenuAction(w, QString::fromLatin1(names[i]));
      QVERIFY2(a, names[i]);
      QVERIFY(a->isEnabled());
      answer = dir.filePath(QString::fromLatin1(files[i]));
      a->trigger();
    }
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 4, 60000);  // the PDF is rendered in the background
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(asked[0].endsWith(QStringLiteral("sample_per-layer.csv")));
    QVERIFY(asked[3].endsWith(QStringLiteral("sample_ethos-u55-128.pdf")));

    auto layers = csv::Table::parse(readAll(dir.filePath(QStringLiteral("layers.csv"))).toStdString());
    QVERIFY(layers.ok());
    QCOMPARE(layers->size(), e->layers.size());
    QVERIFY(layers->column("TFLite_operator") == 0 && layers->column("Op Cycles") >= 0);
    QCOMPARE(layers->get(0, "Name"), e->layers.front().name);
    auto summary = csv::Table::parse(readAll(dir.filePath(QStringLiteral("summary.csv"))).toStdString());
    QVERIFY(summary.ok());
    QCOMPARE(summary->size(), std::size_t(1));
    QCOMPARE(summary->get(0, "network"), std::string("sample"));
    QCOMPARE(std::stod(summary->get(0, "cycles_total")), std::round(e->totalCycles * 10) / 10);
    auto doc = json::parse(readAll(dir.filePath(QStringLiteral("run.json"))).toStdString());
    QVERIFY(doc.ok());
    QCOMPARE((*doc)["target"]["profile"].asString(), std::string("ethos-u55-128"));
    QCOMPARE((*doc)["compatibility"]["operators"].size(), std::size_t(27));
    QCOMPARE((*doc)["performance"]["total_cycles"].asDouble(), e->totalCycles);
    QVERIFY((*doc)["advice"].size() > 0);
    auto pdf = readAll(dir.filePath(QStringLiteral("report.pdf")));
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.size() > 20000);
    // Atomic writes leave nothing but the four files.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 4);

    // Cancelling the dialog writes nothing and reports nothing.
    answer.clear();
    QVERIFY(exporter->exportWithDialog(ExportActions::Kind::Json).isEmpty());
    QCOMPARE(exported.count(), 4);
    QVERIFY(errors.isEmpty());
  }

  void exportErrorsAreReportedNotFatal() {
    MainWindow w;
    w.resize(1200, 800);
    auto* exporter = w.exportActions();
    QStringList errors;
    exporter->setErrorSink([&](const QString& m) { errors << m; });
    QTemporaryDir dir;
    setSaveFileChooser([&](QWidget*, const SaveFileRequest&) { return dir.filePath(QStringLiteral("x.pdf")); });
    // No model.
    exporter->updateActions();
    QVERIFY(!exporter->action(ExportActions::Kind::Pdf)->isEnabled());
    QVERIFY(exporter->exportWithDialog(ExportActions::Kind::Pdf).isEmpty());
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors[0].contains(QStringLiteral("Open a model")));

    // A target without an estimate: no CSV, but the document and the PDF of the compatibility check.
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("cortex-a")));
    auto* v = w.openFile(kSample);
    auto* c = AnalysisController::of(v);
    QTRY_VERIFY_WITH_TIMEOUT(ready(c), 20000);
    exporter->updateActions();
    QVERIFY(!exporter->action(ExportActions::Kind::PerLayerCsv)->isEnabled());
    QVERIFY(exporter->action(ExportActions::Kind::Json)->isEnabled());
    auto csvStatus = exporter->exportTo(ExportActions::Kind::PerLayerCsv, dir.filePath(QStringLiteral("l.csv")));
    QVERIFY(!csvStatus.ok());
    QVERIFY(QString::fromStdString(csvStatus.error().message).contains(QStringLiteral("Ethos-U")));
    QVERIFY(exporter->exportTo(ExportActions::Kind::Json, dir.filePath(QStringLiteral("c.json"))).ok());
    auto doc = json::parse(readAll(dir.filePath(QStringLiteral("c.json"))).toStdString());
    QVERIFY(doc.ok() && (*doc)["compatibility"].contains("operators") && !doc->contains("performance"));
    QSignalSpy exported(exporter, &ExportActions::exported);
    QVERIFY(exporter->exportTo(ExportActions::Kind::Pdf, dir.filePath(QStringLiteral("c.pdf"))).ok());
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
    QVERIFY2(errors.size() == 1, qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(readAll(dir.filePath(QStringLiteral("c.pdf"))).startsWith("%PDF"));

    // A file that cannot be written: an error message naming it, the application carries on.
    const QString bad = dir.filePath(QStringLiteral("missing-dir/sub/run.json"));
    setSaveFileChooser([&](QWidget*, const SaveFileRequest&) { return bad; });
    QVERIFY(exporter->exportWithDialog(ExportActions::Kind::Json).isEmpty());
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors[1].contains(bad), qPrintable(errors[1]));
    QVERIFY(!QFileInfo::exists(bad));
  }

  // File -> Export Report -> PDF runs inferscope-report in the background: the action returns at
  // once, the event loop keeps running (a timer keeps ticking), the action is off until the render is
  // done, and the file is a whole PDF with nothing left beside it or in the temporary directory.
  void pdfIsRenderedInTheBackground() {
    REQUIRE_REPORT_PROGRAM();
    QCOMPARE(ReportProcess::findProgram().value(), reportProgram());
    MainWindow w;
    QVERIFY(openSample(w, QStringLiteral("ethos-u55-128")));
    QTemporaryDir dir;
    const QString pdfPath = dir.filePath(QStringLiteral("report.pdf"));
    setSaveFileChooser([&](QWidget*, const SaveFileRequest&) { return pdfPath; });
    auto* exporter = w.exportActions();
    QStringList errors;
    exporter->setErrorSink([&](const QString& m) { errors << m; });
    QSignalSpy exported(exporter, &ExportActions::exported);
    auto* process = exporter->reportProcess();
    auto* pdfAction = findMenuAction(w, QStringLiteral("actionExportPdf"));
    QTRY_VERIFY(pdfAction->isEnabled());

    int ticks = 0;
    qint64 longestGap = 0;
    QElapsedTimer sinceTick, took;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, [&] {
      ++ticks;
      longestGap = std::max(longestGap, sinceTick.restart());
    });
    took.start();
    pdfAction->trigger();
    const qint64 triggerMs = took.elapsed();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(process->running());
    QCOMPARE(exported.count(), 0);
    QVERIFY(!pdfAction->isEnabled());
    QVERIFY2(w.statusBar()->currentMessage().startsWith(QStringLiteral("Rendering the PDF report")),
             qPrintable(w.statusBar()->currentMessage()));
    const QString temp = process->tempDir();
    QVERIFY(QFileInfo::exists(temp + QStringLiteral("/run.json")));
    // The same file is not rendered twice at once.
    auto again = exporter->exportTo(ExportActions::Kind::Pdf, pdfPath);
    QVERIFY(!again.ok());
    QVERIFY2(QString::fromStdString(again.error().message).contains(QStringLiteral("still being rendered")),
             again.error().message.c_str());
    exporter->updateActions();
    QVERIFY(!pdfAction->isEnabled());

    sinceTick.start();
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 60000);
    timer.stop();
    const qint64 renderMs = took.elapsed();
    qInfo("PDF in the background: the action returned after %lld ms, the render took %lld ms; the timer ticked %d times, "
          "longest gap %lld ms",
          static_cast<long long>(triggerMs), static_cast<long long>(renderMs), ticks, static_cast<long long>(longestGap));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(ticks >= 3);
    QCOMPARE(exported[0][0].toString(), pdfPath);
    QVERIFY(!process->running());
    QVERIFY(!QFileInfo::exists(temp));
    QVERIFY(pdfAction->isEnabled());
    const QString done = w.statusBar()->currentMessage();
    QVERIFY2(done.startsWith(QStringLiteral("Wrote ") + pdfPath), qPrintable(done));

    auto pdf = readAll(pdfPath);
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QVERIFY(pdf.size() > 20000);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("report.pdf")});
    const QString info = popplerOutput(QStringLiteral("pdfinfo"), {pdfPath});
    if (!info.isEmpty()) {
      auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
      QVERIFY2(m.hasMatch(), qPrintable(info));
      QVERIFY(m.captured(1).toInt() >= 3);
      QVERIFY2(done.contains(QStringLiteral("(%1 pages").arg(m.captured(1))), qPrintable(done));
    }
  }

  // How the profile reaches inferscope-report: an unchanged built-in by name, a saved file by its
  // path, anything else (edited, unsaved) as a temporary file holding the profile as the GUI has it.
  void reportProfileArgument() {
    QTemporaryDir dir, temp;
    QString label;
    auto builtin = *targets::builtinProfile("ethos-u55-128");
    QCOMPARE(ReportProcess::profileArgument(builtin, temp.path(), &label).value(), QStringLiteral("ethos-u55-128"));
    QVERIFY(label.isEmpty());

    builtin.name = "board";
    const std::string file = dir.filePath(QStringLiteral("board.toml")).toStdString();
    auto saved = targets::saveProfile(builtin, file);
    QVERIFY(saved.ok());
    auto loaded = targets::loadProfile(file);
    QVERIFY(loaded.ok());
    QCOMPARE(ReportProcess::profileArgument(*loaded, temp.path(), &label).value(), QString::fromStdString(file));
    QVERIFY(label.isEmpty());

    auto edited = *loaded;
    QVERIFY(targets::setField(edited, targets::field::kMac, "256").ok());
    auto arg = ReportProcess::profileArgument(edited, temp.path(), &label);
    QVERIFY(arg.ok());
    QCOMPARE(*arg, temp.filePath(QStringLiteral("board.toml")));
    QVERIFY2(label.contains(QString::fromStdString(file)) && label.contains(QStringLiteral("unsaved")), qPrintable(label));
    auto back = targets::loadProfile(arg->toStdString());
    QVERIFY(back.ok());
    QCOMPARE(back->name, std::string("board"));
    QCOMPARE(back->mac, 256);
    QVERIFY(targets::diffProfiles(edited, *back).empty());
    // The file changed on disk since it was loaded: the profile as loaded is written out.
    QVERIFY(targets::saveProfile(edited, file).ok());
    QCOMPARE(ReportProcess::profileArgument(*loaded, temp.path(), &label).value(), temp.filePath(QStringLiteral("board.toml")));
  }

  // An edited, unsaved profile: the report is of that profile, under its name, not the temporary file's.
  void pdfOfAnUnsavedProfile() {
    REQUIRE_REPORT_PROGRAM();
    MainWindow w;
    auto p = *targets::builtinProfile("ethos-u55-128");
    QVERIFY(targets::setField(p, targets::field::kMac, "64").ok());
    QVERIFY(targets::setField(p, targets::field::kName, "my-board").ok());
    ProfileSelector::of(&w)->setUnsavedProfile(std::make_shared<const targets::TargetProfile>(p));
    w.resize(1400, 900);
    auto* v = w.openFile(kSample);
    QTRY_VERIFY_WITH_TIMEOUT(ready(AnalysisController::of(v)) && AnalysisController::of(v)->outcome()->profile->name == "my-board", 20000);
    QTemporaryDir dir;
    const QString pdfPath = dir.filePath(QStringLiteral("board.pdf"));
    auto* exporter = w.exportActions();
    QStringList errors;
    exporter->setErrorSink([&](const QString& m) { errors << m; });
    QSignalSpy exported(exporter, &ExportActions::exported);
    QVERIFY(exporter->exportTo(ExportActions::Kind::Pdf, pdfPath).ok());
    QVERIFY(exporter->reportProcess()->running());
    // inferscope-report refuses a document whose figures differ from its run: it ran the same profile.
    QTRY_VERIFY_WITH_TIMEOUT(exported.count() == 1 || !errors.isEmpty(), 60000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(readAll(pdfPath).startsWith("%PDF"));
    const QString text = popplerOutput(QStringLiteral("pdftotext"), {QStringLiteral("-l"), QStringLiteral("1"), pdfPath, QStringLiteral("-")});
    if (!text.isEmpty()) {
      QVERIFY2(text.contains(QStringLiteral("my-board (unsaved)")), qPrintable(text));
      QVERIFY2(!text.contains(QStringLiteral("inferscope-report-")), qPrintable(text));  // the temporary directory
    }
  }

  // The program's own message when it fails (here: the model file changed since it was analysed);
  // nothing is written and the action comes back.
  void pdfFailureShowsTheProgramsMessage() {
    REQUIRE_REPORT_PROGRAM();
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("model.tflite"));
    QVERIFY(QFile::copy(kSample, model));
    MainWindow w;
    QVERIFY(openSample(w, QStringLiteral("ethos-u55-128"), model));
    // A new file under the name (the open model keeps reading the old one).
    QVERIFY(QFile::remove(model));
    {
      QFile f(model);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("not a model");
    }
    auto* exporter = w.exportActions();
    QStringList errors;
    exporter->setErrorSink([&](const QString& m) { errors << m; });
    QSignalSpy failed(exporter, &ExportActions::failed);
    QSignalSpy exported(exporter, &ExportActions::exported);
    const QString pdfPath = dir.filePath(QStringLiteral("r.pdf"));
    QVERIFY(exporter->exportTo(ExportActions::Kind::Pdf, pdfPath).ok());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 60000);
    QCOMPARE(exported.count(), 0);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].startsWith(QStringLiteral("Could not write ") + pdfPath), qPrintable(errors[0]));
    QVERIFY2(errors[0].contains(model), qPrintable(errors[0]));
    QVERIFY2(!errors[0].contains(QStringLiteral("usage:")), qPrintable(errors[0]));
    QVERIFY(!QFileInfo::exists(pdfPath));
    QVERIFY(exporter->action(ExportActions::Kind::Pdf)->isEnabled());
    QVERIFY(w.statusBar()->currentMessage().isEmpty());
  }

  // Closing the window while the PDF is rendered: the render is killed and collected (no zombie),
  // its temporary files removed, no PDF (or part of one) left behind.
  void closingTheWindowStopsTheRender() {
    REQUIRE_REPORT_PROGRAM();
    QTemporaryDir dir;
    QPointer<MainWindow> w = new MainWindow;
    w->setAttribute(Qt::WA_DeleteOnClose);
    QVERIFY(openSample(*w, QStringLiteral("ethos-u55-128")));
    QVERIFY(w->exportActions()->exportTo(ExportActions::Kind::Pdf, dir.filePath(QStringLiteral("r.pdf"))).ok());
    auto* process = w->exportActions()->reportProcess();
    const auto pid = static_cast<pid_t>(process->processId());
    const QString temp = process->tempDir();
    QVERIFY(pid > 0);
    QVERIFY(QFileInfo::exists(temp));
    w->close();
    QTRY_VERIFY(w.isNull());
    errno = 0;
    QVERIFY(::kill(pid, 0) == -1 && errno == ESRCH);
    QVERIFY(!QFileInfo::exists(temp));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
  }

  // Without inferscope-report the PDF is rendered here, at once; a wrong INFERSCOPE_REPORT is named.
  void pdfIsRenderedHereWithoutTheProgram() {
    MainWindow w;
    QVERIFY(openSample(w, QStringLiteral("ethos-u55-128")));
    auto* exporter = w.exportActions();
    exporter->setReportProgram(QString());
    QSignalSpy exported(exporter, &ExportActions::exported);
    QTemporaryDir dir;
    QVERIFY(exporter->exportTo(ExportActions::Kind::Pdf, dir.filePath(QStringLiteral("here.pdf"))).ok());
    QCOMPARE(exported.count(), 1);
    QVERIFY(!exporter->reportProcess()->running());
    QVERIFY(readAll(dir.filePath(QStringLiteral("here.pdf"))).startsWith("%PDF"));

    const QByteArray saved = qgetenv("INFERSCOPE_REPORT");
    qputenv("INFERSCOPE_REPORT", dir.filePath(QStringLiteral("missing")).toLocal8Bit());
    auto found = ReportProcess::findProgram();
    exporter->setReportProgram(std::nullopt);
    auto s = exporter->exportTo(ExportActions::Kind::Pdf, dir.filePath(QStringLiteral("x.pdf")));
    if (saved.isEmpty()) qunsetenv("INFERSCOPE_REPORT");
    else qputenv("INFERSCOPE_REPORT", saved);
    QVERIFY(!found.ok());
    QVERIFY(QString::fromStdString(found.error().message).contains(QStringLiteral("INFERSCOPE_REPORT")));
    QVERIFY(!s.ok());
    QCOMPARE(exported.count(), 1);
  }

  void clickingABarSelectsTheOperator() {
    MainWindow w;
    auto* v = openSample(w, QStringLiteral("ethos-u55-128"));
    QVERIFY(v);  // the profile was selected and the sample analysed
    auto* c = AnalysisController::of(v);
    auto* dock = w.chartsDock();
    QVERIFY(dock);
    dock->show();
    dock->raise();
    auto* panel = dock->panel();
    QTRY_VERIFY(panel->charts().layers->hasData());
    QCOMPARE(panel->analysis(), c->outcome()->analysis);
    auto* chart = panel->charts().layers;
    panel->tabs()->setCurrentWidget(chart);
    chart->resize(900, 420);
    QTest::qWait(50);

    // The middle of the tallest NPU operator's bar, clicked with the mouse.
    const auto& bars = chart->shownBars();
    int pick = -1;
    for (int i = 0; i < static_cast<int>(bars.size()); ++i) {
      const auto& b = bars[static_cast<std::size_t>(i)];
      if (!b.cpu && b.op >= 0 && (pick < 0 || b.total() > bars[static_cast<std::size_t>(pick)].total())) pick = i;
    }
    QVERIFY(pick >= 0);
    const int op = bars[static_cast<std::size_t>(pick)].op;
    QVERIFY(op >= 0);
    auto* series = qobject_cast<QAbstractBarSeries*>(chart->chart()->series().front());
    QVERIFY(series);
    double height = 0;
    for (auto* set : series->barSets()) height += set->at(pick);
    QPointF scenePos = chart->chart()->mapToScene(chart->chart()->mapToPosition(QPointF(pick, height / 2), series));
    QPoint at = chart->mapFromScene(scenePos);
    QSignalSpy activated(dock, &ChartsDock::operatorActivated);
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, at);
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated[0][1].toInt(), op);
    QCOMPARE(v->selection().kind, Selection::Kind::Operator);
    QCOMPARE(v->selection().index, op);
    // The operator table and the performance table follow the graph's selection.
    auto rows = w.operatorTable()->view()->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(w.operatorTable()->proxy()->mapToSource(rows[0]).row(), op);
    auto perfRows = w.analysisPanels()->perfPanel()->view()->selectionModel()->selectedRows();
    QVERIFY(!perfRows.isEmpty());
    const auto* perfModel = w.analysisPanels()->perfPanel()->proxy();
    QCOMPARE(perfModel->data(perfRows[0], PerfLayerModel::OperatorRole).toInt(), op);

    // The chart's context-menu export writes the file the chooser names.
    QTemporaryDir dir;
    setSaveFileChooser([&](QWidget*, const SaveFileRequest& r) {
      return dir.filePath(QFileInfo(r.suggestedPath).fileName());
    });
    QString svg = chart->exportWithDialog(QStringLiteral("svg"));
    QVERIFY(svg.endsWith(QStringLiteral("per-layer-cycles.svg")));
    QVERIFY(readAll(svg).contains("<svg"));
    QString png = chart->exportWithDialog(QStringLiteral("png"));
    QVERIFY(QImage(png).width() > 1000);
  }

  void chartsFollowTheCurrentModel() {
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("ethos-u65-256")));
    auto* panel = w.chartsDock()->panel();
    QVERIFY(!panel->charts().layers->hasData());
    auto* v = w.openFile(kSample);
    auto* c = AnalysisController::of(v);
    QTRY_VERIFY_WITH_TIMEOUT(ready(c), 20000);
    QTRY_VERIFY(panel->analysis() && panel->analysis()->profile.name == "ethos-u65-256");
    QCOMPARE(panel->charts().layers->data().bars.size(), report::layerBars(*c->outcome()->estimate(), v->model().get()).bars.size());
    // Another target: the charts are redrawn from the new run.
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("ethos-u55-64")));
    QTRY_VERIFY_WITH_TIMEOUT(panel->analysis() && panel->analysis()->profile.name == "ethos-u55-64", 20000);
    // A target without an estimate: empty charts, a note saying why, the comparison at hand.
    QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("cortex-a")));
    QTRY_VERIFY_WITH_TIMEOUT(panel->analysis() && panel->analysis()->profile.name == "cortex-a", 20000);
    QVERIFY(!panel->charts().layers->hasData());
    QVERIFY2(panel->note().contains(QStringLiteral("Ethos-U")), qPrintable(panel->note()));
    QCOMPARE(panel->tabs()->currentWidget(), panel->comparison());
    QCOMPARE(panel->comparison()->model(), v->model());
    QVERIFY(panel->comparison()->findChild<QPushButton*>(QStringLiteral("compareButton"))->isEnabled());
    // Closing the model empties them.
    w.closeView(0);
    QVERIFY(!panel->charts().layers->hasData());
  }

  // Screenshots of the Charts dock for review (not a check): INFERSCOPE_SCREENSHOT_DIR=dir
  // [INFERSCOPE_SCREENSHOT_MODELS=a.tflite:b.tflite]; the comparison tab is run first.
  void screenshots() {
    QString dir;
    const QStringList models = testdata::screenshotModels(kSample, &dir);
    if (models.isEmpty()) QSKIP("INFERSCOPE_SCREENSHOT_DIR is not set");
    for (const auto& path : models) {
      MainWindow w;
      w.resize(1600, 1000);
      w.show();
      QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("ethos-u55-128")));
      auto* v = w.openFile(path);
      QTRY_VERIFY_WITH_TIMEOUT(ready(AnalysisController::of(v)), 60000);
      auto* dock = w.chartsDock();
      dock->show();
      dock->raise();
      auto* panel = dock->panel();
      QSignalSpy done(panel->comparison(), &TargetComparisonView::finished);
      panel->comparison()->run();
      QVERIFY(done.wait(120000));
      const QString base = dir + QStringLiteral("/charts_") + QFileInfo(path).completeBaseName().left(40);
      w.exportActions()->updateActions();
      QVERIFY(w.exportActions()->menu()->grab().save(base + QStringLiteral("_export-menu.png")));
      QElapsedTimer timer;
      timer.start();
      QSignalSpy exported(w.exportActions(), &ExportActions::exported);
      QVERIFY(w.exportActions()->exportTo(ExportActions::Kind::Pdf, base + QStringLiteral(".pdf")).ok());
      const auto started = timer.elapsed();
      QVERIFY(w.grab().save(base + QStringLiteral("_rendering-pdf.png")));  // the status bar says so meanwhile
      QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 300000);
      qInfo("PDF report of %s with the comparison: %lld ms on the GUI thread, %lld ms in all", qPrintable(QFileInfo(path).fileName()),
            static_cast<long long>(started), static_cast<long long>(timer.elapsed()));
      for (int i = 0; i < panel->tabs()->count(); ++i) {
        panel->tabs()->setCurrentIndex(i);
        QTest::qWait(200);
        QVERIFY(w.grab().save(QStringLiteral("%1_%2.png").arg(base).arg(i)));
      }
      // A target without an estimate.
      QVERIFY(ProfileSelector::of(&w)->selectBuiltin(QStringLiteral("cortex-a")));
      QTRY_VERIFY_WITH_TIMEOUT(panel->analysis() && panel->analysis()->profile.name == "cortex-a", 60000);
      QTest::qWait(200);
      QVERIFY(w.grab().save(base + QStringLiteral("_cortex-a.png")));
    }
  }
};

QTEST_MAIN(ReportExportTest)
#include "test_report_export.moc"
