#include "widgets/charts/chart_style.h"

#include <QAbstractAxis>
#include <QBuffer>
#include <QChart>
#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QCursor>
#include <QFontMetricsF>
#include <QEvent>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QImage>
#include <QLegend>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QResizeEvent>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>

#include "core/util/fileio.h"
#include "widgets/file_chooser.h"
#include "widgets/theme.h"

namespace inferscope::widgets {

ChartPalette ChartPalette::fromPalette(const QPalette& p) {
  ChartPalette c;
  c.dark = GraphTheme::isDark(p);
  c.background = p.color(QPalette::Base);
  c.plotBackground = c.background;
  c.text = p.color(QPalette::Text);
  if (c.dark) {
    if (c.background.lightness() < 20) c.background = c.plotBackground = QColor(30, 31, 34);
    c.mutedText = QColor(165, 169, 177);
    c.grid = QColor(66, 69, 76);
    c.axis = QColor(120, 124, 132);
    c.npuCompute = QColor(63, 185, 80);
    c.memoryBound = QColor(150, 215, 160);
    c.cpu = QColor(240, 96, 110);
    c.peak = QColor(251, 191, 36);
    c.read = QColor(88, 166, 255);
    c.write = QColor(188, 140, 255);
  } else {
    c.mutedText = QColor(90, 95, 105);
    c.grid = QColor(226, 228, 232);
    c.axis = QColor(150, 154, 162);
    // NPU green and CPU red, as the graph's compatibility overlay shows them.
    c.npuCompute = QColor(46, 160, 67);
    c.memoryBound = QColor(140, 205, 150);
    c.cpu = QColor(215, 58, 73);
    c.peak = QColor(200, 120, 0);
    c.read = QColor(31, 111, 235);
    c.write = QColor(130, 80, 223);
  }
  return c;
}

ChartPalette ChartPalette::light() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(255, 255, 255));
  p.setColor(QPalette::Base, QColor(255, 255, 255));
  p.setColor(QPalette::Text, QColor(33, 37, 41));
  return fromPalette(p);
}

QColor ChartPalette::category(int i) const {
  // Tableau 10: distinct on white and on dark grey.
  static const QRgb light[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                               0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};
  QColor c = QColor::fromRgb(light[((i % 10) + 10) % 10]);
  return dark ? c.lighter(115) : c;
}

QColor ChartPalette::shade(const QColor& base, int i, int n) const {
  if (n <= 1) return base;
  // From the base colour towards lighter (light mode) or darker (dark mode) tints.
  double t = static_cast<double>(i) / static_cast<double>(n);
  QColor target = dark ? QColor(40, 42, 48) : QColor(255, 255, 255);
  auto mix = [&](int a, int b) { return static_cast<int>(a + (b - a) * t * 0.7); };
  return QColor(mix(base.red(), target.red()), mix(base.green(), target.green()), mix(base.blue(), target.blue()));
}

QString humanCycles(double v) {
  double a = std::abs(v);
  if (a >= 1e9) return QString::number(v / 1e9, 'f', 2) + QStringLiteral(" G");
  if (a >= 1e6) return QString::number(v / 1e6, 'f', 2) + QStringLiteral(" M");
  if (a >= 1e4) return QString::number(v / 1e3, 'f', 1) + QStringLiteral(" k");
  return QString::number(v, 'f', 0);
}

QString humanBytes(double b) {
  double a = std::abs(b);
  if (a >= 1024.0 * 1024 * 1024) return QString::number(b / (1024.0 * 1024 * 1024), 'f', 2) + QStringLiteral(" GiB");
  if (a >= 1024.0 * 1024) return QString::number(b / (1024.0 * 1024), 'f', 2) + QStringLiteral(" MiB");
  if (a >= 1024.0) return QString::number(b / 1024.0, 'f', 1) + QStringLiteral(" KiB");
  return QString::number(b, 'f', 0) + QStringLiteral(" B");
}

ChartBase::ChartBase(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumSize(320, 220);
  auto* c = new QChart();
  c->setBackgroundRoundness(0);
  c->setMargins(QMargins(6, 6, 6, 6));
  c->legend()->setAlignment(Qt::AlignBottom);
  setChart(c);
  palette_ = ChartPalette::fromPalette(palette());
}

void ChartBase::setChartPalette(const ChartPalette& p) {
  followPalette_ = false;
  palette_ = p;
  refresh();
}

void ChartBase::followPalette() {
  followPalette_ = true;
  palette_ = ChartPalette::fromPalette(palette());
  refresh();
}

QString ChartBase::chartTitle() const { return chart()->title(); }

void ChartBase::setTitleText(const QString& t) { chart()->setTitle(t); }

void ChartBase::changeEvent(QEvent* e) {
  QChartView::changeEvent(e);
  if (followPalette_ && (e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange)) {
    palette_ = ChartPalette::fromPalette(palette());
    refresh();
  }
}

void ChartBase::applyTheme() {
  auto* c = chart();
  // Colours come from the palette; the chart's built-in theme stays the default (switching themes
  // re-decorates items that are about to be replaced).
  setBackgroundBrush(palette_.background);
  c->setBackgroundBrush(palette_.background);
  c->setPlotAreaBackgroundBrush(palette_.plotBackground);
  c->setPlotAreaBackgroundVisible(true);
  c->setTitleBrush(palette_.text);
  QFont tf = font();
  tf.setBold(true);
  tf.setPointSizeF(tf.pointSizeF() * 1.1);
  c->setTitleFont(tf);
  c->legend()->setLabelColor(palette_.text);
  c->legend()->setFont(font());
}

void ChartBase::refresh() {
  applyTheme();
  rebuild();
  // Lay the new series, axes and legend out now, so a grab or an export right away is complete.
  // The items of replaced axes are deleted later; flush that too, or they would still be painted.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  if (chart()->layout()) chart()->layout()->activate();
}

void ChartBase::styleAxis(QAbstractAxis* axis, const QString& title) const {
  axis->setTitleText(title);
  axis->setTitleBrush(palette_.mutedText);
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 0.9);
  axis->setLabelsFont(f);
  axis->setTitleFont(f);
  axis->setLabelsColor(palette_.text);
  axis->setLinePen(QPen(palette_.axis, 1));
  axis->setGridLinePen(QPen(palette_.grid, 1));
  axis->setMinorGridLinePen(QPen(palette_.grid, 0.5));
  axis->setShadesVisible(false);
}

void ChartBase::addStyledAxis(QAbstractAxis* axis, Qt::Alignment alignment) {
  chart()->addAxis(axis, alignment);
  styleAxis(axis, axis->titleText());
}

void ChartBase::addAxesToAllSeries(QAbstractAxis* x, QAbstractAxis* y) {
  addStyledAxis(x, Qt::AlignBottom);
  addStyledAxis(y, Qt::AlignLeft);
  for (auto* s : chart()->series()) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

QValueAxis* ChartBase::valueAxisTo(double top, const QString& title) const {
  auto* axis = new QValueAxis();
  styleAxis(axis, title);
  axis->setRange(0, top + 1e-9);
  axis->applyNiceNumbers();
  axis->setLabelFormat(QStringLiteral("%.0f"));
  return axis;
}

void ChartBase::showToolTip(const QString& text) {
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(QCursor::pos(), text, this);
}

void ChartBase::renderTo(QPainter& painter, const QRectF& target, QSizeF layoutSize) {
  QSizeF size = layoutSize.isEmpty() ? target.size() : layoutSize;
  // Lay the chart out at the target's size so fonts keep their size relative to the plot.
  chart()->resize(size);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  if (chart()->layout()) chart()->layout()->activate();
  fitToSize();
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  if (chart()->layout()) chart()->layout()->activate();
  scene()->setSceneRect(QRectF(QPointF(0, 0), size));
  chart()->setPos(0, 0);
  scene()->render(&painter, target, QRectF(QPointF(0, 0), size), Qt::IgnoreAspectRatio);
  // Back to the view's own size.
  if (viewport()->width() > 0 && isVisible()) {
    chart()->resize(viewport()->size());
    if (chart()->layout()) chart()->layout()->activate();
    fitToSize();
  }
}

double ChartBase::plotWidth() const {
  double w = chart()->plotArea().width();
  return w > 10 ? w : std::max(100.0, chart()->size().width() - 90);
}

void ChartBase::resizeEvent(QResizeEvent* e) {
  QChartView::resizeEvent(e);
  if (chart()->layout()) chart()->layout()->activate();
  fitToSize();
}

QString ChartBase::exportWithDialog(const QString& extension) {
  QString base = displayName().toLower();
  base.replace(QLatin1Char(' '), QLatin1Char('-'));
  const bool svg = extension == QLatin1String("svg");
  QString path = saveFileChooser()(this, {tr("Export Chart"), base + QLatin1Char('.') + extension,
                                          svg ? tr("SVG drawing (*.svg)") : tr("PNG image (*.png)")});
  if (path.isEmpty()) return {};
  if (auto s = exportTo(path); !s) {
    QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(s.error().message));
    return {};
  }
  return path;
}

void ChartBase::contextMenuEvent(QContextMenuEvent* e) {
  QMenu menu(this);
  menu.addAction(tr("Export as &PNG\u2026"), this, [this] { exportWithDialog(QStringLiteral("png")); });
  menu.addAction(tr("Export as &SVG\u2026"), this, [this] { exportWithDialog(QStringLiteral("svg")); });
  for (auto* a : menu.actions()) a->setEnabled(hasData());
  menu.exec(e->globalPos());
}

Status ChartBase::exportTo(const QString& path, double scale) {
  QString ext = QFileInfo(path).suffix().toLower();
  QSizeF size = isVisible() ? QSizeF(viewport()->size()) : QSizeF(std::max(width(), 900), std::max(height(), 520));
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (ext == QLatin1String("svg")) {
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(size.toSize());
    gen.setViewBox(QRectF(QPointF(0, 0), size));
    gen.setTitle(chartTitle().isEmpty() ? displayName() : chartTitle());
    gen.setDescription(tr("InferScope chart"));
    QPainter p(&gen);
    p.setRenderHint(QPainter::Antialiasing);
    renderTo(p, QRectF(QPointF(0, 0), size));
    p.end();
  } else if (ext == QLatin1String("png")) {
    QImage img((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    img.fill(palette_.background);
    {
      QPainter p(&img);
      p.setRenderHint(QPainter::Antialiasing);
      p.setRenderHint(QPainter::TextAntialiasing);
      p.scale(scale, scale);
      renderTo(p, QRectF(QPointF(0, 0), size));
    }
    if (!img.save(&buffer, "PNG")) return makeError(ErrorCode::Io, "could not encode the PNG image");
  } else {
    return makeError(ErrorCode::Usage, "charts export as .png or .svg, not '" + ext.toStdString() + "'");
  }
  auto s = writeFileAtomic(path.toStdString(), std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
  if (!s) return s.error();
  return Ok{};
}

}  // namespace inferscope::widgets
