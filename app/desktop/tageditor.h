#pragma once

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLineEdit;

namespace pb::app {

// A list property editor: one chip per value (click × to remove) and a line edit that adds
// a value on Enter (commas add several at once).
class TagEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TagEditor(QWidget* parent = nullptr);
    QStringList tags() const { return m_tags; }
    void setTags(const QStringList& tags);
    QLineEdit* lineEdit() const { return m_edit; }

signals:
    void tagsEdited(const QStringList& tags);

private:
    void rebuildChips();
    void addFromEdit();

    QStringList m_tags;
    QHBoxLayout* m_chips;
    QLineEdit* m_edit;
};

} // namespace pb::app
