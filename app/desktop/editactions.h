#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

class QLineEdit;

namespace pb::app {

class CanvasScene;
class CanvasView;
class Document;
namespace clipboard {
struct Fragment;
}

// The Edit and Arrange commands that act on the selection: clipboard, duplicate, delete,
// rename, find, routing. Kept out of MainWindow so the window stays a thin shell.
class EditActions : public QObject
{
    Q_OBJECT
public:
    EditActions(Document* doc, CanvasScene* scene, CanvasView* view, QObject* parent = nullptr);

public slots:
    // Undo/redo that scroll to the change when it happened off-screen (QElectroTech's showMe).
    void undo() { step(false); }
    void redo() { step(true); }
    void copy();
    void cut();
    // Pastes our MIME type, or JSON text of the same shape; new ids, offset from the source.
    bool paste();
    void duplicate();
    void deleteSelection();
    void selectAll();
    void rename();
    void setRouting(bool orthogonal);
    // Shows the best of the components, zones and flows whose label or id contains `text`
    // (whole matches first); returns the count. Enter keeps it, and each Enter after goes on.
    int find(const QString& text);
    // A search starts (Ctrl+F): what is selected now is what Shift+Enter adds to, although
    // typing selects each match as it goes.
    void beginFind();
    void findNext() { nextMatch(false); }
    // The next match joins the selection (Shift+Enter in the find field).
    void addNextMatch() { nextMatch(true); }
    // A flow from each selected component to the next, in the order they were selected: with
    // the find field's Shift+Enter, two components are connected without a mouse.
    void connectSelected();
    QStringList selectionOrder() const { return m_selectionOrder; }

private:
    void step(bool forward);
    void trackSelection();
    void nextMatch(bool add);
    QPointF pasteOffset(const clipboard::Fragment& f) const;
    void showPasted();
    QHash<QString, QString> zonesLandedIn(const clipboard::Fragment& pasted) const;

    Document* m_doc;
    CanvasScene* m_scene;
    CanvasView* m_view;
    int m_pasteCount = 0;
    QStringList m_matches;
    int m_matchIndex = -1;
    bool m_freshMatch = false; // the match shown while typing has not been taken yet
    QStringList m_selectionOrder; // selected ids, oldest first
    QStringList m_beforeFind;
    bool m_trackPending = false;
};

} // namespace pb::app
