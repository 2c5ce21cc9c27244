#include "widgets/tensor_viewer.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/histogram_chart.h"
#include "widgets/node_content.h"
#include "widgets/tensor_values_model.h"

namespace inferscope::widgets {

namespace {
struct Decoded {
  std::vector<double> values;
  TensorStats stats;
  std::vector<std::int64_t> hist;
  QString error;
};
constexpr int kBins = 64;
}  // namespace

TensorViewer::TensorViewer(model::ModelPtr model, int subgraph, int tensor, QWidget* parent)
    : QDialog(parent), model_(std::move(model)), subgraph_(subgraph), tensor_(tensor) {
  const auto& t = this->tensor();
  setWindowTitle(tr("Tensor %1").arg(QString::fromStdString(t.name)));
  setAttribute(Qt::WA_DeleteOnClose);
  resize(900, 640);

  auto dt = model::dtypeName(t.dtype);
  summary_ = new QLabel(this);
  summary_->setTextFormat(Qt::RichText);
  QString q = t.quant && t.quant->hasScale() ? QString::fromStdString(model::quantText(*t.quant)) : tr("not quantized");
  summary_->setText(tr("<b>%1</b><br>%2 %3 &nbsp;\u2022&nbsp; %4 elements &nbsp;\u2022&nbsp; %5")
                        .arg(QString::fromStdString(t.name).toHtmlEscaped(), QString::fromLatin1(dt.data(), static_cast<qsizetype>(dt.size())).toLower(),
                             shapeString(t.shape), QString::number(t.numElements()), q.toHtmlEscaped()));
  summary_->setWordWrap(true);

  dequantize_ = new QCheckBox(tr("Dequantize (real values)"), this);
  dequantize_->setEnabled(t.quant && t.quant->hasScale() && !t.sparsity);
  connect(dequantize_, &QCheckBox::toggled, this, &TensorViewer::decode);

  auto* statsBox = new QWidget(this);
  statsForm_ = new QFormLayout(statsBox);
  static const char* const names[] = {QT_TR_NOOP("count"), QT_TR_NOOP("min"), QT_TR_NOOP("max"), QT_TR_NOOP("mean"),
                                      QT_TR_NOOP("std"), QT_TR_NOOP("zeros"), QT_TR_NOOP("non-finite")};
  for (int i = 0; i < 7; ++i) {
    statLabels_[i] = new QLabel(statsBox);
    statLabels_[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statsForm_->addRow(tr(names[i]) + QLatin1Char(':'), statLabels_[i]);
  }
  chart_ = new HistogramChart(this);

  values_ = new TensorValuesModel(this);
  table_ = new QTableView(this);
  table_->setModel(values_);
  table_->horizontalHeader()->setDefaultSectionSize(72);
  table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
  showAll_ = new QPushButton(tr("Show all values"), this);
  connect(showAll_, &QPushButton::clicked, this, [this] {
    values_->setFull(true);
    showAll_->hide();
  });

  auto* npy = new QPushButton(tr("Export .npy\u2026"), this);
  auto* csv = new QPushButton(tr("Export CSV\u2026"), this);
  auto save = [this](bool asNpy) {
    QString base = QString::fromStdString(this->tensor().name).replace(QLatin1Char('/'), QLatin1Char('_')).replace(QLatin1Char(':'), QLatin1Char('_'));
    QString path = QFileDialog::getSaveFileName(this, asNpy ? tr("Export as NumPy array") : tr("Export as CSV"),
                                                base + (asNpy ? QStringLiteral(".npy") : QStringLiteral(".csv")),
                                                asNpy ? tr("NumPy arrays (*.npy)") : tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    auto st = asNpy ? exportNpy(path) : exportCsv(path);
    if (!st.ok()) QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(st.error().message));
  };
  connect(npy, &QPushButton::clicked, this, [save] { save(true); });
  connect(csv, &QPushButton::clicked, this, [save] { save(false); });
  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

  auto* top = new QHBoxLayout;
  top->addWidget(statsBox, 0);
  top->addWidget(chart_, 1);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(dequantize_);
  buttons->addStretch();
  buttons->addWidget(showAll_);
  buttons->addWidget(npy);
  buttons->addWidget(csv);
  buttons->addWidget(close);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addLayout(top, 2);
  layout->addWidget(table_, 3);
  layout->addLayout(buttons);
  decode();
}

const model::Tensor& TensorViewer::tensor() const {
  return model_->subgraphs[static_cast<std::size_t>(subgraph_)].tensors[static_cast<std::size_t>(tensor_)];
}

void TensorViewer::decode() {
  bool deq = dequantize_->isChecked();
  statLabels_[0]->setText(tr("decoding\u2026"));
  runner_.start(
      [m = model_, sg = subgraph_, ti = tensor_, deq](const JobContext&) {
        Decoded d;
        const auto& t = m->subgraphs[static_cast<std::size_t>(sg)].tensors[static_cast<std::size_t>(ti)];
        auto r = decodeTensor(t, deq);
        if (!r.ok()) {
          d.error = QString::fromStdString(r.error().message);
          return d;
        }
        d.values = std::move(r).value();
        d.stats = computeStats(d.values);
        d.hist = histogram(d.values, kBins, d.stats.min, d.stats.max);
        return d;
      },
      [this, deq](const Decoded& d) {
        if (!d.error.isEmpty()) {
          statLabels_[0]->setText(d.error);
          Q_EMIT decoded();
          return;
        }
        stats_ = d.stats;
        values_->setValues(d.values, tensor().sparsity ? std::vector<std::int32_t>{} : tensor().shape, deq || model::isFloat(tensor().dtype));
        showAll_->setVisible(values_->truncated());
        chart_->setHistogram(d.hist, d.stats.min, d.stats.max);
        showStats();
        Q_EMIT decoded();
      });
}

void TensorViewer::showStats() {
  auto n = [](double v) { return QString::number(v, 'g', 6); };
  statLabels_[0]->setText(QString::number(stats_.count) + (tensor().sparsity ? tr(" (stored values of a sparse tensor)") : QString()));
  statLabels_[1]->setText(n(stats_.min));
  statLabels_[2]->setText(n(stats_.max));
  statLabels_[3]->setText(n(stats_.mean));
  statLabels_[4]->setText(n(stats_.stddev));
  statLabels_[5]->setText(tr("%1 (sparsity %2 %)").arg(stats_.zeros).arg(stats_.sparsity() * 100, 0, 'f', 1));
  statLabels_[6]->setText(QString::number(stats_.nonFinite));
}

Status TensorViewer::exportNpy(const QString& path) const { return writeNpy(path.toStdString(), tensor()); }
Status TensorViewer::exportCsv(const QString& path) const { return writeCsv(path.toStdString(), tensor()); }

}  // namespace inferscope::widgets
