#include "widgets/recent_files.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace inferscope::widgets {

namespace {
const char* kKey = "recentFiles";
}

RecentFiles::RecentFiles(QObject* parent) : QObject(parent) {}

QStringList RecentFiles::files() const { return QSettings().value(kKey).toStringList(); }

void RecentFiles::add(const QString& path) {
  QString abs = QFileInfo(path).absoluteFilePath();
  auto list = files();
  list.removeAll(abs);
  list.prepend(abs);
  while (list.size() > kMax) list.removeLast();
  QSettings().setValue(kKey, list);
  Q_EMIT changed();
}

void RecentFiles::clear() {
  QSettings().remove(kKey);
  Q_EMIT changed();
}

void RecentFiles::fillMenu(QMenu* menu) {
  menu->clear();
  const auto list = files();
  int i = 0;
  for (const auto& f : list) {
    QString label = QStringLiteral("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(f).fileName());
    auto* a = menu->addAction(label);
    a->setToolTip(QDir::toNativeSeparators(f));
    a->setStatusTip(QDir::toNativeSeparators(f));
    a->setEnabled(QFileInfo::exists(f));
    connect(a, &QAction::triggered, this, [this, f] { Q_EMIT openRequested(f); });
    ++i;
  }
  if (list.isEmpty()) menu->addAction(tr("(none)"))->setEnabled(false);
  menu->addSeparator();
  auto* c = menu->addAction(tr("Clear Recent Files"));
  c->setEnabled(!list.isEmpty());
  connect(c, &QAction::triggered, this, &RecentFiles::clear);
}

}  // namespace inferscope::widgets
