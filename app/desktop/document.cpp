#include "app/desktop/document.h"

#include "app/desktop/designio.h"
#include "app/desktop/recoverywriter.h"
#include "model/validation.h"

#include <QFileInfo>
#include <QUndoStack>

namespace pb::app {

Document::Document(QObject* parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean || m_forcedModified); });
    m_recovery = new RecoveryWriter(this);
}

Document::~Document() = default;

QString Document::displayName() const
{
    if (m_path.isEmpty()) return tr("Untitled");
    return QFileInfo(m_path).fileName();
}

bool Document::isModified() const
{
    return m_forcedModified || !m_undo->isClean();
}

void Document::reset(model::Design design, const QString& path)
{
    m_undo->clear();
    m_design = std::move(design);
    m_importedFrom.clear();
    const bool wasModified = m_forcedModified;
    m_forcedModified = false;
    m_recovery->removeCopy();
    if (m_path != path) {
        m_path = path;
        emit filePathChanged(path);
    }
    emit modelReset();
    if (wasModified) emit modifiedChanged(false);
}

bool Document::load(const QString& path, QString* error)
{
    bool placed = false;
    auto design = readDesign(path, error, &placed);
    if (!design) return false;
    // Only our own format is saved back to the same name; a DOT import or a picture becomes
    // Untitled so a save never silently overwrites it with JSON.
    const bool native = isNativeDesign(path);
    reset(std::move(*design), native ? QFileInfo(path).absoluteFilePath() : QString());
    if (!native) setImportedFrom(QFileInfo(path).absoluteFilePath());
    if (!native || placed) markModified(); // the placement is worth saving
    return true;
}

bool Document::save(const QString& path, QString* error)
{
    if (!writeDesign(m_design, path, error)) return false;
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (abs != m_path) {
        m_path = abs;
        emit filePathChanged(abs);
    }
    m_forcedModified = false;
    m_undo->setClean();
    m_recovery->removeCopy();
    emit modifiedChanged(false);
    return true;
}

void Document::markModified()
{
    m_forcedModified = true;
    emit modifiedChanged(true);
    emit changed();
}

void Document::touch(const std::string& id)
{
    if (!id.empty() && m_touched.size() < 1000) m_touched << qs(id);
    emit changed();
}

QStringList Document::takeTouched()
{
    QStringList out;
    out.swap(m_touched);
    return out;
}

template <typename T>
bool Document::add(T element, bool (model::Design::*addTo)(T, std::ptrdiff_t), void (Document::*added)(const QString&))
{
    model::clampGeometry(element);
    const std::string id = element.id;
    if (!(m_design.*addTo)(std::move(element), -1)) return false;
    emit(this->*added)(qs(id));
    touch(id);
    return true;
}

bool Document::addComponent(const model::Component& wanted)
{
    return add(wanted, &model::Design::addComponent, &Document::componentAdded);
}

template <typename T>
bool Document::update(T* cur, const T& wanted, void (Document::*changed)(const QString&))
{
    if (!cur) return false;
    T next = wanted;
    const bool clamped = model::clampGeometry(next);
    if (*cur == next) {
        // The scene shows the gesture, not the model: put it back where the model holds it.
        if (clamped) emit(this->*changed)(qs(cur->id));
        return true;
    }
    *cur = std::move(next);
    emit(this->*changed)(qs(cur->id));
    touch(cur->id);
    return true;
}

bool Document::updateComponent(const model::Component& wanted)
{
    return update(m_design.component(wanted.id), wanted, &Document::componentChanged);
}

bool Document::addFlow(const model::Flow& wanted)
{
    return add(wanted, &model::Design::addFlow, &Document::flowAdded);
}

bool Document::updateFlow(const model::Flow& wanted)
{
    return update(m_design.flow(wanted.id), wanted, &Document::flowChanged);
}

bool Document::addZone(const model::Zone& wanted)
{
    return add(wanted, &model::Design::addZone, &Document::zoneAdded);
}

model::Design::Removed Document::removeElements(const std::unordered_set<std::string>& ids)
{
    model::Design::Removed r = m_design.removeAll(ids);
    emit batchStarted(int(r.flows.size() + r.components.size() + r.zones.size()), true);
    for (const auto& [f, at] : r.flows) emit flowRemoved(qs(f.id));
    for (const auto& [c, at] : r.components) emit componentRemoved(qs(c.id));
    for (const auto& [z, at] : r.zones) emit zoneRemoved(qs(z.id));
    emit batchFinished();
    if (!r.flows.empty() || !r.components.empty() || !r.zones.empty()) touch();
    return r;
}

void Document::restoreElements(model::Design::Removed removed)
{
    QStringList zones, components, flows; // what is put back, for the signals after
    for (const auto& [z, at] : removed.zones) zones << qs(z.id);
    for (const auto& [c, at] : removed.components) components << qs(c.id);
    for (const auto& [f, at] : removed.flows) flows << qs(f.id);
    m_design.restore(std::move(removed));
    const bool wasRestoring = std::exchange(m_restoring, true);
    emit batchStarted(int(zones.size() + components.size() + flows.size()), false);
    for (const QString& id : zones)
        if (m_design.zone(id.toStdString())) emit zoneAdded(id);
    for (const QString& id : components)
        if (m_design.component(id.toStdString())) emit componentAdded(id);
    for (const QString& id : flows)
        if (m_design.flow(id.toStdString())) emit flowAdded(id);
    emit batchFinished();
    m_restoring = wasRestoring;
    for (const QStringList* list : {&zones, &components, &flows})
        for (const QString& id : *list)
            if (m_touched.size() < 1000) m_touched << id;
    emit changed();
}

bool Document::updateZone(const model::Zone& wanted)
{
    return update(m_design.zone(wanted.id), wanted, &Document::zoneChanged);
}

void Document::setTitle(const std::string& title)
{
    if (m_design.title == title) return;
    m_design.title = title;
    touch();
}

void Document::setDecisions(const std::vector<model::Decision>& decisions)
{
    if (m_design.decisions == decisions) return;
    m_design.decisions = decisions;
    touch();
}

} // namespace pb::app
