// Small pieces the analysis panels share: a figure tile ("12.4 ms / Inference time") and the
// header row that names the target and shows the run's state, progress, Cancel and Run again.
#pragma once

#include <QFrame>
#include <QPointer>

#include "widgets/analysis_controller.h"

class QBoxLayout;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QToolButton;

namespace inferscope::widgets {

class StatTile : public QFrame {
  Q_OBJECT
 public:
  explicit StatTile(const QString& caption, QWidget* parent = nullptr);
  void setValue(const QString& value, const QString& detail = {});
  void setCaption(const QString& caption);
  void setAccent(const QColor& color);  // the stripe on the left; invalid: the palette's mid colour
  QString value() const;

 private:
  QLabel* value_;
  QLabel* caption_;
  QLabel* detail_;
};

class AnalysisHeader : public QWidget {
  Q_OBJECT
 public:
  explicit AnalysisHeader(QWidget* parent = nullptr);
  void setController(AnalysisController* c);
  void setTitle(const QString& title);

 private:
  void refresh();
  QPointer<AnalysisController> controller_;
  QLabel* title_;
  QLabel* state_;
  QProgressBar* progress_;
  QToolButton* cancel_;
  QToolButton* rerun_;
  QMetaObject::Connection stateConn_, progressConn_, outcomeConn_;
};

// The frame both analysis panels share: the header on top, then either a centred message (no
// result) or the content, which is the tiles row above a splitter of `left` and `right`.
struct PanelFrame {
  QStackedWidget* stack = nullptr;  // page 0: message, page 1: content
  QLabel* message = nullptr;
};
PanelFrame assemblePanel(QWidget* panel, QWidget* header, QBoxLayout* tilesRow, QWidget* left, QWidget* right,
                         int leftWidth);

}  // namespace inferscope::widgets
