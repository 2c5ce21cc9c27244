// Target comparison: the same model estimated for several Ethos-U profiles (by default every
// built-in), run in the background, shown as a table and as grouped bar charts of inference time
// (NPU + CPU estimate) and memory (SRAM, flash, DRAM) per profile.
#pragma once

#include <QWidget>
#include <vector>

#include "core/model/ir.h"
#include "core/report/compare.h"
#include "widgets/charts/chart_style.h"
#include "widgets/job_runner.h"

class QStandardItemModel;
class QTableView;
class QLabel;
class QPushButton;
class QToolButton;
class QMenu;

namespace inferscope::widgets {

class TargetComparisonChart : public ChartBase {
  Q_OBJECT
 public:
  enum class Metric { Time, Memory };
  explicit TargetComparisonChart(Metric metric, QWidget* parent = nullptr);
  void setRows(std::vector<report::TargetFigures> rows);
  const std::vector<report::TargetFigures>& rows() const { return rows_; }  // the ones with figures
  Metric metric() const { return metric_; }
  QString toolTipFor(int profile, int set) const;
  QString displayName() const override;

 protected:
  void rebuild() override;
  void fitToSize() override;

 private:
  Metric metric_;
  QStringList labels_;
  std::vector<report::TargetFigures> rows_;
  QStringList setNames_;
};

class TargetComparisonView : public QWidget {
  Q_OBJECT
 public:
  explicit TargetComparisonView(QWidget* parent = nullptr);
  ~TargetComparisonView() override;

  void setModel(model::ModelPtr model, const QString& path);
  const model::ModelPtr& model() const { return model_; }
  // Profiles to compare; default: every Ethos-U built-in. The active profile is highlighted.
  void setProfiles(std::vector<targets::TargetProfile> profiles);
  void setActiveProfile(const QString& name);
  const std::vector<targets::TargetProfile>& profiles() const { return profiles_; }

  // Starts the comparison in the background (cancelling a running one).
  void run();
  void cancel();
  bool busy() const { return runner_.busy(); }
  // Shows figures computed elsewhere (reports, tests).
  void setRows(std::vector<report::TargetFigures> rows);
  const std::vector<report::TargetFigures>& rows() const { return rows_; }

  TargetComparisonChart* timeChart() const { return time_; }
  TargetComparisonChart* memoryChart() const { return memory_; }
  QStandardItemModel* tableModel() const { return table_; }

 Q_SIGNALS:
  void finished();
  void failed(const QString& message);
  void progress(double fraction);

 private:
  void fillTable();
  void updateState();

  model::ModelPtr model_;
  QString path_;
  QString active_;
  std::vector<targets::TargetProfile> profiles_;
  std::vector<report::TargetFigures> rows_;
  JobRunner runner_;
  QPushButton* runButton_;
  QLabel* status_;
  QStandardItemModel* table_;
  QTableView* tableView_;
  TargetComparisonChart* time_;
  TargetComparisonChart* memory_;
};

}  // namespace inferscope::widgets
