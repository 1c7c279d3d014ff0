#pragma once

#include <QStringList>

class QWidget;

namespace pb::app {

// At start-up: offers to restore recovery copies left by a crashed or killed session. Returns
// how many windows were opened with restored work; `restoredFiles` gets the file each restored
// design was opened from (absolute, canonical), so that start-up does not open it a second time.
int offerRecovery(QWidget* parent = nullptr, QStringList* restoredFiles = nullptr);

} // namespace pb::app
