#pragma once

#include <QDockWidget>
#include <QTreeWidget>

class QLineEdit;

namespace pb::app {

// The kinds tree: drags carry the kind in CanvasScene::kKindMime.
class PaletteTree : public QTreeWidget
{
    Q_OBJECT
public:
    explicit PaletteTree(QWidget* parent = nullptr);

protected:
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
    QStringList mimeTypes() const override;
};

// The palette of component kinds (grouped edge, compute, data, messaging, compliance) and zone
// kinds. Drag a kind onto the canvas, or click it and then click the canvas.
class PaletteDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit PaletteDock(QWidget* parent = nullptr);
    PaletteTree* tree() const { return m_tree; }
    // The tree item for a kind (tests, keyboard focus).
    QTreeWidgetItem* itemForKind(const QString& kind) const;

public slots:
    void rebuild();

signals:
    void kindActivated(const QString& kind);

private:
    void filter(const QString& text);

    QLineEdit* m_search;
    PaletteTree* m_tree;
};

} // namespace pb::app
