// Tensor viewer for constants: statistics, a histogram (Qt Charts), the values (first rows, all on
// demand), raw or dequantized, and export to .npy and CSV. Decoding runs in the background.
#pragma once

#include <QDialog>

#include "core/model/ir.h"
#include "widgets/job_runner.h"
#include "widgets/tensor_data.h"

class QLabel;
class QTableView;
class QPushButton;
class QCheckBox;
class QFormLayout;

namespace inferscope::widgets {

class TensorValuesModel;
class HistogramChart;

class TensorViewer : public QDialog {
  Q_OBJECT
 public:
  TensorViewer(model::ModelPtr model, int subgraph, int tensor, QWidget* parent = nullptr);
  TensorValuesModel* valuesModel() const { return values_; }
  const TensorStats& stats() const { return stats_; }
  bool ready() const { return !runner_.busy(); }
  // For tests and scripting: write the exports without a file dialog.
  Status exportNpy(const QString& path) const;
  Status exportCsv(const QString& path) const;

 Q_SIGNALS:
  void decoded();

 private:
  void decode();
  void showStats();
  const model::Tensor& tensor() const;

  model::ModelPtr model_;
  int subgraph_, tensor_;
  JobRunner runner_;
  TensorStats stats_;
  TensorValuesModel* values_;
  QLabel* summary_;
  QFormLayout* statsForm_;
  QLabel* statLabels_[7] = {};
  HistogramChart* chart_;
  QTableView* table_;
  QPushButton* showAll_;
  QCheckBox* dequantize_;
};

}  // namespace inferscope::widgets
