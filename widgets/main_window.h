// The main window: model tabs in the centre (graph views), docks for properties, operators,
// search and subgraphs, Netron's shortcuts, recent files, drag and drop, persisted state.
#pragma once

#include <QMainWindow>

#include "widgets/model_view.h"

class QTabWidget;
class QLabel;
class QProgressBar;
class QToolButton;
class QMenu;
class QDockWidget;

namespace inferscope::widgets {

class AnalysisPanels;
class ChartsDock;
class ExportActions;
class PropertiesPanel;
class OperatorTable;
class SearchPanel;
class SubgraphPanel;
class RecentFiles;
struct PropertyLink;
struct SearchHit;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens a model in a new tab (or switches to the tab that has it); returns that tab.
  ModelView* openFile(const QString& path);
  // Shows an in-memory model in a new tab (tests, generated models).
  ModelView* openModel(model::ModelPtr model, const QString& name);
  ModelView* currentView() const;
  int viewCount() const;
  ModelView* viewAt(int i) const;
  void closeView(int i);

  PropertiesPanel* propertiesPanel() const { return properties_; }
  OperatorTable* operatorTable() const { return operators_; }
  SearchPanel* searchPanel() const { return search_; }
  SubgraphPanel* subgraphPanel() const { return subgraphs_; }
  AnalysisPanels* analysisPanels() const { return analysis_; }  // compatibility and performance
  ChartsDock* chartsDock() const { return charts_; }             // performance charts, target comparison
  ExportActions* exportActions() const { return export_; }       // File -> Export Report
  QAction* action(const QString& objectName) const;  // e.g. "actionShowAttributes"

  void showModelProperties();
  void openTensorViewer(int subgraph, int tensor);
  bool exportImage(const QString& path);  // .png or .svg by extension

 protected:
  void closeEvent(QCloseEvent*) override;
  void dragEnterEvent(QDragEnterEvent*) override;
  void dropEvent(QDropEvent*) override;

 private:
  void createDocks();
  void createActions();  // main_window_actions.cpp
  void createMenus();    // main_window_actions.cpp
  void createStatusBar();
  void createReporting();  // charts dock and export actions (main_window_reports.cpp)
  void restoreSettings();
  void restoreViewOptions();
  void saveSettings() const;      // window geometry and dock layout (on close)
  void saveViewOptions() const;   // view toggles (whenever one changes)
  void applySceneOptions();
  void updateActions();
  void onCurrentTabChanged();
  void onSelectionChanged();
  void onLinkActivated(const PropertyLink& link);
  void onHitActivated(const SearchHit& hit);
  void updateStatus();
  void exportDialog();
  void openDialog();
  void wireView(ModelView* v);

  QTabWidget* tabs_;
  PropertiesPanel* properties_;
  OperatorTable* operators_;
  SearchPanel* search_;
  SubgraphPanel* subgraphs_;
  AnalysisPanels* analysis_ = nullptr;
  ChartsDock* charts_ = nullptr;
  ExportActions* export_ = nullptr;
  QMenu* panelsMenu_ = nullptr;
  QDockWidget *propertiesDock_, *operatorsDock_, *searchDock_, *subgraphsDock_;
  RecentFiles* recent_;
  QMenu* recentMenu_ = nullptr;
  QLabel* statusModel_;
  QLabel* statusZoom_;
  QProgressBar* progress_;
  QToolButton* cancel_;
  QWidget* welcome_;
  SceneOptions options_;
  bool edgeLabels_ = false, trace_ = false, minimap_ = true;
};

}  // namespace inferscope::widgets
