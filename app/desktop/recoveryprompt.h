#pragma once

class QWidget;

namespace pb::app {

// At start-up: offers to restore recovery copies left by a crashed or killed session. Returns
// how many windows were opened with restored work.
int offerRecovery(QWidget* parent = nullptr);

} // namespace pb::app
