// A small drawing of an Ethos-U profile's memory system: the NPU, its two AXI ports (line width by
// bandwidth) and the memory on each, with clock, bandwidth and what the memory mode puts there.
#pragma once

#include <QWidget>

#include "core/targets/profile.h"

namespace inferscope::widgets {

class ProfileMemoryDiagram : public QWidget {
  Q_OBJECT
 public:
  explicit ProfileMemoryDiagram(QWidget* parent = nullptr);
  void setProfile(const targets::TargetProfile& p);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  void paintPort(QPainter& g, const QRectF& npu, const QRectF& box, targets::AxiPort port, double maxBpc);

  targets::TargetProfile profile_;
};

}  // namespace inferscope::widgets
