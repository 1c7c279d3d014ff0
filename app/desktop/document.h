#pragma once

#include "model/design.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <unordered_set>
#include <utility>

class QUndoStack;

namespace pb::app {

class RecoveryWriter;

// The open design: owns the model, the undo stack, the file path and the crash-recovery copy.
// Commands change the model only through the mutation methods below; every mutation emits a
// fine-grained signal (for the canvas) and changed() (for recovery and, later, live review).
class Document : public QObject
{
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    ~Document() override;

    const model::Design& design() const { return m_design; }
    QUndoStack* undoStack() const { return m_undo; }
    QString filePath() const { return m_path; }
    QString displayName() const;
    bool isModified() const;

    // Replace the whole design (open, new, restore). Clears undo history.
    void reset(model::Design design, const QString& path);
    // Load a file; on failure the document is untouched and `error` names the file and problem.
    bool load(const QString& path, QString* error);
    // Atomic save; marks clean and drops the recovery copy on success.
    bool save(const QString& path, QString* error);
    // Mark unsaved (a restored recovery copy has no file on disk matching it).
    void markModified();
    // The DOT file or picture an Untitled design was read from: Save As offers its name beside
    // it. Empty for a design that has its own file, or none; reset() forgets it.
    QString importedFrom() const { return m_importedFrom; }
    void setImportedFrom(const QString& path) { m_importedFrom = path; }

    RecoveryWriter* recovery() const { return m_recovery; }
    // Ids changed since the last call (undo/redo use it to bring the change into view).
    QStringList takeTouched();

    // --- mutations (for commands) ---
    bool addComponent(const model::Component& c); // appended
    bool updateComponent(const model::Component& c);
    // Around an edit of many elements at once (a nudge of thousands, or its undo): the views
    // hear batchStarted() and batchFinished() around its element signals.
    void startBatch(int elements) { emit batchStarted(elements, false); }
    void finishBatch() { emit batchFinished(); }
    bool addFlow(const model::Flow& f);
    bool updateFlow(const model::Flow& f);
    bool addZone(const model::Zone& z);
    bool updateZone(const model::Zone& z);
    // Many elements at once (Delete of a selection, its undo): one pass over the design instead
    // of one re-index per element. Signals go out after the design has changed, flows first on
    // removal and last on restore.
    model::Design::Removed removeElements(const std::unordered_set<std::string>& ids);
    void restoreElements(model::Design::Removed removed);
    // True while restoreElements announces what it put back: every flow is announced after the
    // components, so a listener need not look for flows of each component it is told of.
    bool restoring() const { return m_restoring; }
    void setTitle(const std::string& title);
    // Reviewers' decisions about findings (accept, suppress…), stored in the design file.
    void setDecisions(const std::vector<model::Decision>& decisions);

signals:
    void componentAdded(const QString& id);
    void componentChanged(const QString& id);
    void componentRemoved(const QString& id);
    void flowAdded(const QString& id);
    void flowChanged(const QString& id);
    void flowRemoved(const QString& id);
    void zoneAdded(const QString& id);
    void zoneChanged(const QString& id);
    void zoneRemoved(const QString& id);
    void modelReset();
    // Around the element signals of one change of many elements (a Delete of thousands, or its
    // undo): a view may hold back what it does per element and catch up once at the end.
    void batchStarted(int elements, bool removing);
    void batchFinished();
    void changed();
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

private:
    // Applies an edit of one element, kept within the file's geometry limits; signals through
    // `changed` when the model changed, or when the limits put it elsewhere than the gesture did.
    template <typename T>
    bool update(T* cur, const T& wanted, void (Document::*changed)(const QString&));
    // Adds an element, kept within the file's geometry limits, and signals through `added`.
    template <typename T>
    bool add(T element, bool (model::Design::*addTo)(T, std::ptrdiff_t), void (Document::*added)(const QString&));
    void touch(const std::string& id = {});

    model::Design m_design;
    QUndoStack* m_undo = nullptr;
    QString m_path;
    QString m_importedFrom;
    bool m_forcedModified = false;
    RecoveryWriter* m_recovery = nullptr;
    QStringList m_touched;
    bool m_restoring = false;
};

inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace pb::app
