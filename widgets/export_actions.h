// File -> Export: the current model's latest analysis as files, all written atomically:
//   per-layer CSV and summary CSV (Vela's column names), the run's JSON document (what
//   `inferscope-cli check --json` prints) and the PDF report (what `--pdf` renders).
// The PDF is rendered in the background by inferscope-report (ReportProcess), as for the CLI, while
// the status bar says so; the PDF action is disabled until it is done. Without inferscope-report
// (neither next to the executable nor on PATH) it is rendered here, on the GUI thread, instead.
// The file comes from saveFileChooser() (tests inject one); errors are shown in a message box (or
// handed to an injected sink) and never end the application.
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

#include "core/report/check.h"
#include "core/report/compare.h"
#include "widgets/analysis_controller.h"

class QAction;
class QMainWindow;
class QMenu;

namespace inferscope::widgets {

class ModelView;
class ReportProcess;

class ExportActions : public QObject {
  Q_OBJECT
 public:
  enum class Kind { PerLayerCsv, SummaryCsv, Json, Pdf };

  // `currentView` gives the model whose analysis is exported.
  ExportActions(QMainWindow* window, std::function<ModelView*()> currentView);

  QMenu* menu() const { return menu_; }  // "Export Report": one action per Kind
  QAction* action(Kind kind) const { return actions_[static_cast<int>(kind)]; }
  // Enables the actions the current outcome can serve (also done whenever the menu opens).
  void updateActions();

  // Profiles' figures for the PDF's target comparison (e.g. the charts' comparison view); empty: none.
  void setComparisonSource(std::function<std::vector<report::TargetFigures>()> source) { comparison_ = std::move(source); }
  // Where errors go (default: a warning message box).
  void setErrorSink(std::function<void(const QString& message)> sink) { errorSink_ = std::move(sink); }
  // The inferscope-report to run: nullopt (the default) looks it up (ReportProcess::findProgram);
  // an empty string renders PDF reports in this process.
  void setReportProgram(std::optional<QString> program) { reportProgram_ = std::move(program); }
  // The background render of a PDF report (running() while one is).
  ReportProcess* reportProcess() const { return report_; }

  // Writes `kind` for the current model to `path` without asking. A PDF rendered in the background
  // is only started: once it is done, exported() follows, or failed() and the error sink.
  Status exportTo(Kind kind, const QString& path);
  // Asks for the file, then exports; returns the path written or being written (empty when
  // cancelled or failed).
  QString exportWithDialog(Kind kind);

  // The run's JSON document of an outcome, as the CLI builds it.
  static Result<report::CheckDocument> documentOf(const AnalysisOutcome& outcome, const QString& modelPath);

 Q_SIGNALS:
  void exported(const QString& path);
  void failed(const QString& message);

 private:
  Result<AnalysisOutcomePtr> currentOutcome(QString* modelPath) const;
  Status writePdf(const AnalysisOutcome& outcome, const QString& modelPath, const QString& path);
  Status renderPdfHere(const AnalysisOutcome& outcome, const QString& modelPath, const QString& path);
  void reportError(const QString& message);
  QString suggestedPath(Kind kind) const;

  QMainWindow* window_;
  std::function<ModelView*()> currentView_;
  std::function<std::vector<report::TargetFigures>()> comparison_;
  std::function<void(const QString&)> errorSink_;
  std::optional<QString> reportProgram_;
  ReportProcess* report_;
  QMenu* menu_;
  QAction* actions_[4] = {};
};

}  // namespace inferscope::widgets
