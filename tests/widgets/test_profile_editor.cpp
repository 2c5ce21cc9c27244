// The target profile editor, driven offscreen: fields per family, validation as you type, undo/redo,
// save / save as / reload, the unsaved-changes question, the diff against the built-in and the
// memory table; its models under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "core/targets/profile_io.h"
#include "profile_test_support.h"
#include "widgets/profile_diff_model.h"
#include "widgets/profile_editor.h"
#include "widgets/profile_editor_dialog.h"
#include "widgets/profile_memory_model.h"
#include "widgets/profile_memory_view.h"

using namespace inferscope;
using namespace inferscope::widgets;
using namespace inferscope::testdata;
using Tester = QAbstractItemModelTester;
using Choice = ProfileEditor::DiscardChoice;

class ProfileEditorTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    isolateProfileSettings();
    QSettings().clear();
  }

  void memoryModel() {
    ProfileMemoryModel m;
    Tester tester(&m, Tester::FailureReportingMode::QtTest);
    QCOMPARE(m.rowCount(), 0);
    m.setProfile(builtin("ethos-u55-128"));
    QCOMPARE(m.rowCount(), int(ProfileMemoryModel::RowCount));
    QCOMPARE(m.columnCount(), 2);
    auto at = [&](int row, int col, int role = Qt::DisplayRole) { return m.data(m.index(row, col), role); };
    QCOMPARE(at(ProfileMemoryModel::Memory, 0).toString(), QStringLiteral("SRAM"));
    QCOMPARE(at(ProfileMemoryModel::Memory, 1, ProfileMemoryModel::ValueRole).toInt(),
             int(targets::MemoryArea::OffChipFlash));
    QCOMPARE(at(ProfileMemoryModel::Holds, 0).toString(), QStringLiteral("arena, cache"));
    QCOMPARE(at(ProfileMemoryModel::Holds, 1).toString(), QStringLiteral("constants"));
    QCOMPARE(at(ProfileMemoryModel::Clock, 0).toString(), QStringLiteral("500 MHz"));
    QCOMPARE(at(ProfileMemoryModel::Clock, 1).toString(), QStringLiteral("62.5 MHz"));
    QCOMPARE(at(ProfileMemoryModel::BytesPerCycle, 0).toString(), QStringLiteral("8"));
    QCOMPARE(at(ProfileMemoryModel::BytesPerCycle, 1).toString(), QStringLiteral("1"));
    QCOMPARE(at(ProfileMemoryModel::GBps, 0).toString(), QStringLiteral("4.00 GB/s"));
    QCOMPARE(at(ProfileMemoryModel::GBps, 1, ProfileMemoryModel::ValueRole).toDouble(), 0.5);
    QCOMPARE(at(ProfileMemoryModel::BurstLength, 1).toString(), QStringLiteral("128 B"));
    QCOMPARE(at(ProfileMemoryModel::ReadLatency, 1).toString(), QStringLiteral("64 cycles"));
    QVERIFY(at(ProfileMemoryModel::Memory, 0, Qt::DecorationRole).canConvert<QColor>());

    m.setProfile(builtin("ethos-u85-256"));
    QCOMPARE(at(ProfileMemoryModel::Memory, 1).toString(), QStringLiteral("DRAM"));
    QCOMPARE(at(ProfileMemoryModel::Holds, 1).toString(), QStringLiteral("constants, arena"));
    QCOMPARE(at(ProfileMemoryModel::BytesPerCycle, 0).toString(), QStringLiteral("32"));
    QCOMPARE(at(ProfileMemoryModel::PortsUsed, 0).toString(), QStringLiteral("2"));
    QCOMPARE(at(ProfileMemoryModel::GBps, 1).toString(), QStringLiteral("12.00 GB/s"));
    QCOMPARE(at(ProfileMemoryModel::Outstanding, 1).toString(), QStringLiteral("64 reads / 32 writes"));

    m.setProfile(builtin("cortex-a"));
    QCOMPARE(m.rowCount(), 0);
  }

  void diffModel() {
    ProfileDiffModel m;
    Tester tester(&m, Tester::FailureReportingMode::QtTest);
    auto p = builtin("ethos-u55-128");
    m.setProfile(p);
    QCOMPARE(m.originName(), QStringLiteral("ethos-u55-128"));
    QVERIFY(m.isEmpty());
    QVERIFY(targets::setField(p, targets::field::kMac, "256").ok());
    QVERIFY(targets::setField(p, targets::field::kHostCpuClock, "300e6").ok());
    m.setProfile(p);
    QCOMPARE(m.rowCount(), 2);
    QCOMPARE(m.data(m.index(0, ProfileDiffModel::Field), ProfileDiffModel::KeyRole).toString(), QStringLiteral("mac"));
    QCOMPARE(m.data(m.index(0, ProfileDiffModel::Field)).toString(), QStringLiteral("MACs"));
    QCOMPARE(m.data(m.index(0, ProfileDiffModel::Builtin)).toString(), QStringLiteral("128"));
    QCOMPARE(m.data(m.index(0, ProfileDiffModel::Profile)).toString(), QStringLiteral("256"));
    QCOMPARE(m.data(m.index(1, ProfileDiffModel::Builtin)).toString(), QStringLiteral("(not set)"));
    QCOMPARE(m.data(m.index(1, ProfileDiffModel::Profile)).toString(), QStringLiteral("300000000"));
    QVERIFY(m.headerData(ProfileDiffModel::Builtin, Qt::Horizontal).toString().contains(QStringLiteral("ethos-u55-128")));
    m.setProfile(builtin("tosa"));
    QVERIFY(m.isEmpty());
  }

  void formFieldsPerFamily() {
    ProfileEditor ed;
    QVERIFY(ed.openBuiltin(QStringLiteral("ethos-u65-512")));
    QCOMPARE(ed.form()->keys(), QStringList({"name", "description", "target", "mac", "system_config", "memory_mode",
                                             "config", "host_cpu", "host_cpu_clock"}));
    auto* mac = qobject_cast<QComboBox*>(ed.form()->editor(QStringLiteral("mac")));
    QVERIFY(mac);
    QCOMPARE(mac->currentText(), QStringLiteral("512"));
    QCOMPARE(mac->count(), 2);  // 256, 512 on Ethos-U65
    QVERIFY(ed.openBuiltin(QStringLiteral("cortex-a")));
    QCOMPARE(ed.form()->keys(), QStringList({"name", "description", "target", "backend.armnn-tflite-delegate.version"}));
    QVERIFY(ed.openBuiltin(QStringLiteral("cortex-m55")));
    QCOMPARE(ed.form()->keys(), QStringList({"name", "description", "target", "core_clock"}));
    QCOMPARE(line(ed.form(), "core_clock")->text(), QStringLiteral("400000000"));
    QVERIFY(ed.memoryView()->summaryText().contains(QStringLiteral("400 MHz")));
  }

  void editValidateUndoRedo() {
    ProfileEditor ed;
    ed.show();
    QVERIFY(ed.openBuiltin(QStringLiteral("ethos-u55-128")));
    auto* doc = ed.document();
    ProfileForm* form = ed.form();
    QSignalSpy modified(doc, &ProfileDocument::modifiedChanged);
    QVERIFY(!doc->isModified());

    // Validation as you type: the message shows next to the field, nothing is applied.
    QLineEdit* clock = line(form, "host_cpu_clock");
    QVERIFY(clock);
    typeInto(clock, QStringLiteral("fast"));
    QVERIFY(form->errorText(QStringLiteral("host_cpu_clock")).contains(QStringLiteral("clock greater than 0")));
    auto* msg = form->findChild<QLabel*>(QStringLiteral("message_host_cpu_clock"));
    QVERIFY(msg && msg->isVisible());
    QCOMPARE(msg->text(), form->errorText(QStringLiteral("host_cpu_clock")));
    QTest::keyClick(clock, Qt::Key_Return);
    QVERIFY(!doc->isModified());
    QVERIFY(!doc->profile().hostCpuClock);
    typeInto(clock, QStringLiteral("300 MHz"));  // a unit is accepted and stored in Hz
    QVERIFY(form->errorText(QStringLiteral("host_cpu_clock")).isEmpty());
    QCOMPARE(msg->text(), QStringLiteral("= 300 MHz"));  // a hint instead
    QTest::keyClick(clock, Qt::Key_Return);
    QCOMPARE(*doc->profile().hostCpuClock, 300e6);
    QVERIFY(doc->isModified());
    QCOMPARE(modified.count(), 1);

    typeInto(line(form, "name"), QString());
    QCOMPARE(form->errorText(QStringLiteral("name")), QStringLiteral("name must not be empty"));
    typeInto(line(form, "name"), QStringLiteral("my-board"));
    QVERIFY(form->errorText(QStringLiteral("name")).isEmpty());
    QTest::keyClick(line(form, "name"), Qt::Key_Return);
    QCOMPARE(doc->profile().name, std::string("my-board"));

    // A choice is applied when picked, one command each; the diff panel follows.
    pick(form, "mac", QStringLiteral("256"));
    QCOMPARE(doc->profile().mac, 256);
    QCOMPARE(doc->undoStack()->count(), 3);
    QCOMPARE(ed.diffModel()->rowCount(), 3);  // name, mac, host_cpu_clock
    pick(form, "memory_mode", QStringLiteral("Sram_Only"));
    QCOMPARE(doc->profile().memoryModeName, std::string("Sram_Only"));
    QCOMPARE(ed.memoryView()->model()->data(ed.memoryView()->model()->index(ProfileMemoryModel::Holds, 1)).toString(),
             QStringLiteral("constants"));  // Vela moves the constants to the other port

    // Undo / redo through the editor's actions; the form shows the restored values.
    QAction* undo = ed.action(QStringLiteral("actionUndo"));
    QAction* redo = ed.action(QStringLiteral("actionRedo"));
    undo->trigger();
    QCOMPARE(doc->profile().memoryModeName, std::string("Shared_Sram"));
    undo->trigger();
    QCOMPARE(doc->profile().mac, 128);
    QCOMPARE(qobject_cast<QComboBox*>(form->editor(QStringLiteral("mac")))->currentText(), QStringLiteral("128"));
    QCOMPARE(ed.diffModel()->rowCount(), 2);
    redo->trigger();
    QCOMPARE(doc->profile().mac, 256);
    QCOMPARE(qobject_cast<QComboBox*>(form->editor(QStringLiteral("mac")))->currentText(), QStringLiteral("256"));
    undo->trigger();
    undo->trigger();
    undo->trigger();
    QVERIFY(!doc->isModified());
    QVERIFY(!undo->isEnabled());
    QCOMPARE(line(form, "host_cpu_clock")->text(), QString());
    QCOMPARE(line(form, "name")->text(), QStringLiteral("ethos-u55-128"));

    // Changing the target changes the fields; undo brings them back.
    pick(form, "target", QStringLiteral("cortex-m85"));
    QCOMPARE(ed.form()->keys(), QStringList({"name", "description", "target", "core_clock"}));
    QCOMPARE(line(ed.form(), "core_clock")->text(), QStringLiteral("480000000"));
    undo->trigger();
    QVERIFY(ed.form()->keys().contains(QStringLiteral("mac")));
    QCOMPARE(doc->profile().mac, 128);
  }

  void rejectedChoiceKeepsProfile() {
    ProfileEditor ed;
    QVERIFY(ed.openBuiltin(QStringLiteral("ethos-u85-256")));
    // A system config Vela refuses for this accelerator (an Ethos-U55 one) is not applied.
    auto e = ed.document()->validate(QStringLiteral("system_config"), QStringLiteral("Ethos_U55_High_End_Embedded"));
    if (!e) QSKIP("the built-in configuration accepts every pair");
    pick(ed.form(), "system_config", QStringLiteral("Ethos_U55_High_End_Embedded"));
    QCOMPARE(ed.form()->errorText(QStringLiteral("system_config")), *e);
    QCOMPARE(ed.document()->profile().systemConfigName, std::string("Ethos_U85_SYS_DRAM_Mid"));
    QVERIFY(!ed.document()->isModified());
  }

  void saveReloadCompare() {
    QTemporaryDir dir;
    ProfileEditor ed;
    QString asked;
    ed.setPathPrompt([&](QWidget*, ProfileEditor::PathKind kind, const QString& suggestion) {
      asked = suggestion;
      return kind == ProfileEditor::PathKind::SaveAs ? dir.filePath(QStringLiteral("board.toml")) : QString();
    });
    QSignalSpy saved(&ed, &ProfileEditor::saved);
    QVERIFY(ed.openBuiltin(QStringLiteral("ethos-u65-256")));
    pick(ed.form(), "mac", QStringLiteral("512"));
    pick(ed.form(), "host_cpu", QStringLiteral("cortex-m85"));
    typeInto(line(ed.form(), "description"), QStringLiteral("Our board"));
    // Save on a built-in copy asks for a file; pending text is committed first.
    QVERIFY(ed.save());
    QVERIFY(asked.endsWith(QStringLiteral("ethos-u65-256.toml")));
    const QString path = dir.filePath(QStringLiteral("board.toml"));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(0).toString(), path);
    QCOMPARE(ed.document()->filePath(), path);
    QVERIFY(!ed.document()->isModified());
    QVERIFY(!ed.action(QStringLiteral("actionSave"))->isEnabled());

    auto loaded = targets::loadProfile(path.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    const auto& mine = ed.document()->profile();
    for (const auto& key : {targets::field::kTarget, targets::field::kMac, targets::field::kSystemConfig,
                            targets::field::kMemoryMode, targets::field::kHostCpu, targets::field::kDescription})
      QCOMPARE(field(*loaded, key), field(mine, key));
    QCOMPARE(field(*loaded, targets::field::kMac), QStringLiteral("512"));
    QCOMPARE(field(*loaded, targets::field::kDescription), QStringLiteral("Our board"));

    // Edit and save in place; reopen the file in another editor and compare every field.
    pick(ed.form(), "mac", QStringLiteral("256"));
    QVERIFY(ed.action(QStringLiteral("actionSave"))->isEnabled());
    ed.action(QStringLiteral("actionSave"))->trigger();
    QVERIFY(!ed.document()->isModified());
    QCOMPARE(saved.count(), 2);
    ProfileEditor other;
    QVERIFY(other.openFile(path));
    QCOMPARE(targets::diffProfiles(other.document()->profile(), ed.document()->profile()).size(), std::size_t(0));
    QCOMPARE(other.document()->profile().mac, 256);
    QCOMPARE(other.document()->displayName(), QStringLiteral("board.toml"));

    // Undo after saving makes the document modified again.
    ed.action(QStringLiteral("actionUndo"))->trigger();
    QVERIFY(ed.document()->isModified());
    QCOMPARE(ed.document()->profile().mac, 512);

    // Errors are shown in the editor, not in a modal box.
    QVERIFY(!other.openFile(dir.filePath(QStringLiteral("missing.toml"))));
    QVERIFY(other.lastError().contains(QStringLiteral("missing.toml")));
    QCOMPARE(other.document()->filePath(), path);
  }

  void unsavedChangesPrompt() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.toml"));
    ProfileEditor ed;
    int asked = 0;
    Choice answer = Choice::Cancel;
    ed.setDiscardPrompt([&](QWidget*, const QString& name) {
      ++asked;
      Q_UNUSED(name);
      return answer;
    });
    ed.setPathPrompt([&](QWidget*, ProfileEditor::PathKind, const QString&) { return path; });

    QVERIFY(ed.openBuiltin(QStringLiteral("ethos-u55-64")));
    QVERIFY(ed.openBuiltin(QStringLiteral("ethos-u55-128")));  // nothing changed: no question
    QCOMPARE(asked, 0);
    pick(ed.form(), "mac", QStringLiteral("256"));

    answer = Choice::Cancel;  // keeps the edits
    QVERIFY(!ed.openBuiltin(QStringLiteral("tosa")));
    QCOMPARE(asked, 1);
    QCOMPARE(ed.document()->profile().mac, 256);
    QVERIFY(ed.document()->isModified());
    QVERIFY(!ed.confirmDiscard());

    answer = Choice::Save;  // saves (asking for a file: a built-in copy) and goes on
    QVERIFY(ed.openBuiltin(QStringLiteral("tosa")));
    QCOMPARE(ed.document()->profile().target, std::string("tosa"));
    QCOMPARE(targets::loadProfile(path.toStdString())->mac, 256);

    pick(ed.form(), "target", QStringLiteral("ethos-u55"));
    answer = Choice::Discard;
    QVERIFY(ed.openFile(path));
    QCOMPARE(ed.document()->profile().mac, 256);
    QVERIFY(!ed.document()->isModified());

    // A line edit being typed into counts as a change.
    typeInto(line(ed.form(), "name"), QStringLiteral("renamed"));
    answer = Choice::Cancel;
    const int before = asked;
    QVERIFY(!ed.confirmDiscard());
    QCOMPARE(asked, before + 1);

    // The dialog asks the same question when closed.
    ProfileEditorDialog dlg;
    dlg.editor()->setDiscardPrompt([&](QWidget*, const QString&) { ++asked; return answer; });
    dlg.show();
    QVERIFY(dlg.editor()->openBuiltin(QStringLiteral("ethos-u85-128")));
    pick(dlg.editor()->form(), "mac", QStringLiteral("256"));
    QVERIFY(dlg.isWindowModified());
    answer = Choice::Cancel;
    dlg.reject();
    QVERIFY(dlg.isVisible());
    QVERIFY(!dlg.close());
    QVERIFY(dlg.isVisible());
    answer = Choice::Discard;
    QVERIFY(dlg.close());
    QVERIFY(!dlg.isVisible());
  }
};

QTEST_MAIN(ProfileEditorTest)
#include "test_profile_editor.moc"
