#pragma once

#include "app/desktop/canvascolors.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <memory>

namespace pb::model {
struct Zone;
}

namespace pb::app {

class Document;
class ComponentItem;
class FlowItem;
class ZoneItem;
class LabelEditor;
class Tool;

// The canvas: a projection of the Document's model (id → item maps, rebuilt on modelReset).
// Items read from the model; edits go through commands on the document's undo stack. Mouse
// input goes to the active Tool first (select, connect, insert, zone).
class CanvasScene : public QGraphicsScene
{
    Q_OBJECT
public:
    static constexpr const char* kKindMime = "application/x-probeboard-kind";

    explicit CanvasScene(Document* doc, QObject* parent = nullptr);
    ~CanvasScene() override;

    Document* document() const { return m_doc; }
    const CanvasColors& colors() const { return m_colors; }
    // Paints with these until the next applyTheme(), without repainting: an export swaps in
    // the light scheme's and back while it renders.
    void setColors(const CanvasColors& colors) { m_colors = colors; }

    ComponentItem* componentItem(const QString& id) const { return m_components.value(id); }
    FlowItem* flowItem(const QString& id) const { return m_flows.value(id); }
    ZoneItem* zoneItem(const QString& id) const { return m_zones.value(id); }
    QGraphicsItem* itemFor(const QString& id) const;
    static QString idOf(const QGraphicsItem* item);
    // A component's or zone's box on the canvas: its own rect, without the badge, handles or
    // title around it (what Align and the guides line up). Empty for any other item.
    static QRectF boxOf(const QGraphicsItem* item);
    int componentCount() const { return int(m_components.size()); }
    const QHash<QString, FlowItem*>& flowItems() const { return m_flows; }
    const QHash<QString, ComponentItem*>& componentItems() const { return m_components; }
    const QHash<QString, ZoneItem*>& zoneItems() const { return m_zones; }

    QStringList selectedIds() const;
    void selectIds(const QStringList& ids);
    // Items' scene rect for zoom-to-fit/selection and exports.
    QRectF contentRect() const;

    // Grid and snapping.
    int gridSize() const { return 20; }
    bool snapEnabled() const { return m_snap; }
    void setSnapEnabled(bool on) { m_snap = on; }
    QPointF snap(QPointF p) const;
    // Smart guides while dragging (View > Guides): a drag lines up with what is near it.
    bool guidesEnabled() const { return m_guides; }
    void setGuidesEnabled(bool on) { m_guides = on; }
    // True while a tool places items where a guide put them: the grid must not pull them off it.
    bool placingExactly() const { return m_exact; }
    void setPlacingExactly(bool on) { m_exact = on; }

    // Tools: the select tool is the default and comes back when a one-shot tool finishes.
    Tool* tool() const { return m_tool; }
    void setTool(std::unique_ptr<Tool> tool);
    void resetTool();

    // True while the scene copies model state into items: items must not react (no member
    // carrying, no snapping) to positions set from the model.
    bool applyingModel() const { return m_applying; }

    // Innermost zone containing `p`, skipping the ids in `exclude` (and their descendants).
    ZoneItem* zoneAt(QPointF p, const QSet<QString>& exclude = {}) const;
    // The innermost zone holding all of `r`: where a zone drawn or pasted there nests.
    ZoneItem* zoneAround(const QRectF& r, const QSet<QString>& exclude = {}) const;
    // Adds a component of `kind` centred on `at` (snapped) and selects it; placed inside a zone,
    // it joins the zone in the same undo step. Returns its id. Dropping from the palette and
    // clicking with a kind picked both come here, so both join the zone they land in.
    QString placeComponent(const std::string& kind, QPointF at);
    // The middle of what the first view shows: where Enter places what the palette armed.
    QPointF visibleCentre() const;
    QSet<QString> descendantsOf(const QString& zoneId) const;
    // Components and zones moved by `offsets` (by id; their members go along) join or leave
    // zones as a drop does, by where their centre lands: the new innermost zone of each whose
    // membership changes ("" = none). A drag, a nudge and Align all come here.
    QHash<QString, QString> zonesAfterMove(const QHash<QString, QPointF>& offsets) const;
    void setDropTarget(QGraphicsItem* item);
    QGraphicsItem* dropTarget() const { return m_dropTarget; }

    // In-place label editing (double-click, F2, Enter).
    void editLabel(const QString& id);
    bool isEditingLabel() const { return m_editor != nullptr; }

    // Hooks for live review (issue 5): outline these ids, optionally dim the rest, and show a
    // severity badge ("info".."critical") with a count on components.
    void setHighlighted(const QStringList& ids, bool dimOthers = false);
    QStringList highlighted() const
    {
        return QStringList(m_highlighted.begin(), m_highlighted.end());
    }
    bool isHighlighted(const QString& id) const { return m_highlighted.contains(id); }
    bool dimOthers() const { return m_dim; }
    void setBadge(const QString& id, const QString& severity, int count);
    // A view shown to the audience (the interview's presenter window) shares this scene but
    // must not give away the review: items leave badges and handles out when painting into it.
    static void markAudienceView(QGraphicsView* view);
    static bool isAudienceView(const QWidget* viewport);
    void clearBadges();

    // Low-level forwarders for tools that extend the default behaviour.
    void baseMousePress(QGraphicsSceneMouseEvent* e) { QGraphicsScene::mousePressEvent(e); }
    void baseMouseMove(QGraphicsSceneMouseEvent* e) { QGraphicsScene::mouseMoveEvent(e); }
    void baseMouseRelease(QGraphicsSceneMouseEvent* e) { QGraphicsScene::mouseReleaseEvent(e); }

    void showStatus(const QString& message) { emit statusMessage(message); }

signals:
    void fileDropped(const QString& path);
    void statusMessage(const QString& message);
    void toolChanged(const QString& toolName);

public slots:
    void rebuild();
    void applyTheme();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* e) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* e) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* e) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* e) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent* e) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent* e) override;
    void dropEvent(QGraphicsSceneDragDropEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    template <typename Holds>
    ZoneItem* smallestZone(Holds holds, const QSet<QString>& exclude) const;
    void onComponentAdded(const QString& id);
    void onComponentChanged(const QString& id);
    void onComponentRemoved(const QString& id);
    void onFlowAdded(const QString& id);
    void onFlowChanged(const QString& id);
    void onFlowRemoved(const QString& id);
    void onZoneAdded(const QString& id);
    void onZoneChanged(const QString& id);
    void onZoneRemoved(const QString& id);
    void onBatchStarted(int elements, bool removing);
    void onBatchFinished();
    void attachFlow(FlowItem* item);
    void detachFlow(FlowItem* item);
    void restackZones();
    QStringList nestedZones(const model::Zone& z) const; // the zones among its members
    // The scrollable area grows to keep every element reachable, with room to draw around it.
    void growSceneRect(const QRectF& r);
    void finishLabelEdit(bool commit);

    Document* m_doc;
    CanvasColors m_colors;
    QHash<QString, ComponentItem*> m_components;
    QHash<QString, FlowItem*> m_flows;
    QHash<QString, ZoneItem*> m_zones;
    QHash<QString, QStringList> m_nestedZones; // as stacked last
    QSet<QString> m_highlighted;
    bool m_dim = false;
    bool m_snap = true;
    bool m_guides = true;
    bool m_exact = false;
    bool m_applying = false;
    bool m_rebuilding = false;
    // Within a Document batch: zones restack once at its end, and a removal of a large part of
    // the items rebuilds the scene instead of taking items out one by one.
    bool m_inBatch = false, m_restackPending = false, m_rebuildPending = false;
    QSet<QString> m_pendingFlows; // flows to re-route at the batch's end
    Tool* m_tool = nullptr;
    std::unique_ptr<Tool> m_selectTool;
    std::unique_ptr<Tool> m_oneShotTool;
    QGraphicsItem* m_dropTarget = nullptr;
    LabelEditor* m_editor = nullptr;
    friend class LabelEditor;
};

} // namespace pb::app
