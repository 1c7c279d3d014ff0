#include "app/desktop/reviewcontroller.h"

#include "app/desktop/commands/decisioncommand.h"
#include "app/desktop/commands/fixcommand.h"
#include "app/desktop/document.h"
#include "model/diagnostic.h"
#include "rules/ruledeps.h"

#include <QFutureWatcher>
#include <QUndoStack>
#include <algorithm>
#include <QtConcurrent/QtConcurrentRun>

namespace pb::app {

namespace {
std::shared_ptr<const rules::RuleSet> loadRules(QString* errors)
{
    auto set = std::make_shared<rules::RuleSet>();
    model::Diagnostics diags;
    set->loadBuiltinPacks(diags);
    set->loadUserPacks(diags);
    QStringList lines;
    for (const auto& d : diags)
        if (d.level == model::Diagnostic::Level::Error) lines << QString::fromStdString(d.format());
    *errors = lines.join(QLatin1Char('\n'));
    return set;
}

struct Outcome
{
    std::shared_ptr<const rules::ReviewResult> result;
    double ms = 0;
    std::shared_ptr<const model::Design> design; // what it was computed from (worker runs)
};

// True when the two designs differ at most in geometry (positions, sizes, bends): no rule reads
// where things are drawn, so the previous result stands as it is, without even the cached
// review's merge of kept results.
bool sameForRules(const model::Design& a, const model::Design& b)
{
    return rules::changeBetween(a, b).none() && a.decisions == b.decisions;
}

Outcome runReview(const rules::RuleSet& set, const model::Design& design, const rules::ReviewOptions& opts)
{
    QElapsedTimer t;
    t.start();
    auto r = std::make_shared<rules::ReviewResult>(set.review(design, opts));
    return {std::move(r), double(t.nsecsElapsed()) / 1e6, nullptr};
}

// The worker's review: through the cache, so that only the rules an edit can affect re-run.
Outcome runCachedReview(const rules::RuleSet& set, std::shared_ptr<const model::Design> design,
                        const rules::ReviewOptions& opts, rules::ReviewCache& cache)
{
    QElapsedTimer t;
    t.start();
    auto r = std::make_shared<rules::ReviewResult>(set.review(design, opts, cache));
    return {std::move(r), double(t.nsecsElapsed()) / 1e6, std::move(design)};
}
} // namespace

ReviewController::ReviewController(Document* doc, QObject* parent)
    : QObject(parent)
    , m_doc(doc)
{
    m_rules = loadRules(&m_loadErrors);
    init();
}

ReviewController::ReviewController(Document* doc, std::shared_ptr<const rules::RuleSet> rules,
                                   QObject* parent)
    : QObject(parent)
    , m_doc(doc)
    , m_rules(std::move(rules))
{
    init();
}

ReviewController::~ReviewController()
{
    // A worker still running holds its own copies (design, rules); waiting keeps the thread
    // pool from outliving the application with our work in it.
    for (auto* w : findChildren<QFutureWatcherBase*>()) w->waitForFinished();
}

void ReviewController::init()
{
    m_result = std::make_shared<rules::ReviewResult>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ReviewController::start);
    connect(m_doc, &Document::changed, this, &ReviewController::schedule);
    connect(m_doc, &Document::modelReset, this, &ReviewController::schedule);
}

void ReviewController::setToday(const QString& isoDate)
{
    m_today = isoDate;
    m_reviewedDesign.reset(); // decisions may expire differently: no reuse
    schedule();
}

void ReviewController::setEnabled(bool on)
{
    m_enabled = on;
    if (on) schedule();
    else m_timer.stop();
}

rules::ReviewOptions ReviewController::options() const
{
    rules::ReviewOptions o;
    o.today = m_today.toStdString();
    return o;
}

void ReviewController::schedule()
{
    ++m_generation;
    m_sinceEdit.start();
    if (!m_enabled || m_timer.isActive()) return;
    // A zero timer still folds the several signals of one command (a macro) into one review.
    const qint64 since = m_lastStart.isValid() ? m_lastStart.elapsed() : qint64(m_debounce);
    m_timer.start(since >= m_debounce ? 0 : int(m_debounce - since));
}

void ReviewController::reviewNow()
{
    m_timer.stop();
    const quint64 gen = ++m_generation;
    m_sinceEdit.start();
    Outcome o = runReview(*m_rules, m_doc->design(), options());
    m_startUiMs = o.ms;
    m_reviewedDesign.reset();
    publish(std::move(o.result), gen, o.ms);
}

void ReviewController::start()
{
    if (!m_enabled) return;
    if (m_running) {
        m_rerun = true; // one worker at a time; the newest state is reviewed when it returns
        return;
    }
    QElapsedTimer ui;
    ui.start();
    m_lastStart.start();
    const quint64 gen = m_generation;
    emit reviewStarted();
    if (int(m_doc->design().components().size()) < m_asyncThreshold) {
        Outcome o = runReview(*m_rules, m_doc->design(), options());
        m_startUiMs = double(ui.nsecsElapsed()) / 1e6;
        m_reviewedDesign.reset();
        publish(std::move(o.result), gen, o.ms);
        return;
    }
    m_running = true;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, gen] {
        watcher->deleteLater();
        m_running = false;
        Outcome o = watcher->result();
        if (gen == m_generation) m_reviewedDesign = std::move(o.design);
        publish(std::move(o.result), gen, o.ms);
        if (m_rerun) {
            m_rerun = false;
            start();
        }
    });
    auto design = std::make_shared<const model::Design>(m_doc->design());
    watcher->setFuture(QtConcurrent::run([rules = m_rules, design, opts = options(), prevDesign = m_reviewedDesign,
                                          prev = m_result, cache = m_cache] {
        if (prevDesign && prev && sameForRules(*prevDesign, *design))
            return Outcome{prev, 0, design};
        return runCachedReview(*rules, design, opts, *cache);
    }));
    m_startUiMs = double(ui.nsecsElapsed()) / 1e6;
}

void ReviewController::publish(std::shared_ptr<const rules::ReviewResult> r, quint64 generation,
                               double analysisMs)
{
    if (generation != m_generation || !r) return; // the drawing changed since: a newer run follows
    QElapsedTimer ui;
    ui.start();
    m_result = std::move(r);
    m_lastAnalysisMs = analysisMs;
    emit reviewed();
    m_lastLatencyMs = double(m_sinceEdit.nsecsElapsed()) / 1e6;
    m_lastUiMs = std::max(m_startUiMs, double(ui.nsecsElapsed()) / 1e6);
}

const rules::Finding* ReviewController::finding(const QString& fingerprint) const
{
    const std::string fp = fingerprint.toStdString();
    for (const auto& f : m_result->findings)
        if (f.fingerprint == fp) return &f;
    return nullptr;
}

QList<const rules::Finding*> ReviewController::findingsFor(const QString& id) const
{
    const std::string sid = id.toStdString();
    QList<const rules::Finding*> out;
    for (const auto& f : m_result->findings) {
        const bool hit = std::find(f.targets.begin(), f.targets.end(), sid) != f.targets.end() ||
                         std::find(f.path.begin(), f.path.end(), sid) != f.path.end();
        if (hit) out << &f;
    }
    return out;
}

bool ReviewController::decide(const rules::Finding& f, const QString& status,
                              const QString& justification, const QString& owner,
                              const QString& expires)
{
    if (justification.trimmed().isEmpty() || owner.trimmed().isEmpty() || f.fingerprint.empty())
        return false;
    model::Decision d;
    d.fingerprint = f.fingerprint;
    d.rule = f.ruleId;
    d.status = status.toStdString();
    d.justification = justification.trimmed().toStdString();
    d.owner = owner.trimmed().toStdString();
    d.expires = expires.trimmed().toStdString();
    QUndoCommand* cmd = commands::setDecision(m_doc, d, QString::fromStdString(f.title));
    if (!cmd) return false;
    m_doc->undoStack()->push(cmd);
    return true;
}

bool ReviewController::reopen(const rules::Finding& f)
{
    QUndoCommand* cmd = commands::removeDecision(m_doc, f.fingerprint, QString::fromStdString(f.title));
    if (!cmd) return false;
    m_doc->undoStack()->push(cmd);
    return true;
}

bool ReviewController::canFix(const rules::Finding& f) const
{
    return commands::canFix(m_doc, f);
}

bool ReviewController::applyFix(const rules::Finding& f)
{
    QUndoCommand* cmd = commands::applyFix(m_doc, f);
    if (!cmd) return false;
    m_doc->undoStack()->push(cmd);
    return true;
}

} // namespace pb::app
