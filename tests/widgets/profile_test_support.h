// Helpers of the profile editor and selector widget tests.
#pragma once

#include <QComboBox>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include "core/targets/builtin_profiles.h"
#include "core/targets/fields.h"
#include "widgets/profile_form.h"

namespace inferscope::testdata {

// Keeps the tests' QSettings (active profile, recent profile files) away from the user's, and empty.
inline void isolateProfileSettings() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("InferScopeTests"));
  // One settings file per test program: ctest runs them side by side.
  QCoreApplication::setApplicationName(QStringLiteral("InferScopeProfileTests-") +
                                       QFileInfo(QCoreApplication::applicationFilePath()).completeBaseName());
  QSettings().clear();
}

inline targets::TargetProfile builtin(const char* name) { return *targets::builtinProfile(name); }

// Picks `value` in a choice field as a user would (activated is what the form listens to).
inline void pick(widgets::ProfileForm* form, const char* key, const QString& value) {
  auto* combo = qobject_cast<QComboBox*>(form->editor(QString::fromLatin1(key)));
  QVERIFY2(combo, key);
  const int i = combo->findData(value);
  QVERIFY2(i >= 0, qPrintable(value));
  combo->setCurrentIndex(i);
  Q_EMIT combo->activated(i);
}

inline QLineEdit* line(widgets::ProfileForm* form, const char* key) {
  return qobject_cast<QLineEdit*>(form->editor(QString::fromLatin1(key)));
}

// Types into a line edit (replacing its text) without finishing the edit.
inline void typeInto(QLineEdit* e, const QString& text) {
  e->setFocus();
  e->selectAll();
  if (text.isEmpty()) QTest::keyClick(e, Qt::Key_Backspace);
  else QTest::keyClicks(e, text);
}

inline QString field(const targets::TargetProfile& p, std::string_view key) {
  return QString::fromStdString(targets::getField(p, key).value_or(std::string()));
}

}  // namespace inferscope::testdata
