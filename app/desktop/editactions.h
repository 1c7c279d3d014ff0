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
    // Selects and highlights components whose label or id contains `text`; returns the count.
    int find(const QString& text);
    void findNext();

private:
    void step(bool forward);
    QHash<QString, QString> zonesLandedIn(const clipboard::Fragment& pasted) const;

    Document* m_doc;
    CanvasScene* m_scene;
    CanvasView* m_view;
    int m_pasteCount = 0;
    QStringList m_matches;
    int m_matchIndex = -1;
};

} // namespace pb::app
