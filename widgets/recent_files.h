// The Open Recent list, kept in QSettings.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace inferscope::widgets {

class RecentFiles : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMax = 10;
  explicit RecentFiles(QObject* parent = nullptr);
  void add(const QString& path);
  void clear();
  QStringList files() const;
  // Rebuilds `menu` with one action per file (and Clear); selecting one emits openRequested.
  void fillMenu(QMenu* menu);

 Q_SIGNALS:
  void openRequested(const QString& path);
  void changed();
};

}  // namespace inferscope::widgets
