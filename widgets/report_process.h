// Renders a PDF report in the separate program inferscope-report (app/report, what
// `inferscope-cli check --pdf` runs), so the GUI thread never waits while the charts and the graph
// are drawn. The run's JSON document goes to a private temporary directory, and so does the profile
// when it is neither an unchanged built-in nor its file as stored (an edited, unsaved profile
// reaches the report as the GUI has it). inferscope-report writes the PDF atomically (a temporary
// file next to it, renamed once complete) and refuses a document whose figures differ from its own
// run. One render at a time; destroying the object kills a render still going and removes its
// temporary files.
//
//   auto* r = new ReportProcess(this);
//   connect(r, &ReportProcess::finished, this, [](const ReportProcess::Outcome& o) { ... });
//   if (auto s = r->start(*ReportProcess::findProgram(), request); !s) ...
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <memory>

#include "core/targets/profile.h"
#include "core/util/json.h"
#include "core/util/result.h"

class QTemporaryDir;

namespace inferscope::widgets {

struct ReportRequest {
  QString modelPath;               // the model file the analysis read
  targets::TargetProfile profile;  // the profile of the analysis
  json::Value document;            // the run's JSON document (ExportActions::documentOf)
  bool compareTargets = false;     // add the comparison of every Ethos-U built-in
  QString pdfPath;                 // the PDF to write
};

class ReportProcess : public QObject {
  Q_OBJECT
 public:
  struct Outcome {
    bool ok = false;
    QString pdfPath;
    int pages = 0;         // when ok
    QString message;       // when not ok: why (the program's own message when it gave one)
    double seconds = 0;    // wall time of the render
  };

  explicit ReportProcess(QObject* parent = nullptr);
  ~ReportProcess() override;

  // The inferscope-report to run: $INFERSCOPE_REPORT when set (an error when that is not an
  // executable file), else the one next to this executable, else the one on PATH. An empty string
  // when there is none.
  static Result<QString> findProgram();

  // How the profile reaches the program: a built-in's name, the file it is stored in, or a file
  // written to `tempDir` (its name the profile's). `label` is set to what the report should call
  // the profile's source when that is not the file passed (otherwise left empty).
  static Result<QString> profileArgument(const targets::TargetProfile& profile, const QString& tempDir, QString* label);

  // Starts rendering; finished() follows, also when the program fails to start. An error when a
  // render is still going or the temporary files cannot be written.
  Status start(const QString& program, const ReportRequest& request);
  bool running() const { return process_ != nullptr; }
  QString pdfPath() const { return running() ? pdfPath_ : QString(); }
  qint64 processId() const { return process_ ? process_->processId() : 0; }
  QString tempDir() const;  // the running render's temporary directory (empty when idle)

 Q_SIGNALS:
  void finished(const inferscope::widgets::ReportProcess::Outcome& outcome);

 private:
  void onFinished(int exitCode, QProcess::ExitStatus status);
  void onError(QProcess::ProcessError error);
  void finish(Outcome outcome);
  void stop();  // kills a running render and removes what it left

  QProcess* process_ = nullptr;
  std::unique_ptr<QTemporaryDir> temp_;
  QString pdfPath_, program_;
  QElapsedTimer timer_;
};

}  // namespace inferscope::widgets
