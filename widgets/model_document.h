// One open model: the thin QObject between the UI and the core loader. Loading runs in the
// background; the document announces the result with loaded() or failed().
#pragma once

#include <QObject>
#include <QString>

#include "core/model/ir.h"
#include "widgets/job_runner.h"

namespace inferscope::widgets {

class ModelDocument : public QObject {
  Q_OBJECT
 public:
  explicit ModelDocument(QObject* parent = nullptr);

  // Loads `path` in the background (memory-mapped, verified); a later open() supersedes it.
  void open(const QString& path);
  // Uses a model that is already in memory (tests, synthetic models).
  void setModel(model::ModelPtr model, const QString& name);

  const model::ModelPtr& model() const { return model_; }
  QString path() const { return path_; }
  QString title() const;  // file name
  bool loading() const { return runner_.busy(); }
  QString error() const { return error_; }

 Q_SIGNALS:
  void loaded();
  void failed(const QString& message);

 private:
  JobRunner runner_;
  model::ModelPtr model_;
  QString path_, name_, error_;
};

}  // namespace inferscope::widgets
