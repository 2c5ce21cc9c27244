#include "widgets/theme.h"

namespace inferscope::widgets {

bool GraphTheme::isDark(const QPalette& p) { return p.color(QPalette::Window).lightness() < 128; }

GraphTheme GraphTheme::fromPalette(const QPalette& p) {
  GraphTheme t;
  t.dark = isDark(p);
  t.background = p.color(QPalette::Base);
  t.text = p.color(QPalette::Text);
  t.selection = p.color(QPalette::Highlight);
  if (t.dark) {
    t.background = t.background.lightness() > 40 ? t.background : QColor(30, 31, 34);
    t.nodeBody = QColor(48, 50, 55);
    t.nodeBorder = QColor(90, 94, 102);
    t.mutedText = QColor(160, 164, 172);
    t.edge = QColor(140, 145, 155);
    t.edgeLabel = QColor(175, 180, 188);
    t.traceUp = QColor(80, 170, 255);
    t.traceDown = QColor(255, 160, 60);
    t.ioFill = QColor(70, 74, 82);
    t.ioText = QColor(235, 235, 235);
  } else {
    t.nodeBody = QColor(255, 255, 255);
    t.nodeBorder = QColor(160, 164, 172);
    t.mutedText = QColor(95, 99, 108);
    t.edge = QColor(110, 114, 122);
    t.edgeLabel = QColor(80, 84, 92);
    t.traceUp = QColor(0, 110, 230);
    t.traceDown = QColor(230, 110, 0);
    t.ioFill = QColor(232, 234, 238);
    t.ioText = QColor(30, 30, 30);
  }
  t.badgeText = QColor(255, 255, 255);
  return t;
}

}  // namespace inferscope::widgets
