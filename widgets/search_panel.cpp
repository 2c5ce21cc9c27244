#include "widgets/search_panel.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

namespace inferscope::widgets {

SearchPanel::SearchPanel(QWidget* parent) : QWidget(parent) {
  query_ = new QLineEdit(this);
  query_->setPlaceholderText(tr("Name, operator type, dtype or shape; \"quoted\" = exact"));
  query_->setClearButtonEnabled(true);
  status_ = new QLabel(this);
  status_->setContentsMargins(4, 0, 4, 0);
  results_ = new SearchResultModel(this);
  list_ = new QListView(this);
  list_->setModel(results_);
  list_->setUniformItemSizes(true);
  list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(150);
  connect(debounce_, &QTimer::timeout, this, &SearchPanel::run);
  connect(query_, &QLineEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
  connect(query_, &QLineEdit::returnPressed, this, [this] {
    if (results_->rowCount() > 0) Q_EMIT hitActivated(results_->hits().front());
  });
  auto activate = [this](const QModelIndex& i) {
    if (i.isValid()) Q_EMIT hitActivated(results_->hits()[i.row()]);
  };
  connect(list_, &QListView::activated, this, activate);
  connect(list_, &QListView::clicked, this, activate);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->setSpacing(2);
  layout->addWidget(query_);
  layout->addWidget(status_);
  layout->addWidget(list_);
}

void SearchPanel::setModel(model::ModelPtr m) {
  model_ = std::move(m);
  run();
}

void SearchPanel::focusQuery() {
  query_->setFocus();
  query_->selectAll();
}

void SearchPanel::setQuery(const QString& q) {
  query_->setText(q);
  debounce_->stop();
  run();
}

void SearchPanel::run() {
  QString q = query_->text();
  if (!model_ || q.trimmed().isEmpty()) {
    runner_.cancel();
    results_->setHits({});
    status_->clear();
    Q_EMIT finished();
    return;
  }
  status_->setText(tr("Searching\u2026"));
  runner_.start([m = model_, q](const JobContext&) { return searchModel(*m, q); },
                [this](const QVector<SearchHit>& hits) {
                  results_->setHits(hits);
                  status_->setText(hits.isEmpty() ? tr("No matches") : tr("%n match(es)", nullptr, static_cast<int>(hits.size())));
                  Q_EMIT finished();
                });
}

}  // namespace inferscope::widgets
