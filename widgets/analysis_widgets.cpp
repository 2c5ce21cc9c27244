#include "widgets/analysis_widgets.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/model_view.h"

namespace inferscope::widgets {

StatTile::StatTile(const QString& caption, QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("StatTile"));
  setFrameShape(QFrame::StyledPanel);
  setAutoFillBackground(true);
  setBackgroundRole(QPalette::Base);
  value_ = new QLabel(QStringLiteral("\u2014"), this);
  QFont f = value_->font();
  f.setPointSizeF(f.pointSizeF() * 1.45);
  f.setBold(true);
  value_->setFont(f);
  value_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  caption_ = new QLabel(caption, this);
  detail_ = new QLabel(this);
  for (auto* l : {caption_, detail_}) {
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    l->setPalette(p);
  }
  detail_->hide();
  setMinimumWidth(150);
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);  // tiles in a row share its height
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 4, 10, 4);
  layout->setSpacing(0);
  layout->addWidget(value_);
  layout->addWidget(caption_);
  layout->addWidget(detail_);
  layout->addStretch(1);
  setAccent({});
}

void StatTile::setValue(const QString& value, const QString& detail) {
  value_->setText(value);
  detail_->setText(detail);
  detail_->setVisible(!detail.isEmpty());
}

void StatTile::setCaption(const QString& caption) { caption_->setText(caption); }

QString StatTile::value() const { return value_->text(); }

void StatTile::setAccent(const QColor& color) {
  QColor c = color.isValid() ? color : palette().color(QPalette::Mid);
  setStyleSheet(QStringLiteral("#StatTile { border: 1px solid palette(midlight); border-left: 4px solid %1; border-radius: 3px; }")
                    .arg(c.name()));
}

AnalysisHeader::AnalysisHeader(QWidget* parent) : QWidget(parent) {
  title_ = new QLabel(this);
  QFont f = title_->font();
  f.setBold(true);
  title_->setFont(f);
  state_ = new QLabel(this);
  QPalette p = state_->palette();
  p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
  state_->setPalette(p);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 100);
  progress_->setMaximumWidth(160);
  progress_->setMaximumHeight(fontMetrics().height() + 2);
  progress_->setTextVisible(false);
  cancel_ = new QToolButton(this);
  cancel_->setText(tr("Cancel"));
  cancel_->setAutoRaise(true);
  rerun_ = new QToolButton(this);
  rerun_->setText(tr("Run Again"));
  rerun_->setAutoRaise(true);
  rerun_->setToolTip(tr("Analyse the model again with the active target profile"));
  connect(cancel_, &QToolButton::clicked, this, [this] { if (controller_) controller_->cancel(); });
  connect(rerun_, &QToolButton::clicked, this, [this] { if (controller_) controller_->run(); });
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 3, 4, 3);
  layout->addWidget(title_);
  layout->addSpacing(8);
  layout->addWidget(state_, 1);
  layout->addWidget(progress_);
  layout->addWidget(cancel_);
  layout->addWidget(rerun_);
  refresh();
}

void AnalysisHeader::setTitle(const QString& title) { title_->setText(title); }

void AnalysisHeader::setController(AnalysisController* c) {
  if (c == controller_) return;
  for (auto* conn : {&stateConn_, &progressConn_, &outcomeConn_}) disconnect(*conn);
  controller_ = c;
  if (c) {
    stateConn_ = connect(c, &AnalysisController::stateChanged, this, &AnalysisHeader::refresh);
    progressConn_ = connect(c, &AnalysisController::progressChanged, this, &AnalysisHeader::refresh);
    outcomeConn_ = connect(c, &AnalysisController::outcomeChanged, this, &AnalysisHeader::refresh);
  }
  refresh();
}

void AnalysisHeader::refresh() {
  using S = AnalysisController::State;
  const S s = controller_ ? controller_->state() : S::Idle;
  const bool running = s == S::Running;
  progress_->setVisible(running);
  cancel_->setVisible(running);
  rerun_->setVisible(controller_ && !running && controller_->view()->model());
  if (running) progress_->setValue(static_cast<int>(controller_->progress() * 100));
  const auto& o = controller_ ? controller_->outcome() : nullptr;
  switch (s) {
    case S::Idle: state_->setText(controller_ ? QString() : tr("No model open")); break;
    case S::Running: state_->setText(tr("Analysing\u2026")); break;
    case S::Ready: state_->setText(o ? tr("analysed in %1 ms").arg(o->milliseconds, 0, 'f', o->milliseconds < 10 ? 1 : 0) : QString()); break;
    case S::Failed: state_->setText(o ? tr("failed: %1").arg(o->error) : tr("failed")); break;
    case S::Cancelled: state_->setText(tr("cancelled")); break;
  }
}

PanelFrame assemblePanel(QWidget* panel, QWidget* header, QBoxLayout* tilesRow, QWidget* left, QWidget* right,
                         int leftWidth) {
  auto* split = new QSplitter(Qt::Horizontal, panel);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 0);
  split->setStretchFactor(1, 1);
  split->setSizes({leftWidth, 900});
  auto* content = new QWidget(panel);
  auto* contentLayout = new QVBoxLayout(content);
  contentLayout->setContentsMargins(0, 0, 0, 0);
  contentLayout->setSpacing(2);
  contentLayout->addLayout(tilesRow);
  contentLayout->addWidget(split, 1);

  PanelFrame f;
  f.message = new QLabel(panel);
  f.message->setAlignment(Qt::AlignCenter);
  f.message->setWordWrap(true);
  f.stack = new QStackedWidget(panel);
  f.stack->addWidget(f.message);
  f.stack->addWidget(content);

  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(header);
  layout->addWidget(f.stack, 1);
  return f;
}

}  // namespace inferscope::widgets
