#pragma once

#include "rules/engine.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <memory>

namespace pb::app {

class Document;

// Live review: runs the rule packs over the document after every change and publishes the
// result. An edit after a quiet spell is reviewed at once; a burst of edits is folded into one
// review per debounce interval. Small designs are reviewed on the UI thread (a few milliseconds);
// larger ones on a worker thread from a copy of the design, so drawing never waits for the
// rules. Every run carries a generation number and results older than the latest change
// are dropped, so the panel never shows findings for a drawing that no longer exists.
// Decisions and fixes go through undoable commands on the document's stack.
class ReviewController : public QObject
{
    Q_OBJECT
public:
    // Loads the built-in packs (model::resourceDir) and the user's packs folder.
    explicit ReviewController(Document* doc, QObject* parent = nullptr);
    // Uses an already loaded rule set (tests, benchmarks, a custom pack).
    ReviewController(Document* doc, std::shared_ptr<const rules::RuleSet> rules,
                     QObject* parent = nullptr);
    ~ReviewController() override;

    Document* document() const { return m_doc; }
    const rules::RuleSet& ruleSet() const { return *m_rules; }
    // Problems met while loading the packs (empty when all loaded), for the status bar.
    QString loadErrors() const { return m_loadErrors; }

    // The latest result for the current drawing (empty before the first review).
    const rules::ReviewResult& result() const { return *m_result; }
    std::shared_ptr<const rules::ReviewResult> resultPtr() const { return m_result; }
    const rules::Finding* finding(const QString& fingerprint) const;
    // Findings whose targets or witness path include `id`.
    QList<const rules::Finding*> findingsFor(const QString& id) const;
    bool isPending() const { return m_timer.isActive() || m_running; }

    // Tuning: the least time between two reviews while edits keep coming (an edit after a quiet
    // spell is reviewed at once), and the component count from which reviews run off the UI
    // thread.
    void setDebounce(int ms) { m_debounce = ms; }
    int debounce() const { return m_debounce; }
    void setAsyncThreshold(int components) { m_asyncThreshold = components; }
    // Fixed "today" for expiry of decisions (tests); empty = the system date.
    void setToday(const QString& isoDate);
    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }

    // Decisions: accept or suppress with a justification (mandatory), owner and optional
    // expiry (YYYY-MM-DD); reopen removes the decision. Each is one undo step.
    bool decide(const rules::Finding& f, const QString& status, const QString& justification,
                const QString& owner, const QString& expires);
    bool reopen(const rules::Finding& f);
    // The finding's one-click fix as one undo step; false if it has none or it no longer applies.
    bool applyFix(const rules::Finding& f);
    bool canFix(const rules::Finding& f) const;

    // Milliseconds the last review took in the rules (worker or UI thread) and from the edit
    // to the published result.
    double lastAnalysisMs() const { return m_lastAnalysisMs; }
    double lastLatencyMs() const { return m_lastLatencyMs; }
    // Milliseconds the UI thread spent on the last review: starting it (copying the design) and
    // publishing it (the panel, badges and counts react to reviewed()). Reviews of small designs
    // on the UI thread count their analysis here too.
    double lastUiMs() const { return m_lastUiMs; }

public slots:
    // Review now, on this thread, skipping the debounce (tests, first show).
    void reviewNow();
    // Schedule a review after the debounce delay (called on every Document::changed).
    void schedule();

signals:
    void reviewed();
    void reviewStarted();

private:
    void init();
    void start();
    void publish(std::shared_ptr<const rules::ReviewResult> r, quint64 generation, double analysisMs);
    rules::ReviewOptions options() const;

    Document* m_doc;
    std::shared_ptr<const rules::RuleSet> m_rules;
    std::shared_ptr<const rules::ReviewResult> m_result;
    // The copy the latest worker review ran on: an edit that changes nothing the rules read
    // (moving, resizing, bending) reuses that result instead of running the packs again.
    std::shared_ptr<const model::Design> m_reviewedDesign;
    // Each rule's results from the last worker review: an edit of some properties re-runs only
    // the rules that read them. Only the one running worker touches it.
    std::shared_ptr<rules::ReviewCache> m_cache = std::make_shared<rules::ReviewCache>();
    QString m_loadErrors;
    QTimer m_timer;
    QElapsedTimer m_sinceEdit;
    QElapsedTimer m_lastStart;
    int m_debounce = 150;
    double m_startUiMs = 0;
    double m_lastUiMs = 0;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_rerun = false;
    bool m_enabled = true;
    int m_asyncThreshold = 300;
    QString m_today;
    double m_lastAnalysisMs = 0;
    double m_lastLatencyMs = 0;
};

} // namespace pb::app
