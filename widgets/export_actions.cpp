#include "widgets/export_actions.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include "core/report/export.h"
#include "core/report/performance.h"
#include "core/util/fileio.h"
#include "widgets/file_chooser.h"
#include "widgets/model_view.h"
#include "widgets/report/pdf_report.h"
#include "widgets/report_process.h"

namespace inferscope::widgets {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }

struct KindInfo {
  const char* objectName;
  const char* text;
  const char* filter;
};
constexpr KindInfo kKinds[] = {
    {"actionExportPerLayerCsv", QT_TRANSLATE_NOOP("ExportActions", "Per-Layer &CSV\u2026"),
     QT_TRANSLATE_NOOP("ExportActions", "CSV file (*.csv)")},
    {"actionExportSummaryCsv", QT_TRANSLATE_NOOP("ExportActions", "&Summary CSV\u2026"),
     QT_TRANSLATE_NOOP("ExportActions", "CSV file (*.csv)")},
    {"actionExportJson", QT_TRANSLATE_NOOP("ExportActions", "&JSON Document\u2026"),
     QT_TRANSLATE_NOOP("ExportActions", "JSON document (*.json)")},
    {"actionExportPdf", QT_TRANSLATE_NOOP("ExportActions", "&PDF Report\u2026"),
     QT_TRANSLATE_NOOP("ExportActions", "PDF document (*.pdf)")},
};

QString wroteMessage(const QString& path, int pages, double seconds) {
  return ExportActions::tr("Wrote %1 (%2 pages, %3 s)").arg(path).arg(pages).arg(seconds, 0, 'f', 1);
}
}  // namespace

ExportActions::ExportActions(QMainWindow* window, std::function<ModelView*()> currentView)
    : QObject(window), window_(window), currentView_(std::move(currentView)), report_(new ReportProcess(this)) {
  menu_ = new QMenu(tr("Export &Report"), window);
  menu_->setObjectName(QStringLiteral("menuExportReport"));
  for (int i = 0; i < 4; ++i) {
    auto* a = new QAction(QCoreApplication::translate("ExportActions", kKinds[i].text), window);
    a->setObjectName(QString::fromLatin1(kKinds[i].objectName));
    connect(a, &QAction::triggered, this, [this, i] { exportWithDialog(static_cast<Kind>(i)); });
    menu_->addAction(a);
    actions_[i] = a;
  }
  actions_[static_cast<int>(Kind::Pdf)]->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  window->addAction(actions_[static_cast<int>(Kind::Pdf)]);
  menu_->insertSeparator(actions_[static_cast<int>(Kind::Json)]);
  connect(menu_, &QMenu::aboutToShow, this, &ExportActions::updateActions);
  connect(report_, &ReportProcess::finished, this, [this](const ReportProcess::Outcome& r) {
    updateActions();
    if (r.ok) {
      window_->statusBar()->showMessage(wroteMessage(r.pdfPath, r.pages, r.seconds), 8000);
      Q_EMIT exported(r.pdfPath);
    } else {
      window_->statusBar()->clearMessage();
      reportError(tr("Could not write %1: %2").arg(r.pdfPath, r.message));
    }
  });
  updateActions();
}

Result<AnalysisOutcomePtr> ExportActions::currentOutcome(QString* modelPath) const {
  auto* view = currentView_ ? currentView_() : nullptr;
  if (!view || !view->model()) return makeError(ErrorCode::Usage, tr("Open a model first.").toStdString());
  auto* c = AnalysisController::of(view);
  if (!c || !c->outcome()) {
    return makeError(ErrorCode::Usage, (c && c->busy() ? tr("The analysis is still running; export once it has finished.")
                                                       : tr("The model has not been analysed yet."))
                                           .toStdString());
  }
  if (!c->outcome()->ok()) return makeError(ErrorCode::Invalid, c->outcome()->error.toStdString());
  if (modelPath) *modelPath = view->document()->path();
  return c->outcome();
}

void ExportActions::updateActions() {
  auto outcome = currentOutcome(nullptr);
  const bool any = outcome.ok() && ((*outcome)->report || (*outcome)->analysis);
  const bool perf = outcome.ok() && (*outcome)->estimate();
  action(Kind::PerLayerCsv)->setEnabled(perf);
  action(Kind::SummaryCsv)->setEnabled(perf);
  action(Kind::Json)->setEnabled(any);
  // One PDF at a time: the action comes back when the render in the background is done.
  action(Kind::Pdf)->setEnabled(any && !report_->running());
  QString why = outcome.ok() ? (*outcome)->perfUnavailable : qs(outcome.error().message);
  for (auto k : {Kind::PerLayerCsv, Kind::SummaryCsv}) action(k)->setStatusTip(perf ? QString() : why);
  action(Kind::Pdf)->setStatusTip(report_->running() ? tr("A PDF report is being rendered.") : QString());
}

Result<report::CheckDocument> ExportActions::documentOf(const AnalysisOutcome& o, const QString& modelPath) {
  const compat::CompatReport* compat = o.report ? o.report.get() : (o.analysis && o.analysis->compat ? &*o.analysis->compat : nullptr);
  if (!o.profile || (!compat && !o.estimate()))
    return makeError(ErrorCode::Usage, tr("The analysis has no results to export.").toStdString());
  report::CheckDocument doc(modelPath.toStdString(), *o.profile);
  if (compat) doc.add(report::compatibilitySection(*compat));
  if (const auto* e = o.estimate()) doc.add(report::performanceSection(*e, report::networkName(modelPath.toStdString())));
  if (compat) doc.addAdvice(compat->advice);
  return doc;
}

Status ExportActions::writePdf(const AnalysisOutcome& o, const QString& modelPath, const QString& path) {
  QString program;
  if (reportProgram_) {
    program = *reportProgram_;
  } else {
    auto found = ReportProcess::findProgram();
    if (!found) return found.error();
    program = *found;
  }
  if (program.isEmpty()) return renderPdfHere(o, modelPath, path);
  auto doc = documentOf(o, modelPath);
  if (!doc) return doc.error();
  // The report shows the target comparison when it was run for this model, as rendering here does.
  const bool compare = comparison_ && !comparison_().empty();
  if (auto s = report_->start(program, {modelPath, *o.profile, doc->json(), compare, path}); !s) return s;
  window_->statusBar()->showMessage(tr("Rendering the PDF report\u2026"));
  updateActions();
  return Ok{};
}

Status ExportActions::renderPdfHere(const AnalysisOutcome& o, const QString& modelPath, const QString& path) {
  auto doc = documentOf(o, modelPath);
  if (!doc) return doc.error();
  PdfReportInput input;
  if (o.analysis) {
    input.analysis = o.analysis;
  } else {
    // A target without an estimate: the report has the compatibility part.
    auto a = std::make_shared<analysis::Analysis>();
    a->model = currentView_()->model();
    a->modelPath = modelPath.toStdString();
    a->profile = *o.profile;
    a->compat = *o.report;
    input.analysis = a;
  }
  input.document = doc->json();
  if (comparison_) input.comparison = comparison_();
  // Charts and the graph are drawn with widgets, so without inferscope-report the report is
  // rendered here; it takes well under a second for common models, with a busy cursor and a status
  // message meanwhile.
  QElapsedTimer timer;
  timer.start();
  window_->statusBar()->showMessage(tr("Rendering the PDF report\u2026"));
  QApplication::setOverrideCursor(Qt::WaitCursor);
  QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
  auto pages = writePdfReport(path, input);
  QApplication::restoreOverrideCursor();
  if (!pages) {
    window_->statusBar()->clearMessage();
    return pages.error();
  }
  window_->statusBar()->showMessage(wroteMessage(path, *pages, static_cast<double>(timer.elapsed()) / 1000.0), 8000);
  Q_EMIT exported(path);
  return Ok{};
}

Status ExportActions::exportTo(Kind kind, const QString& path) {
  QString modelPath;
  auto outcome = currentOutcome(&modelPath);
  if (!outcome) return outcome.error();
  const auto& o = **outcome;
  const auto network = report::networkName(modelPath.toStdString());
  Status s = Ok{};
  switch (kind) {
    case Kind::PerLayerCsv:
    case Kind::SummaryCsv: {
      const auto* e = o.estimate();
      if (!e) return makeError(ErrorCode::Usage, o.perfUnavailable.isEmpty() ? "there is no performance estimate" : o.perfUnavailable.toStdString());
      auto data = kind == Kind::PerLayerCsv ? report::perLayerCsv(*e) : report::summaryCsv(*e, network);
      s = writeFileAtomic(path.toStdString(), std::string_view(data));
      break;
    }
    case Kind::Json: {
      auto doc = documentOf(o, modelPath);
      if (!doc) return doc.error();
      s = report::writeJsonReport(path.toStdString(), doc->json());
      break;
    }
    case Kind::Pdf: return writePdf(o, modelPath, path);  // says exported() itself, maybe later
  }
  if (s) Q_EMIT exported(path);
  return s;
}

QString ExportActions::suggestedPath(Kind kind) const {
  QString modelPath;
  auto outcome = currentOutcome(&modelPath);
  QString network = qs(report::networkName(modelPath.toStdString()));
  QString profile = outcome.ok() && (*outcome)->profile ? qs((*outcome)->profile->name) : QString();
  QString name;
  switch (kind) {
    case Kind::PerLayerCsv: name = network + QStringLiteral("_per-layer.csv"); break;
    case Kind::SummaryCsv: {
      const auto* e = outcome.ok() ? (*outcome)->estimate() : nullptr;
      name = network + QStringLiteral("_summary_") + (e ? qs(e->systemConfig) : profile) + QStringLiteral(".csv");
      break;
    }
    case Kind::Json: name = network + QLatin1Char('_') + profile + QStringLiteral(".json"); break;
    case Kind::Pdf: name = network + QLatin1Char('_') + profile + QStringLiteral(".pdf"); break;
  }
  QString dir = QSettings().value(QStringLiteral("exportDirectory"), QSettings().value(QStringLiteral("lastDirectory"))).toString();
  return dir.isEmpty() ? name : QDir(dir).filePath(name);
}

void ExportActions::reportError(const QString& message) {
  Q_EMIT failed(message);
  if (errorSink_) errorSink_(message);
  else QMessageBox::warning(window_, tr("Export failed"), message);
}

QString ExportActions::exportWithDialog(Kind kind) {
  if (auto outcome = currentOutcome(nullptr); !outcome) {
    reportError(qs(outcome.error().message));
    return {};
  }
  const auto& info = kKinds[static_cast<int>(kind)];
  QString title = QCoreApplication::translate("ExportActions", info.text).remove(QLatin1Char('&')).remove(QStringLiteral("\u2026"));
  QString path = saveFileChooser()(window_, {tr("Export %1").arg(title), suggestedPath(kind),
                                             QCoreApplication::translate("ExportActions", info.filter)});
  if (path.isEmpty()) return {};
  if (auto s = exportTo(kind, path); !s) {
    reportError(tr("Could not write %1: %2").arg(path, qs(s.error().message)));
    return {};
  }
  QSettings().setValue(QStringLiteral("exportDirectory"), QFileInfo(path).absolutePath());
  return path;
}

}  // namespace inferscope::widgets
