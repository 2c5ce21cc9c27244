// Search dock (Ctrl+F): type to find operators and tensors; activate a hit to go there.
#pragma once

#include <QWidget>

#include "core/model/ir.h"
#include "widgets/graph_search.h"
#include "widgets/job_runner.h"

class QLineEdit;
class QListView;
class QLabel;
class QTimer;

namespace inferscope::widgets {

class SearchPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SearchPanel(QWidget* parent = nullptr);
  void setModel(model::ModelPtr m);
  void focusQuery();
  void setQuery(const QString& q);  // searches at once (no typing delay)
  SearchResultModel* results() const { return results_; }
  bool searching() const { return runner_.busy(); }

 Q_SIGNALS:
  void hitActivated(const inferscope::widgets::SearchHit& hit);
  void finished();

 private:
  void run();
  model::ModelPtr model_;
  QLineEdit* query_;
  QLabel* status_;
  QListView* list_;
  SearchResultModel* results_;
  QTimer* debounce_;
  JobRunner runner_;
};

}  // namespace inferscope::widgets
