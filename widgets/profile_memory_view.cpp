#include "widgets/profile_memory_view.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/profile_format.h"
#include "widgets/profile_memory_diagram.h"
#include "widgets/profile_memory_model.h"

namespace inferscope::widgets {

ProfileMemoryView::ProfileMemoryView(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  stack_ = new QStackedWidget(this);
  outer->addWidget(stack_);

  auto* npu = new QWidget(stack_);
  auto* v = new QVBoxLayout(npu);
  v->setContentsMargins(0, 0, 0, 0);
  summary_ = new QLabel(npu);
  summary_->setObjectName(QStringLiteral("memorySummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  diagram_ = new ProfileMemoryDiagram(npu);
  notes_ = new QLabel(npu);
  notes_->setObjectName(QStringLiteral("memoryNotes"));
  notes_->setWordWrap(true);
  model_ = new ProfileMemoryModel(this);
  table_ = new QTableView(npu);
  table_->setObjectName(QStringLiteral("memoryTable"));
  table_->setModel(model_);
  table_->setSelectionMode(QAbstractItemView::NoSelection);
  table_->setFocusPolicy(Qt::NoFocus);
  table_->setAlternatingRowColors(true);
  table_->setWordWrap(false);
  table_->setShowGrid(false);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  table_->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  v->addWidget(summary_);
  v->addWidget(diagram_);
  v->addWidget(notes_);
  v->addWidget(table_);
  v->addStretch(1);
  stack_->addWidget(npu);

  other_ = new QLabel(stack_);
  other_->setObjectName(QStringLiteral("memoryOther"));
  other_->setWordWrap(true);
  other_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  other_->setMargin(8);
  stack_->addWidget(other_);
}

void ProfileMemoryView::setProfile(const targets::TargetProfile& p) {
  profile_ = p;
  model_->setProfile(p);
  diagram_->setProfile(p);
  updateTexts();
  fitTable();
}

void ProfileMemoryView::fitTable() {
  // The whole table, without scrolling; the space below stays free.
  const int row = fontMetrics().height() + 8;
  table_->verticalHeader()->setDefaultSectionSize(row);
  table_->setFixedHeight(table_->horizontalHeader()->sizeHint().height() + row * model_->rowCount() +
                         2 * table_->frameWidth() + 2);
}

QString ProfileMemoryView::summaryText() const {
  return profile_.isEthosU() ? summary_->text() : other_->text();
}

void ProfileMemoryView::updateTexts() {
  const auto& p = profile_;
  const QString muted = mutedTextColor(palette()).name();
  if (!p.isEthosU()) {
    QString text;
    if (p.family == targets::TargetFamily::CortexM)
      text = tr("<b>%1</b> CPU at %2. Operators are costed on the CPU; there is no NPU memory system.")
                 .arg(QString::fromStdString(p.target), formatHz(p.cpuClock));
    else if (p.family == targets::TargetFamily::CortexA)
      text = tr("<b>Cortex-A</b> with the Arm NN TensorFlow Lite delegate %1. Cortex-A profiles have no Vela "
                "system config or memory mode.")
                 .arg(QString::fromStdString(p.armnnDelegateVersion).toHtmlEscaped());
    else
      text = tr("<b>TOSA</b> checks operator compatibility with the TOSA base inference profile; it has no "
                "memory system.");
    other_->setText(text);
    stack_->setCurrentWidget(other_);
    return;
  }
  const QString cfg = p.configPath.empty() ? tr("built-in Vela configuration")
                                           : QString::fromStdString(p.configPath).toHtmlEscaped();
  const QString cache = p.memoryMode.arenaCacheSize ? formatBytes(p.arenaCacheSize())
                                                    : tr("%1 (not limited)").arg(formatBytes(p.arenaCacheSize()));
  summary_->setText(tr("System config <b>%1</b> \u00B7 memory mode <b>%2</b> <span style='color:%3'>(%4)</span><br>"
                       "Core clock %5 \u00B7 arena cache size %6 \u00B7 spilling %7")
                        .arg(QString::fromStdString(p.systemConfigName).toHtmlEscaped(),
                             QString::fromStdString(p.memoryModeName).toHtmlEscaped(), muted, cfg,
                             formatHz(p.coreClockHz()), cache, p.spillingEnabled() ? tr("on") : tr("off")));
  QStringList notes;
  for (const auto& n : p.notes) notes << QString::fromStdString(n).toHtmlEscaped();
  notes_->setText(notes.isEmpty() ? QString()
                                  : QStringLiteral("<span style='color:%1'>%2</span>")
                                        .arg(muted, tr("Vela adjusts this pair: %1").arg(notes.join(QStringLiteral("; ")))));
  notes_->setVisible(!notes.isEmpty());
  stack_->setCurrentIndex(0);
}

void ProfileMemoryView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::FontChange) fitTable();
  if (e->type() == QEvent::PaletteChange) {
    updateTexts();
    model_->setProfile(profile_);  // swatch colours follow the palette
  }
  QWidget::changeEvent(e);
}

}  // namespace inferscope::widgets
