// The system config and memory mode of a target profile: a summary line, the memory diagram, the
// adjustments Vela makes to the pair, and the per-port table. Targets without an NPU get a short
// description instead.
#pragma once

#include <QWidget>

#include "core/targets/profile.h"

class QLabel;
class QStackedWidget;
class QTableView;

namespace inferscope::widgets {

class ProfileMemoryDiagram;
class ProfileMemoryModel;

class ProfileMemoryView : public QWidget {
  Q_OBJECT
 public:
  explicit ProfileMemoryView(QWidget* parent = nullptr);
  void setProfile(const targets::TargetProfile& p);
  ProfileMemoryModel* model() const { return model_; }
  QString summaryText() const;

 protected:
  void changeEvent(QEvent* e) override;

 private:
  void updateTexts();
  void fitTable();

  targets::TargetProfile profile_;
  QStackedWidget* stack_;
  QLabel* summary_;
  QLabel* notes_;
  QLabel* other_;
  ProfileMemoryDiagram* diagram_;
  ProfileMemoryModel* model_;
  QTableView* table_;
};

}  // namespace inferscope::widgets
