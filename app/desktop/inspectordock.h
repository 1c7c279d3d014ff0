#pragma once

#include "model/value.h"

#include <QDockWidget>
#include <QString>
#include <optional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace pb::model {
struct PropertySpec;
}

namespace pb::app {

class CanvasScene;
class Document;

// Edits the selected element: label, kind, and properties with editors chosen from the
// vocabulary (enum → combo box, bool → check box, list → tags, number → spin box, anything
// else → text). Values not drawn show their default, marked as such; each edit is one command.
class InspectorDock : public QDockWidget
{
    Q_OBJECT
public:
    InspectorDock(Document* doc, CanvasScene* scene, QWidget* parent = nullptr);
    QString shownId() const { return m_id; }
    // The editor of a property row (tests); nullptr if not shown.
    QWidget* editorFor(const QString& key) const;
    QLineEdit* labelEdit() const { return m_labelEdit; }

public slots:
    void refresh();
    void scheduleRefresh();

private:
    void buildHeader(const QString& title, const QString& subtitle, const QString& icon,
                     const QColor& tint);
    void buildComponent();
    void buildFlow();
    void buildZone();
    void buildLabelRow(const std::string& label);
    void buildProperties(const std::string& elementKind, const model::Properties& props,
                         bool touchesQueue);
    void buildAddProperty(const std::string& elementType, const model::Properties& props);
    void keepFocus(QWidget* editor, const QString& key);
    QWidget* makeEditor(const QString& key, const model::PropertySpec* spec,
                        const model::Value& value, bool draft = false);
    void addProperty(const std::string& key);
    void setProperty(const QString& id, const std::string& key,
                     const std::optional<model::Value>& value);
    void clearForm();

    Document* m_doc;
    CanvasScene* m_scene;
    QString m_id;
    QWidget* m_body;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_labelEdit = nullptr;
    QHash<QString, QWidget*> m_editors;
    bool m_pending = false;
    // A property added with no value yet: shown with an empty editor, and written to the design
    // only once a value is typed. Written at once as 0, "" or [], it was a drawn value nobody
    // chose (an empty "carries" closed a personal-data finding).
    QString m_draftId;
    std::string m_draftKey;
    bool m_focusDraft = false; // once, when it is added: later refreshes leave the focus alone
    // A list editor that has just taken a value gets the focus back in the form rebuilt by the
    // edit, so that the next value can be typed (the keys went to the canvas as shortcuts).
    QString m_focusKey;
};

} // namespace pb::app
