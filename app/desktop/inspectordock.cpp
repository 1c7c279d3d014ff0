#include "app/desktop/inspectordock.h"

#include "app/desktop/canvasscene.h"
#include "app/desktop/commands/commandfactory.h"
#include "app/desktop/document.h"
#include "app/desktop/kinds.h"
#include "app/desktop/numberedit.h"
#include "app/desktop/showntext.h"
#include "app/desktop/tageditor.h"
#include "app/desktop/theme.h"

#include <QCheckBox>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <cmath>
#include <set>

namespace pb::app {

namespace {
QStringList toQStringList(const model::StringList& l)
{
    QStringList out;
    for (const auto& s : l)
        out << QString::fromStdString(s);
    return out;
}

model::Value emptyValue(const model::PropertySpec* spec)
{
    if (spec && spec->type == model::ValueType::Number) return 0.0;
    if (spec && spec->type == model::ValueType::List) return model::StringList{};
    return std::string();
}

model::StringList fromQStringList(const QStringList& l)
{
    model::StringList out;
    for (const auto& s : l)
        out.push_back(s.toStdString());
    return out;
}

QLabel* mutedLabel(const QString& text, const QString& colorKey)
{
    auto* l = new QLabel(text);
    QPalette pal = l->palette();
    pal.setColor(QPalette::WindowText, Theme::instance().color(colorKey));
    l->setPalette(pal);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    l->setFont(f);
    return l;
}

// A screen reader gives a field the name of its form label, and a property's label stands beside
// the row, not its editor: every field was "spin box" or "edit". `state` is what the muted note
// after it says (default, not set).
void nameEditor(QWidget* editor, const QString& name, const model::PropertySpec* spec, const QString& state)
{
    QStringList about;
    if (!state.isEmpty()) about << state;
    if (spec && !spec->description.empty()) about << QString::fromStdString(spec->description);
    QList<QWidget*> named{editor};
    if (auto* tags = qobject_cast<TagEditor*>(editor)) named << tags->lineEdit(); // it has the focus
    for (QWidget* w : named) {
        w->setAccessibleName(name);
        w->setAccessibleDescription(about.join(QStringLiteral(". ")));
    }
}
} // namespace

InspectorDock::InspectorDock(Document* doc, CanvasScene* scene, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent)
    , m_doc(doc)
    , m_scene(scene)
    , m_body(new QWidget)
{
    setObjectName(QStringLiteral("inspectorDock"));
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // fields shrink instead
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_body);
    setWidget(scroll);
    connect(scene, &QGraphicsScene::selectionChanged, this, &InspectorDock::scheduleRefresh);
    auto onChange = [this](const QString& id) {
        if (id == m_id) scheduleRefresh();
    };
    connect(doc, &Document::componentChanged, this, onChange);
    connect(doc, &Document::flowChanged, this, onChange);
    connect(doc, &Document::zoneChanged, this, onChange);
    connect(doc, &Document::componentRemoved, this, onChange);
    connect(doc, &Document::flowRemoved, this, onChange);
    connect(doc, &Document::zoneRemoved, this, onChange);
    connect(doc, &Document::modelReset, this, &InspectorDock::scheduleRefresh);
    refresh();
}

void InspectorDock::scheduleRefresh()
{
    // Deferred: the editor that caused the change may still be inside its signal handler.
    if (m_pending) return;
    m_pending = true;
    QTimer::singleShot(0, this, &InspectorDock::refresh);
}

QWidget* InspectorDock::editorFor(const QString& key) const
{
    return m_editors.value(key);
}

namespace {
// Combo boxes size to their longest entry by default, which makes the dock scroll sideways.
void compact(QWidget* body)
{
    for (QComboBox* combo : body->findChildren<QComboBox*>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
    }
}
} // namespace

void InspectorDock::clearForm()
{
    m_editors.clear();
    m_labelEdit = nullptr;
    delete m_body->layout();
    const auto children = m_body->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly);
    for (QWidget* w : children)
        w->deleteLater();
    m_form = new QFormLayout(m_body);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight);
}

void InspectorDock::refresh()
{
    m_pending = false;
    clearForm();
    const QStringList ids = m_scene->selectedIds();
    m_id = ids.size() == 1 ? ids.first() : QString();
    if (m_draftId != m_id) m_draftId.clear();
    const model::Design& d = m_doc->design();
    if (ids.size() > 1) {
        m_form->addRow(
            mutedLabel(tr("%1 elements selected").arg(ids.size()), QStringLiteral("text.muted")));
        return;
    }
    if (m_id.isEmpty()) {
        auto* hint = mutedLabel(tr("Select a component, flow or zone to edit it.\n\n"
                                   "Drag kinds from the palette; drag from a component's "
                                   "handle to draw a flow; double-click to rename."),
                                QStringLiteral("text.muted"));
        hint->setWordWrap(true);
        m_form->addRow(hint);
        return;
    }
    const std::string id = m_id.toStdString();
    if (d.component(id))
        buildComponent();
    else if (d.flow(id))
        buildFlow();
    else if (d.zone(id))
        buildZone();
    compact(m_body);
}

void InspectorDock::buildHeader(const QString& title, const QString& subtitle, const QString& icon,
                                const QColor& tint)
{
    auto* row = new QWidget;
    auto* lay = new QHBoxLayout(row);
    lay->setContentsMargins(0, 0, 0, 6);
    auto* pic = new QLabel;
    if (icon.isEmpty()) { // flows: an arrow drawn in the flow colour
        const qreal dpr = devicePixelRatioF();
        QPixmap pm(QSize(32, 32) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(tint, 2));
        p.drawLine(QPointF(4, 16), QPointF(26, 16));
        p.setBrush(tint);
        p.drawPolygon(QPolygonF() << QPointF(28, 16) << QPointF(20, 11) << QPointF(20, 21));
        p.end();
        pic->setPixmap(pm);
    } else {
        pic->setPixmap(Theme::instance().iconPixmap(icon, tint, 32, devicePixelRatioF()));
    }
    lay->addWidget(pic);
    auto* text = new QLabel(
        QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(), subtitle.toHtmlEscaped()));
    text->setTextFormat(Qt::RichText);
    // A long label wraps (or is cut) inside the dock instead of widening the window past the
    // screen: a label's width is not the inspector's to decide.
    text->setWordWrap(true);
    text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    lay->addWidget(text, 1);
    m_form->addRow(row);
}

void InspectorDock::buildLabelRow(const std::string& label)
{
    m_labelEdit = new QLineEdit(editableText(label));
    if (label.size() > kEditableBytes)
        m_labelEdit->setToolTip(tr("This label is too long to edit here: only its start is shown. "
                                   "Typing replaces the whole label."));
    QLineEdit* edit = m_labelEdit;
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, id = m_id] {
        // Only what the user typed: leaving a field whose label was cut for showing keeps it whole.
        if (!edit->isModified()) return;
        edit->setModified(false);
        if (!m_doc->design().contains(id.toStdString()) || edit->text().trimmed().isEmpty()) return;
        if (QUndoCommand* cmd = commands::setLabel(m_doc, id, edit->text()))
            m_doc->undoStack()->push(cmd);
    });
    m_labelEdit->setAccessibleName(tr("Label"));
    m_form->addRow(tr("Label"), m_labelEdit);
}

void InspectorDock::buildComponent()
{
    const model::Component& c = *m_doc->design().component(m_id.toStdString());
    const QString group = kindGroup(c.kind);
    buildHeader(shownText(c.label.empty() ? c.id : c.label),
                kindDisplayName(c.kind) + QStringLiteral(" · ") + QString::fromStdString(c.id),
                kindIcon(c.kind),
                Theme::instance().color(QStringLiteral("component.%1.icon").arg(group)));
    buildLabelRow(c.label);
    auto* kind = new QComboBox;
    if (const model::Vocabulary* v = vocabulary())
        for (const auto& k : v->kinds())
            kind->addItem(QString::fromStdString(k.displayName), QString::fromStdString(k.id));
    if (kind->findData(QString::fromStdString(c.kind)) < 0)
        kind->addItem(kindDisplayName(c.kind), QString::fromStdString(c.kind));
    kind->setCurrentIndex(kind->findData(QString::fromStdString(c.kind)));
    connect(kind, &QComboBox::activated, this, [this, kind] {
        const std::string k = kind->currentData().toString().toStdString();
        if (QUndoCommand* cmd = commands::setKind(m_doc, m_id, k)) m_doc->undoStack()->push(cmd);
    });
    kind->setAccessibleName(tr("Kind"));
    m_form->addRow(tr("Kind"), kind);
    if (c.kindInferred) {
        auto* confirm = new QPushButton(tr("Confirm kind"));
        confirm->setToolTip(tr("The kind was guessed on import; confirm or change it."));
        connect(confirm, &QPushButton::clicked, this, [this, k = c.kind] {
            if (QUndoCommand* cmd = commands::setKind(m_doc, m_id, k))
                m_doc->undoStack()->push(cmd);
        });
        m_form->addRow(mutedLabel(tr("inferred"), QStringLiteral("panel.inferred")), confirm);
    }
    if (const model::Zone* z = m_doc->design().parentZone(c.id)) {
        auto* zone = new QLabel(shownText(z->label.empty() ? z->id : z->label));
        zone->setWordWrap(true);
        zone->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        m_form->addRow(tr("Zone"), zone);
    }
    buildProperties(c.kind, c.props, false);
    buildAddProperty("component", c.props);
}

void InspectorDock::buildFlow()
{
    const model::Design& d = m_doc->design();
    const model::Flow& f = *d.flow(m_id.toStdString());
    buildHeader(shownText(f.label.empty() ? f.id : f.label),
                elementName(d, f.from) + QStringLiteral(" → ") + elementName(d, f.to), QString(),
                Theme::instance().color(QStringLiteral("flow.stroke")));
    buildLabelRow(f.label);
    auto* routing = new QComboBox;
    routing->addItem(tr("Straight"), QStringLiteral("straight"));
    routing->addItem(tr("Orthogonal"), QStringLiteral("orthogonal"));
    const bool ortho = model::stringProperty(f.props, "routing").value_or("") == "orthogonal";
    routing->setCurrentIndex(ortho ? 1 : 0);
    connect(routing, &QComboBox::activated, this, [this, routing, id = m_id] {
        const QString v = routing->currentData().toString();
        setProperty(id, "routing",
                    v == QLatin1String("orthogonal")
                        ? std::optional<model::Value>(std::string("orthogonal"))
                        : std::nullopt);
    });
    routing->setAccessibleName(tr("Routing"));
    m_form->addRow(tr("Routing"), routing);
    bool touchesQueue = false;
    for (const auto* end : {d.component(f.from), d.component(f.to)})
        if (end && kindGroup(end->kind) == QLatin1String("messaging")) touchesQueue = true;
    model::Properties shown = f.props;
    shown.erase("routing");
    buildProperties("flow", shown, touchesQueue);
    buildAddProperty("flow", f.props);
}

void InspectorDock::buildZone()
{
    const model::Zone& z = *m_doc->design().zone(m_id.toStdString());
    buildHeader(shownText(z.label.empty() ? z.id : z.label),
                zoneDisplayName(z.kind) + QStringLiteral(" · ") + QString::fromStdString(z.id),
                QString::fromStdString(z.kind) + QStringLiteral(".svg"),
                Theme::instance().color(
                    QStringLiteral("zone.%1.stroke").arg(QString::fromStdString(z.kind))));
    buildLabelRow(z.label);
    auto* kind = new QComboBox;
    for (const QString& k : zoneKinds())
        kind->addItem(zoneDisplayName(k.toStdString()), k);
    kind->setCurrentIndex(kind->findData(QString::fromStdString(z.kind)));
    kind->setAccessibleName(tr("Zone kind"));
    connect(kind, &QComboBox::activated, this, [this, kind] {
        if (QUndoCommand* cmd =
                commands::setKind(m_doc, m_id, kind->currentData().toString().toStdString()))
            m_doc->undoStack()->push(cmd);
    });
    m_form->addRow(tr("Kind"), kind);
    QStringList members;
    for (const auto& m : z.members)
        members << elementName(m_doc->design(), m);
    auto* list = new QLabel(members.isEmpty() ? tr("none — drop components inside")
                                              : members.join(QStringLiteral(", ")));
    list->setWordWrap(true);
    m_form->addRow(tr("Members"), list);
    buildProperties("zone", z.props, false);
    buildAddProperty("zone", z.props);
}

void InspectorDock::buildProperties(const std::string& elementKind, const model::Properties& props,
                                    bool touchesQueue)
{
    const model::Vocabulary* v = vocabulary();
    const bool isComponent = elementKind != "flow" && elementKind != "zone";
    std::set<std::string> keys;
    for (const auto& [k, val] : props)
        keys.insert(k);
    if (v && isComponent)
        if (const auto* spec = v->kind(elementKind))
            for (const auto& [k, val] : spec->defaults)
                keys.insert(k);
    if (v && !isComponent)
        for (const auto& p : v->properties())
            if (p.defaultValue &&
                std::find(p.appliesTo.begin(), p.appliesTo.end(), elementKind) != p.appliesTo.end())
                keys.insert(p.name);
    const bool drafting = m_draftId == m_id && !m_draftKey.empty() && !keys.count(m_draftKey);
    if (drafting) keys.insert(m_draftKey);
    if (keys.empty()) return;
    auto* title = new QLabel(tr("<b>Properties</b>"));
    m_form->addRow(title);
    for (const std::string& key : keys) {
        const QString qkey = QString::fromStdString(key);
        const model::PropertySpec* spec = v ? v->property(key) : nullptr;
        auto it = props.find(key);
        std::optional<model::Value> value;
        const bool draft = drafting && key == m_draftKey;
        if (it != props.end())
            value = it->second;
        else if (draft)
            value = emptyValue(spec);
        else if (v)
            value = v->defaultFor(elementKind, key, touchesQueue);
        if (!value) continue;
        auto* field = new QWidget;
        auto* lay = new QHBoxLayout(field);
        lay->setContentsMargins(0, 0, 0, 0);
        QWidget* editor = makeEditor(qkey, spec, *value, draft);
        const bool inferred = it == props.end() && !draft && key == "sync" && touchesQueue;
        nameEditor(editor, tr("Property %1").arg(qkey), spec,
                   draft ? tr("not set") : it != props.end() ? QString() : inferred ? tr("inferred") : tr("default"));
        m_editors.insert(qkey, editor);
        lay->addWidget(editor, 1);
        if (qkey == m_focusKey) {
            m_focusKey.clear();
            QTimer::singleShot(0, editor, [editor] { editor->setFocus(Qt::OtherFocusReason); });
        }
        if (draft) {
            auto* status = mutedLabel(tr("not set"), QStringLiteral("panel.default"));
            status->setToolTip(tr("Type a value to draw it; until then the design does not have it."));
            lay->addWidget(status);
            if (std::exchange(m_focusDraft, false))
                QTimer::singleShot(0, editor, [editor] { editor->setFocus(Qt::OtherFocusReason); });
        } else if (it == props.end()) {
            auto* status = mutedLabel(inferred ? tr("inferred") : tr("default"),
                                      inferred ? QStringLiteral("panel.inferred")
                                               : QStringLiteral("panel.default"));
            status->setToolTip(
                inferred ? tr("A flow that touches a queue is asynchronous unless drawn otherwise.")
                         : tr("Not drawn: the vocabulary default applies. Edit to set it."));
            lay->addWidget(status);
        } else {
            auto* remove = new QToolButton;
            remove->setText(QStringLiteral("×"));
            remove->setToolTip(tr("Remove %1").arg(qkey));
            remove->setAccessibleName(tr("Remove property %1").arg(qkey));
            remove->setAutoRaise(true);
            connect(remove, &QToolButton::clicked, this,
                    [this, key, id = m_id] { setProperty(id, key, std::nullopt); });
            lay->addWidget(remove);
        }
        auto* name = new QLabel(qkey);
        if (spec && !spec->description.empty()) {
            name->setToolTip(QString::fromStdString(spec->description));
            field->setToolTip(QString::fromStdString(spec->description));
        }
        m_form->addRow(name, field);
    }
}

QWidget* InspectorDock::makeEditor(const QString& key, const model::PropertySpec* spec,
                                   const model::Value& value, bool draft)
{
    const std::string k = key.toStdString();
    const model::ValueType type = spec ? spec->type : model::typeOf(value);
    if (type == model::ValueType::Bool) {
        auto* box = new QCheckBox;
        box->setChecked(std::holds_alternative<bool>(value) && std::get<bool>(value));
        connect(box, &QCheckBox::clicked, this,
                [this, k, id = m_id](bool on) { setProperty(id, k, model::Value(on)); });
        return box;
    }
    if (type == model::ValueType::Number) {
        const double v = std::holds_alternative<double>(value) ? std::get<double>(value) : 0.0;
        auto* spin = new NumberEdit(v, spec ? spec->min : std::nullopt, spec ? spec->max : std::nullopt);
        if (draft) spin->clear(); // empty until typed, not a 0 that looks drawn
        connect(spin, &QDoubleSpinBox::editingFinished, this, [this, k, key, spin, v, draft, id = m_id] {
            if (!(draft ? !spin->cleanText().isEmpty() : spin->value() != v)) return;
            keepFocus(spin, key);
            setProperty(id, k, model::Value(spin->value()));
        });
        return spin;
    }
    if (type == model::ValueType::List) {
        auto* tags = new TagEditor;
        if (auto* l = std::get_if<model::StringList>(&value))
            tags->setTags(toQStringList(*l));
        else if (auto* s = std::get_if<std::string>(&value))
            tags->setTags({QString::fromStdString(*s)});
        connect(tags, &TagEditor::tagsEdited, this, [this, k, key, draft, id = m_id](const QStringList& list) {
            if (draft && list.isEmpty()) return;
            m_focusKey = key;
            setProperty(id, k, model::Value(fromQStringList(list)));
        });
        return tags;
    }
    const QString current = QString::fromStdString(model::toDisplayString(value));
    if (spec && !spec->allowed.empty()) {
        auto* combo = new QComboBox;
        for (const auto& a : spec->allowed)
            combo->addItem(QString::fromStdString(a));
        if (combo->findText(current) < 0) combo->addItem(current);
        combo->setCurrentText(current);
        connect(combo, &QComboBox::activated, this, [this, k, key, combo, id = m_id] {
            keepFocus(combo, key);
            setProperty(id, k, model::Value(combo->currentText().toStdString()));
        });
        return combo;
    }
    auto* edit = new QLineEdit(current);
    connect(edit, &QLineEdit::editingFinished, this, [this, k, key, edit, draft, id = m_id] {
        if (draft && edit->text().isEmpty()) return;
        keepFocus(edit, key);
        setProperty(id, k, model::Value(edit->text().toStdString()));
    });
    return edit;
}

// A value set from the keyboard rebuilds the form; the new editor of the same property takes the
// focus back, or the next keys went to the window ("t" of "automatic" started a tool). An editor
// left for another widget (editing ends on focus out) does not pull the focus back.
void InspectorDock::keepFocus(QWidget* editor, const QString& key)
{
    const QWidget* focus = QApplication::focusWidget();
    if (focus && (focus == editor || editor->isAncestorOf(focus))) m_focusKey = key;
}

void InspectorDock::buildAddProperty(const std::string& elementType, const model::Properties& props)
{
    auto* row = new QWidget;
    auto* lay = new QHBoxLayout(row);
    lay->setContentsMargins(0, 8, 0, 0);
    auto* name = new QComboBox;
    name->setEditable(true);
    name->lineEdit()->setPlaceholderText(tr("property name"));
    name->setAccessibleName(tr("Name of the property to add"));
    if (const model::Vocabulary* v = vocabulary())
        for (const auto& p : v->properties())
            if (!props.count(p.name) && !m_editors.contains(QString::fromStdString(p.name)) &&
                (p.appliesTo.empty() || std::find(p.appliesTo.begin(), p.appliesTo.end(),
                                                  elementType) != p.appliesTo.end()))
                name->addItem(QString::fromStdString(p.name));
    name->setCurrentIndex(-1);
    name->setInsertPolicy(QComboBox::NoInsert); // Enter adds the property, not a list entry
    auto* add = new QPushButton(tr("Add"));
    add->setAccessibleName(tr("Add property"));
    lay->addWidget(name, 1);
    lay->addWidget(add);
    auto addNamed = [this, name] {
        const std::string key = name->currentText().trimmed().toStdString();
        if (!key.empty()) addProperty(key);
    };
    connect(add, &QPushButton::clicked, this, addNamed);
    connect(name->lineEdit(), &QLineEdit::returnPressed, this, addNamed);
    m_form->addRow(tr("Add property"), row);
}

// A property with a vocabulary default starts from it, and a bool as true (a check box always
// shows a value); anything else waits, empty, for its value.
void InspectorDock::addProperty(const std::string& key)
{
    const model::Vocabulary* v = vocabulary();
    const model::PropertySpec* spec = v ? v->property(key) : nullptr;
    if (spec && spec->defaultValue) {
        setProperty(m_id, key, *spec->defaultValue);
    } else if (spec && spec->type == model::ValueType::Bool) {
        setProperty(m_id, key, model::Value(true));
    } else {
        m_draftId = m_id;
        m_draftKey = key;
        m_focusDraft = true;
        refresh();
    }
}

void InspectorDock::setProperty(const QString& id, const std::string& key,
                                const std::optional<model::Value>& value)
{
    if (id.isEmpty() || !m_doc->design().contains(id.toStdString())) return;
    // Drawn now (or removed): undoing or removing it later does not bring the empty draft back.
    if (id == m_draftId && key == m_draftKey) m_draftId.clear();
    if (QUndoCommand* cmd = commands::setProperty(m_doc, id, key, value))
        m_doc->undoStack()->push(cmd);
}

} // namespace pb::app
