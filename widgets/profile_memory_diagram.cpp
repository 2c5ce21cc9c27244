#include "widgets/profile_memory_diagram.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "widgets/profile_format.h"
#include "widgets/profile_memory_model.h"

namespace inferscope::widgets {

using targets::AxiPort;
using targets::MemoryArea;

namespace {
constexpr double kMargin = 8, kBoxH = 74, kGap = 12, kNpuW = 150;

QColor mix(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
                          static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
                          static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}
}  // namespace

ProfileMemoryDiagram::ProfileMemoryDiagram(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProfileMemoryDiagram::setProfile(const targets::TargetProfile& p) {
  profile_ = p;
  update();
}

QSize ProfileMemoryDiagram::sizeHint() const { return {560, static_cast<int>(2 * kMargin + 2 * kBoxH + kGap)}; }
QSize ProfileMemoryDiagram::minimumSizeHint() const { return {440, sizeHint().height()}; }

void ProfileMemoryDiagram::paintEvent(QPaintEvent*) {
  QPainter g(this);
  g.setRenderHint(QPainter::Antialiasing);
  if (!profile_.isEthosU()) return;
  const QPalette& pal = palette();
  const bool dark = isDarkPalette(pal);
  const double w = width(), h = 2 * kBoxH + kGap;
  const double top = kMargin;
  QRectF npu(kMargin, top + 8, kNpuW, h - 16);
  const double boxW = std::clamp(w * 0.46, 210.0, 340.0);
  QRectF box0(w - kMargin - boxW, top, boxW, kBoxH), box1(w - kMargin - boxW, top + kBoxH + kGap, boxW, kBoxH);

  const double maxBpc = std::max({profile_.bytesPerCycle(profile_.systemConfig.axi0),
                                  profile_.bytesPerCycle(profile_.systemConfig.axi1), 1e-9});
  paintPort(g, npu, box0, AxiPort::Axi0, maxBpc);
  paintPort(g, npu, box1, AxiPort::Axi1, maxBpc);

  // The NPU.
  QColor accent = pal.color(QPalette::Highlight);
  g.setPen(QPen(accent, 1.5));
  g.setBrush(mix(pal.color(QPalette::Base), accent, dark ? 0.22 : 0.10));
  g.drawRoundedRect(npu, 6, 6);
  g.setPen(pal.color(QPalette::Text));
  QFont bold = font();
  bold.setBold(true);
  bold.setPointSizeF(font().pointSizeF() * 1.1);
  g.setFont(bold);
  const QString title = QString::fromUtf8(targets::familyDisplayName(profile_.family).data());
  const QString body = tr("%1 MACs\n%2\n%3-bit AXI")
                           .arg(profile_.mac)
                           .arg(formatHz(profile_.coreClockHz()))
                           .arg(profile_.axiPortWidthBits());
  // Title and body centred as one block.
  const double titleH = QFontMetricsF(bold).height(), bodyH = 3 * QFontMetricsF(font()).height();
  QRectF block(npu.left() + 8, npu.center().y() - (titleH + 4 + bodyH) / 2, npu.width() - 16, titleH + 4 + bodyH);
  g.drawText(block, Qt::AlignHCenter | Qt::AlignTop, title);
  g.setFont(font());
  g.drawText(block.adjusted(0, titleH + 4, 0, 0), Qt::AlignHCenter | Qt::AlignTop, body);
}

void ProfileMemoryDiagram::paintPort(QPainter& g, const QRectF& npu, const QRectF& box, AxiPort port, double maxBpc) {
  const QPalette& pal = palette();
  const bool dark = isDarkPalette(pal);
  const MemoryArea area = profile_.systemConfig.areaOn(port);
  const auto& s = profile_.systemConfig.settings(area);
  const double bpc = profile_.bytesPerCycle(area);
  const QColor text = pal.color(QPalette::Text), muted = mutedTextColor(pal);

  // The bus: width by bandwidth relative to the faster port.
  const double y = box.center().y();
  const QPointF from(npu.right(), std::clamp(y, npu.top() + 14, npu.bottom() - 14)), to(box.left(), y);
  QColor bus = mix(pal.color(QPalette::Base), text, 0.55);
  g.setPen(QPen(bus, 2 + 5 * bpc / maxBpc, Qt::SolidLine, Qt::FlatCap));
  QPainterPath path(from);
  const double mid = (from.x() + to.x()) / 2;
  path.cubicTo(QPointF(mid, from.y()), QPointF(mid, to.y()), to);
  g.setBrush(Qt::NoBrush);
  g.drawPath(path);
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.9);
  g.setFont(small);
  QString portName = port == AxiPort::Axi0 ? tr("AXI0") : tr("AXI1");
  if (const auto ports = profile_.portsUsed(area); ports > 1) portName += QStringLiteral(" \u00D7%1").arg(ports);
  QRectF label(from.x() + 6, std::min(from.y(), to.y()) - 22, to.x() - from.x() - 12, 18);
  g.setPen(muted);
  g.drawText(label.translated(0, port == AxiPort::Axi0 ? 0 : std::abs(to.y() - from.y()) + 26),
             Qt::AlignHCenter | Qt::AlignVCenter, tr("%1 \u00B7 %2 B/cycle").arg(portName, formatBytesPerCycle(bpc)));

  // The memory.
  const QColor fill = memoryAreaColor(area, dark);
  g.setPen(QPen(fill.darker(dark ? 70 : 130), 1));
  g.setBrush(fill);
  g.drawRoundedRect(box, 6, 6);
  const QColor onFill = dark ? QColor(240, 240, 240) : QColor(25, 28, 32);
  QRectF inner = box.adjusted(10, 6, -10, -6);
  QFont bold = font();
  bold.setBold(true);
  g.setFont(bold);
  g.setPen(onFill);
  g.drawText(inner, Qt::AlignLeft | Qt::AlignTop, QString::fromUtf8(targets::memoryAreaDisplayName(area).data()));
  g.setFont(small);
  g.drawText(inner, Qt::AlignRight | Qt::AlignTop, formatHz(profile_.memoryClockHz(area)));
  const double line = QFontMetricsF(bold).height() + 2;
  g.drawText(inner.adjusted(0, line, 0, 0), Qt::AlignLeft | Qt::AlignTop,
             tr("%1 \u00B7 burst %2 B \u00B7 latency %3/%4")
                 .arg(formatGBps(profile_.bytesPerSecond(area)))
                 .arg(s.burstLength)
                 .arg(s.readLatency)
                 .arg(s.writeLatency));

  // What the memory mode keeps here, as chips.
  const QString holds = ProfileMemoryModel::holdsText(profile_, port);
  double x = inner.left();
  const double chipY = inner.bottom() - QFontMetricsF(small).height() - 4;
  QFontMetricsF fm(small);
  const QStringList chips = holds.isEmpty() ? QStringList{tr("unused")} : holds.split(QStringLiteral(", "));
  for (const auto& c : chips) {
    QRectF r(x, chipY, fm.horizontalAdvance(c) + 14, fm.height() + 4);
    g.setPen(Qt::NoPen);
    g.setBrush(holds.isEmpty() ? QColor(0, 0, 0, 0) : (dark ? QColor(0, 0, 0, 90) : QColor(255, 255, 255, 190)));
    g.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    g.setPen(holds.isEmpty() ? mix(fill, onFill, 0.55) : onFill);
    g.drawText(r, Qt::AlignCenter, c);
    x = r.right() + 6;
  }
}

}  // namespace inferscope::widgets
