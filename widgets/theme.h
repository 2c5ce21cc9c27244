// Colours of the graph view derived from the application palette, so the view follows the
// system's light or dark appearance (re-derived on palette change).
#pragma once

#include <QColor>
#include <QPalette>

namespace inferscope::widgets {

struct GraphTheme {
  bool dark = false;
  QColor background;
  QColor nodeBody;      // body of operator boxes below the coloured header
  QColor nodeBorder;
  QColor text;          // on the body
  QColor mutedText;     // keys of attribute rows, weight shapes
  QColor edge;
  QColor edgeLabel;
  QColor selection;     // outline of the selected node / edge
  QColor traceUp;       // nodes feeding the selection
  QColor traceDown;     // nodes fed by the selection
  QColor ioFill;        // input / output pills
  QColor ioText;
  QColor badgeText;

  static GraphTheme fromPalette(const QPalette& palette);
  static bool isDark(const QPalette& palette);
};

}  // namespace inferscope::widgets
