#include "widgets/model_document.h"

#include <QFileInfo>

#include "core/model/loader.h"

namespace inferscope::widgets {

ModelDocument::ModelDocument(QObject* parent) : QObject(parent) {}

QString ModelDocument::title() const { return name_.isEmpty() ? QFileInfo(path_).fileName() : name_; }

void ModelDocument::open(const QString& path) {
  path_ = path;
  name_.clear();
  error_.clear();
  auto file = path.toStdString();
  runner_.start([file](const JobContext&) { return model::loadModel(file); },
                [this](const Result<model::ModelPtr>& r) {
                  if (r.ok()) {
                    model_ = r.value();
                    Q_EMIT loaded();
                  } else {
                    error_ = QString::fromStdString(r.error().describe());
                    Q_EMIT failed(error_);
                  }
                });
}

void ModelDocument::setModel(model::ModelPtr model, const QString& name) {
  runner_.cancel();
  model_ = std::move(model);
  name_ = name;
  path_.clear();
  error_.clear();
  Q_EMIT loaded();
}

}  // namespace inferscope::widgets
