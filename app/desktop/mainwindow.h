#pragma once

#include <QMainWindow>
#include <functional>

class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;

namespace pb::model {
class Design;
}

namespace pb::app {

class ActionRegistry;
class ArrangeActions;
class CanvasScene;
class CanvasKeyGuard;
class CanvasView;
class Document;
class EditActions;
class FindingsPanel;
class InspectorDock;
class LayoutRunner;
class PaletteDock;
class ReviewController;
class StartPage;

// One window per design: canvas in the centre, palette left, inspector right. Menus and
// shortcuts come from the ActionRegistry, built by WindowActions; editing lives in EditActions,
// so this class only wires things together and handles files.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Document* document() const { return m_doc; }
    CanvasScene* scene() const { return m_scene; }
    CanvasView* view() const { return m_view; }
    ActionRegistry* actions() const { return m_actions; }
    PaletteDock* palette() const { return m_palette; }
    InspectorDock* inspector() const { return m_inspector; }
    EditActions* editing() const { return m_edit; }
    ReviewController* review() const { return m_review; }
    FindingsPanel* findings() const { return m_findings; }

    // Hook for live review: adds a dock (findings panel) with a toggle in the View menu.
    void addReviewDock(QDockWidget* dock, Qt::DockWidgetArea area = Qt::BottomDockWidgetArea);

    // Opens `path`; on failure shows a dialog naming the file and problem and keeps the
    // current design. `asTemplate` opens it as a new untitled design (examples).
    bool openFile(const QString& path, bool asTemplate = false);
    // Loads a recovery copy as an unsaved design belonging to `originalPath`.
    bool restoreRecovery(const QString& recoveryPath, const QString& originalPath);
    void showCanvas();
    void showStartPage();
    // A design is open here that a new or opened one must not replace: modified, saved
    // somewhere, or with anything drawn.
    bool holdsWork() const;
    static MainWindow* createWindow();
    // Where an export is offered to go: beside the design's file, named after it (an untitled
    // design: "design" in the working folder).
    QString exportSuggestion(const QString& suffix) const;
    QString saveSuggestion() const; // Save As for an Untitled design

public slots:
    void newDesign();
    void openDialog();
    bool save();
    bool saveAs();
    void exportPng(qreal scale);
    void exportSvg();
    void exportPdf();
    void exportDot();
    void exportMermaid();
    void exportDrawio();
    void exportOtm();
    void exportThreagile();
    void copyMermaid();

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    friend class WindowActions; // builds the actions, menus and toolbar from these parts
    void runExport(const QString& filter, const QString& suffix,
                   const std::function<bool(const QString&, QString*)>& write);
    void connectDocument();
    void updateTitle();
    void updateRecentMenu();
    bool maybeSave();
    void activateKind(const QString& kind);
    QString placingHint(bool zone) const;
    void setToolByName(const QString& name);
    QString exportPath(const QString& filter, const QString& suffix);

    Document* m_doc;
    CanvasScene* m_scene;
    CanvasView* m_view;
    QStackedWidget* m_stack;
    StartPage* m_start;
    PaletteDock* m_palette;
    InspectorDock* m_inspector;
    QDockWidget* m_history;
    ActionRegistry* m_actions;
    EditActions* m_edit;
    ArrangeActions* m_arrange = nullptr;
    LayoutRunner* m_layout;
    ReviewController* m_review = nullptr;
    FindingsPanel* m_findings = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    QLineEdit* m_findEdit = nullptr;
    CanvasKeyGuard* m_keyGuard = nullptr;
};

} // namespace pb::app
