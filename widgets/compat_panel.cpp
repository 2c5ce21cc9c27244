#include "widgets/compat_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "widgets/analysis_widgets.h"
#include "widgets/model_view.h"
#include "widgets/table_views.h"

namespace inferscope::widgets {

namespace {
QString esc(const QString& s) { return s.toHtmlEscaped(); }
// "CONV_2D 'coarse': ..." with the quoted operator name linked to the operator (op:subgraph:index).
QString linkOperators(const CompatData& d, const QString& line) {
  static const QRegularExpression quoted(QStringLiteral("'([^']+)'"));
  auto m = quoted.match(line);
  if (!m.hasMatch()) return esc(line);
  for (const auto& e : d.entries) {
    if (!e.offTarget() || e.name != m.captured(1)) continue;
    return esc(line.left(m.capturedStart(1))) +
           QStringLiteral("<a href=\"op:%1:%2\">%3</a>").arg(e.subgraph).arg(e.index).arg(esc(e.name)) +
           esc(line.mid(m.capturedEnd(1)));
  }
  return esc(line);
}
}  // namespace

CompatPanel::CompatPanel(QWidget* parent) : QWidget(parent) {
  header_ = new AnalysisHeader(this);

  // The counts in a row of tiles, the advice below them on the left.
  auto* tilesRow = new QHBoxLayout;
  tilesRow->setContentsMargins(4, 2, 4, 2);
  tilesRow->setSpacing(6);
  for (int i = 0; i < 4; ++i) {
    tiles_[i] = new StatTile(QString(), this);
    tilesRow->addWidget(tiles_[i]);
  }
  tilesRow->addStretch(1);
  tiles_[0]->setAccent(verdictColor(CompatEntry::Verdict::OnTarget));
  tiles_[1]->setAccent(verdictColor(CompatEntry::Verdict::OffTarget));
  tiles_[2]->setCaption(tr("NPU segments"));
  tiles_[3]->setCaption(tr("CPU\u2194NPU transitions"));
  advice_ = new QTextBrowser(this);
  advice_->setOpenLinks(false);
  advice_->setFrameShape(QFrame::NoFrame);
  advice_->viewport()->setAutoFillBackground(false);
  connect(advice_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    auto parts = url.toString().split(QLatin1Char(':'));
    if (parts.size() == 3 && parts[0] == QLatin1String("op")) Q_EMIT operatorActivated(parts[1].toInt(), parts[2].toInt());
  });

  // Right: the table.
  auto* tablePane = new QWidget(this);
  show_ = new QComboBox(tablePane);
  show_->addItem(tr("All operators"), static_cast<int>(CompatFilterProxy::Show::All));
  show_->addItem(tr("Off the target only"), static_cast<int>(CompatFilterProxy::Show::OffTarget));
  show_->addItem(tr("On the target only"), static_cast<int>(CompatFilterProxy::Show::OnTarget));
  show_->addItem(tr("Folded or dropped"), static_cast<int>(CompatFilterProxy::Show::NotCounted));
  filter_ = new QLineEdit(tablePane);
  filter_->setPlaceholderText(tr("Filter (type, name, reason, advice)"));
  filter_->setClearButtonEnabled(true);
  model_ = new CompatTableModel(this);
  proxy_ = new CompatFilterProxy(this);
  proxy_->setSourceModel(model_);
  connect(show_, &QComboBox::currentIndexChanged, this, [this] {
    proxy_->setShow(static_cast<CompatFilterProxy::Show>(show_->currentData().toInt()));
  });
  connect(filter_, &QLineEdit::textChanged, proxy_, &CompatFilterProxy::setText);

  view_ = makeRowTable(tablePane, proxy_, CompatTableModel::Index);
  view_->setColumnWidth(CompatTableModel::Subgraph, 64);
  view_->setColumnWidth(CompatTableModel::Index, 48);
  view_->setColumnWidth(CompatTableModel::Type, 150);
  view_->setColumnWidth(CompatTableModel::Name, 220);
  view_->setColumnWidth(CompatTableModel::Placement, 90);
  view_->setColumnWidth(CompatTableModel::Reason, 380);
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& cur) {
    if (syncing_ || !cur.isValid()) return;
    Q_EMIT operatorActivated(cur.data(CompatTableModel::SubgraphRole).toInt(), cur.data(CompatTableModel::OperatorRole).toInt());
  });
  auto* filterRow = new QHBoxLayout;
  filterRow->addWidget(show_);
  filterRow->addWidget(filter_, 1);
  auto* right = new QVBoxLayout(tablePane);
  right->setContentsMargins(2, 2, 2, 2);
  right->setSpacing(2);
  right->addLayout(filterRow);
  right->addWidget(view_, 1);

  const auto frame = assemblePanel(this, header_, tilesRow, advice_, tablePane, 420);
  stack_ = frame.stack;
  message_ = frame.message;
  refresh();
}

void CompatPanel::setController(AnalysisController* c) {
  if (c == controller_ && c) return;
  disconnect(outcomeConn_);
  controller_ = c;
  header_->setController(c);
  if (c) outcomeConn_ = connect(c, &AnalysisController::outcomeChanged, this, &CompatPanel::refresh);
  refresh();
}

void CompatPanel::setShow(CompatFilterProxy::Show show) { show_->setCurrentIndex(show_->findData(static_cast<int>(show))); }

QString CompatPanel::adviceText() const { return advice_->toPlainText(); }

void CompatPanel::refresh() {
  const auto o = controller_ ? controller_->outcome() : nullptr;
  const auto data = o ? o->compat : nullptr;
  model_->setCompatData(data);
  header_->setTitle(data ? QStringLiteral("%1 \u00B7 %2").arg(data->target, data->checker)
                         : o && o->profile ? QString::fromStdString(o->profile->name) : tr("Compatibility"));
  if (!data) {
    if (!controller_) message_->setText(tr("Open a model to see which operators run on the target."));
    else if (!o) message_->setText(tr("Checking the model\u2026"));
    else message_->setText(o->error.isEmpty() ? o->compatUnavailable : o->error);
    stack_->setCurrentIndex(0);
    return;
  }
  stack_->setCurrentIndex(1);
  tiles_[0]->setCaption(tr("%1 operators").arg(data->onTargetName));
  tiles_[1]->setCaption(tr("%1 operators").arg(data->offTargetName));
  tiles_[0]->setValue(QString::number(data->onTarget), tr("%1 % of %2").arg(100.0 - data->offTargetPercent(), 0, 'f', 1).arg(data->total));
  tiles_[1]->setValue(QString::number(data->offTarget), tr("%1 % of %2").arg(data->offTargetPercent(), 0, 'f', 1).arg(data->total));
  tiles_[2]->setVisible(data->hasPartitions);
  tiles_[3]->setVisible(data->hasPartitions);
  tiles_[2]->setValue(QString::number(data->segments));
  tiles_[3]->setValue(QString::number(data->transitions));
  advice_->setHtml(adviceHtml(*data));
  view_->setColumnHidden(CompatTableModel::Subgraph,
                         std::all_of(data->entries.begin(), data->entries.end(), [](const CompatEntry& e) { return e.subgraph == 0; }));
  if (auto* v = controller_->view(); v && v->selection().kind == Selection::Kind::Operator)
    selectOperator(v->selection().subgraph, v->selection().index);
}

QString CompatPanel::adviceHtml(const CompatData& d) const {
  // The checker's advice as it words it: the first line of each item in bold, "- " lines as
  // bullets, indented lines (op resolver code, commands) in a fixed font.
  QString h;
  for (const auto& a : d.advice) {
    const QColor marker = a.warning ? verdictColor(CompatEntry::Verdict::OffTarget) : QColor(56, 132, 210);
    h += QStringLiteral("<p style=\"margin-top:2px; margin-bottom:6px\"><span style=\"color:%1\">\u25CF</span> ").arg(marker.name());
    for (int i = 0; i < a.lines.size(); ++i) {
      const QString& line = a.lines[i];
      const QString t = line.trimmed();
      if (i == 0) {
        // A long first line ("... because of: <rule>") gets its lead in bold, not the whole rule.
        int colon = t.size() > 80 ? static_cast<int>(t.indexOf(QLatin1String(": "))) : -1;
        h += colon > 0 ? QStringLiteral("<b>%1</b>%2").arg(esc(t.left(colon + 1)), esc(t.mid(colon + 1))) : QStringLiteral("<b>%1</b>").arg(esc(t));
        continue;
      }
      h += QStringLiteral("<br>");
      int indent = static_cast<int>(line.size() - QString(line).remove(QRegularExpression(QStringLiteral("^ +"))).size());
      if (t.startsWith(QLatin1String("- ")))
        h += QStringLiteral("%1\u2022 %2").arg(QString(indent + 2, QChar(0xA0)), linkOperators(d, t.mid(2)));
      else if (indent >= 2 || t.startsWith(QLatin1String("inferscope-cli ")))
        h += QStringLiteral("<tt>%1%2</tt>").arg(QString(indent, QChar(0xA0)), esc(t));
      else
        h += esc(t);
    }
    h += QStringLiteral("</p>");
  }
  for (const auto& n : d.notes) h += QStringLiteral("<p><i>%1</i></p>").arg(esc(n));
  if (d.folded || d.unreachable)
    h += QStringLiteral("<p style=\"color:gray\">%1</p>")
             .arg(tr("Not counted: %1 operator(s) folded at compile time, %2 dropped as unreachable.").arg(d.folded).arg(d.unreachable));
  return h;
}

void CompatPanel::selectOperator(int subgraph, int op) {
  syncing_ = true;
  auto idx = proxy_->mapFromSource(model_->indexOfOperator(subgraph, op));
  if (idx.isValid()) {
    view_->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(idx);
  } else {
    view_->clearSelection();
  }
  syncing_ = false;
}

}  // namespace inferscope::widgets
