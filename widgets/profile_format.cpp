#include "widgets/profile_format.h"

#include <QLocale>
#include <cmath>

namespace inferscope::widgets {

namespace {
QString trimmed(double v, int maxDecimals) {
  QString s = QString::number(v, 'f', maxDecimals);
  if (s.contains(QLatin1Char('.'))) {
    while (s.endsWith(QLatin1Char('0'))) s.chop(1);
    if (s.endsWith(QLatin1Char('.'))) s.chop(1);
  }
  return s;
}
}  // namespace

QString formatHz(double hz) {
  if (hz >= 1e9) return QStringLiteral("%1 GHz").arg(trimmed(hz / 1e9, 3));
  if (hz >= 1e6) return QStringLiteral("%1 MHz").arg(trimmed(hz / 1e6, 3));
  if (hz >= 1e3) return QStringLiteral("%1 kHz").arg(trimmed(hz / 1e3, 3));
  return QStringLiteral("%1 Hz").arg(trimmed(hz, 3));
}

QString formatBytes(std::int64_t bytes) {
  static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (u < 4 && v >= 1024) {
    v /= 1024;
    ++u;
  }
  return QStringLiteral("%1 %2").arg(trimmed(v, 2), QLatin1String(units[u]));
}

QString formatBytesPerCycle(double b) { return trimmed(b, 3); }

QString formatGBps(double bytesPerSecond) { return QStringLiteral("%1 GB/s").arg(bytesPerSecond / 1e9, 0, 'f', 2); }

bool isDarkPalette(const QPalette& p) { return p.color(QPalette::Window).lightness() < 128; }

QColor memoryAreaColor(targets::MemoryArea a, bool dark) {
  using targets::MemoryArea;
  switch (a) {
    case MemoryArea::Sram: return dark ? QColor(46, 125, 90) : QColor(200, 236, 215);
    case MemoryArea::Dram: return dark ? QColor(52, 94, 160) : QColor(205, 222, 250);
    case MemoryArea::OnChipFlash: return dark ? QColor(150, 110, 40) : QColor(252, 230, 190);
    case MemoryArea::OffChipFlash: return dark ? QColor(140, 80, 60) : QColor(246, 212, 198);
  }
  return dark ? QColor(80, 80, 80) : QColor(230, 230, 230);
}

QColor errorTextColor(const QPalette& p) { return isDarkPalette(p) ? QColor(255, 128, 118) : QColor(192, 32, 32); }

QColor mutedTextColor(const QPalette& p) {
  QColor t = p.color(QPalette::WindowText), w = p.color(QPalette::Window);
  return QColor((t.red() * 3 + w.red() * 2) / 5, (t.green() * 3 + w.green() * 2) / 5, (t.blue() * 3 + w.blue() * 2) / 5);
}

}  // namespace inferscope::widgets
