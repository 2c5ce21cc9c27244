// The target profile selector of the main window, driven offscreen: built-ins, files and recent
// files, an edited profile from the editor, activeProfileChanged; its model under
// QAbstractItemModelTester. With INFERSCOPE_SCREENSHOT_DIR set, also saves screenshots of the
// editor and the main window's toolbar in light and dark palettes.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/targets/profile_io.h"
#include "profile_test_support.h"
#include "widgets/application.h"
#include "widgets/main_window.h"
#include "widgets/profile_editor.h"
#include "widgets/profile_editor_dialog.h"
#include "widgets/profile_selector.h"
#include "widgets/profile_source_model.h"

using namespace inferscope;
using namespace inferscope::widgets;
using namespace inferscope::testdata;
using Tester = QAbstractItemModelTester;
using Choice = ProfileEditor::DiscardChoice;

class ProfileSelectorTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateProfileSettings();
    QSettings().clear();
  }

  void sourceModel() {
    QSettings().clear();
    ProfileSourceModel m;
    Tester tester(&m, Tester::FailureReportingMode::QtTest);
    const int builtins = int(targets::builtinProfileNames().size());
    QVERIFY(m.rowCount() > builtins);
    QCOMPARE(m.kind(m.rowOfBuiltin(QStringLiteral("ethos-u85-512"))), ProfileSourceModel::Kind::Builtin);
    QCOMPARE(m.kind(m.rowOfOpenFile()), ProfileSourceModel::Kind::OpenFile);
    QCOMPARE(m.rowOfUnsaved(), -1);
    // Separators between families are not selectable and look like QComboBox separators.
    int seps = 0;
    for (int r = 0; r < m.rowCount(); ++r)
      if (m.kind(r) == ProfileSourceModel::Kind::Separator) {
        ++seps;
        QCOMPARE(m.flags(m.index(r)), Qt::NoItemFlags);
        QCOMPARE(m.data(m.index(r), Qt::AccessibleDescriptionRole).toString(), QStringLiteral("separator"));
      }
    QVERIFY(seps >= 3);

    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a/board.toml")), b = dir.filePath(QStringLiteral("b/board.toml"));
    m.addRecentFile(a);
    m.addRecentFile(b);
    QCOMPARE(m.recentFiles(), QStringList({b, a}));
    QVERIFY(m.rowOfFile(a) > m.rowOfFile(b));
    QCOMPARE(m.data(m.index(m.rowOfFile(a))).toString(), QStringLiteral("board.toml \u2014 a"));  // same names
    m.setUnsaved(QStringLiteral("mine"));
    QCOMPARE(m.data(m.index(m.rowOfUnsaved())).toString(), QStringLiteral("mine (unsaved)"));
    ProfileSourceModel again;  // recent files persist
    QCOMPARE(again.recentFiles(), QStringList({b, a}));
    m.removeRecentFile(b);
    QCOMPARE(m.recentFiles(), QStringList({a}));
    m.setUnsaved(QString());
    QCOMPARE(m.rowOfUnsaved(), -1);
  }

  void selector() {
    QSettings().clear();
    ProfileSelector sel;
    QStringList errors;
    sel.setErrorReporter([&](QWidget*, const QString& m) { errors << m; });
    QSignalSpy changed(&sel, &ProfileSelector::activeProfileChanged);
    QCOMPARE(QString::fromStdString(sel.activeProfile()->name), QLatin1String(ProfileSelector::kDefaultProfile));
    QCOMPARE(sel.comboBox()->currentText(), QLatin1String(ProfileSelector::kDefaultProfile));

    QVERIFY(sel.selectBuiltin(QStringLiteral("ethos-u85-512")));
    QCOMPARE(changed.count(), 1);
    auto p = changed.at(0).at(0).value<std::shared_ptr<const targets::TargetProfile>>();
    QVERIFY(p);
    QCOMPARE(p->mac, 512);
    QVERIFY(sel.selectBuiltin(QStringLiteral("ethos-u85-512")));  // the same: no signal
    QCOMPARE(changed.count(), 1);

    // Picking in the combo box.
    const int row = sel.sourceModel()->rowOfBuiltin(QStringLiteral("cortex-a"));
    sel.comboBox()->setCurrentIndex(row);
    Q_EMIT sel.comboBox()->activated(row);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(sel.activeProfile()->target, std::string("cortex-a"));

    // Files: loaded, remembered, restored by the next selector.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.toml"));
    auto b = builtin("ethos-u65-256");
    QVERIFY(targets::saveProfile(b, path.toStdString()).ok());
    QVERIFY(sel.openProfileFile(path));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(sel.activeKind(), ProfileSourceModel::Kind::File);
    QCOMPARE(sel.comboBox()->currentText(), QStringLiteral("mine.toml"));
    QCOMPARE(sel.sourceModel()->recentFiles(), QStringList({path}));
    {
      ProfileSelector next;
      QCOMPARE(next.activeSource(), path);
      QCOMPARE(next.activeProfile()->mac, 256);
    }

    // A bad file is reported; the active profile stays.
    const QString bad = dir.filePath(QStringLiteral("bad.toml"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("target = \"ethos-u55\"\nmac = 300\n");
    f.close();
    QVERIFY(!sel.openProfileFile(bad));
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors[0].contains(QStringLiteral("mac must be one of 32, 64, 128, 256")));
    QCOMPARE(sel.activeSource(), path);
    QCOMPARE(sel.comboBox()->currentText(), QStringLiteral("mine.toml"));
    QCOMPARE(changed.count(), 3);

    // "Open Profile File…" asks for a file; cancelling keeps the selection.
    sel.setOpenPrompt([](QWidget*) { return QString(); });
    const int open = sel.sourceModel()->rowOfOpenFile();
    sel.comboBox()->setCurrentIndex(open);
    Q_EMIT sel.comboBox()->activated(open);
    QCOMPARE(sel.comboBox()->currentText(), QStringLiteral("mine.toml"));

    // The editor: opened on the active profile; "Use Profile" makes an edited copy active.
    sel.editProfile();
    auto* dlg = sel.editorDialog();
    QVERIFY(dlg && dlg->isVisible());
    auto* ed = dlg->editor();
    QCOMPARE(ed->document()->filePath(), path);
    QVERIFY(ed->action(QStringLiteral("actionUse"))->isVisible());
    pick(ed->form(), "mac", QStringLiteral("512"));
    ed->action(QStringLiteral("actionUse"))->trigger();
    QCOMPARE(changed.count(), 4);
    QCOMPARE(sel.activeKind(), ProfileSourceModel::Kind::Unsaved);
    QCOMPARE(sel.activeProfile()->mac, 512);
    QVERIFY(sel.comboBox()->currentText().contains(QStringLiteral("(unsaved)")));

    // Saving the file from the editor makes that file active again (re-read from disk) if it was.
    QVERIFY(sel.openProfileFile(path));
    QCOMPARE(changed.count(), 5);
    QCOMPARE(sel.activeProfile()->mac, 256);
    QVERIFY(ed->save());
    QCOMPARE(changed.count(), 6);
    QCOMPARE(sel.activeProfile()->mac, 512);
    dlg->close();
  }

  void mainWindowHasSelector() {
    MainWindow w;
    auto* sel = w.findChild<ProfileSelector*>();
    QVERIFY(sel);
    QVERIFY(sel->activeProfile());
  }

  // Not a check: pictures of the editor for people to look at.
  void screenshots() {
    const QString out = qEnvironmentVariable("INFERSCOPE_SCREENSHOT_DIR");
    if (out.isEmpty()) QSKIP("set INFERSCOPE_SCREENSHOT_DIR to save screenshots");
    QDir().mkpath(out);
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    for (const char* theme : {"light", "dark"}) {
      applyTheme(*app, QString::fromLatin1(theme));
      ProfileEditorDialog dlg;
      dlg.resize(1180, 760);
      auto* ed = dlg.editor();
      ed->setUseProfileVisible(true);
      QVERIFY(ed->openBuiltin(QStringLiteral("ethos-u55-128")));
      pick(ed->form(), "mac", QStringLiteral("256"));
      pick(ed->form(), "memory_mode", QStringLiteral("Sram_Only"));
      typeInto(line(ed->form(), "host_cpu_clock"), QStringLiteral("400 MHz"));
      dlg.show();
      QTest::qWait(50);
      QVERIFY(dlg.grab().save(out + QStringLiteral("/profile_editor_%1.png").arg(QLatin1String(theme))));
      ed->setDiscardPrompt([](QWidget*, const QString&) { return Choice::Discard; });
      QVERIFY(ed->openBuiltin(QStringLiteral("ethos-u85-256")));
      QTest::qWait(50);
      QVERIFY(dlg.grab().save(out + QStringLiteral("/profile_editor_u85_%1.png").arg(QLatin1String(theme))));
      QVERIFY(ed->openBuiltin(QStringLiteral("cortex-m55")));
      QTest::qWait(50);
      QVERIFY(dlg.grab().save(out + QStringLiteral("/profile_editor_cortex_m_%1.png").arg(QLatin1String(theme))));
      MainWindow w;
      w.resize(1100, 300);
      w.show();
      QTest::qWait(50);
      QVERIFY(w.grab().save(out + QStringLiteral("/main_window_toolbar_%1.png").arg(QLatin1String(theme))));
    }
  }
};

QTEST_MAIN(ProfileSelectorTest)
#include "test_profile_selector.moc"
