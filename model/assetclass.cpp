#include "model/assetclass.h"

#include "model/drawiostyle.h"
#include "model/printable.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <vector>

namespace pb::model {

namespace {
struct AssetWord
{
    const char* word;
    const char* dataClass;
};
constexpr AssetWord kAssetWords[] = {
    {"cardholder", "payment"},
    {"payment", "payment"},
    {"payments", "payment"},
    {"health", "health"},
    {"medical", "health"},
    {"patient", "health"},
    {"phi", "health"},
    {"financial", "financial"},
    {"bank", "financial"},
    {"transactions", "financial"},
    {"billing", "billing"},
    {"invoice", "billing"},
    {"invoices", "billing"},
    {"usage", "usage"},
    {"metering", "usage"},
    {"credentials", "credentials"},
    {"credential", "credentials"},
    {"password", "credentials"},
    {"passwords", "credentials"},
    {"secret", "credentials"},
    {"secrets", "credentials"},
    {"pii", "pii"},
    {"personal", "pii"},
    {"customer", "pii"},
    {"customers", "pii"},
    {"profile", "pii"},
    {"profiles", "pii"},
    {"email", "pii"},
    {"address", "pii"},
};

// "Card" names payment data only beside a word that says which card: a rate card, a score card
// or a business card is none.
bool paymentCard(const std::vector<std::string>& words)
{
    static const char* const kCardWords[] = {"credit",  "debit",   "data", "number",
                                             "numbers", "details", "pan",  "token"};
    const bool card = std::find_if(words.begin(), words.end(), [](const std::string& w) {
                          return w == "card" || w == "cards";
                      }) != words.end();
    return card && std::any_of(words.begin(), words.end(), [](const std::string& w) {
               return std::any_of(std::begin(kCardWords), std::end(kCardWords),
                                  [&](const char* c) { return w == c; });
           });
}
} // namespace

const char* knownDataClass(std::string_view text)
{
    std::vector<std::string> words(1);
    for (const char ch : lowerAscii(std::string(text))) {
        if (std::isalnum(static_cast<unsigned char>(ch)))
            words.back() += ch;
        else if (!words.back().empty())
            words.emplace_back();
    }
    if (paymentCard(words)) return "payment";
    for (const std::string& word : words)
        for (const auto& [w, cls] : kAssetWords)
            if (word == w) return cls;
    return nullptr;
}

std::string dataClassOfAsset(const std::string& name, const std::string& id)
{
    if (const char* cls = knownDataClass(name)) return cls;
    const std::string slug = drawioSlug(name);
    return slug.empty() ? id : slug;
}

bool isConfidentialClass(const std::string& cls)
{
    static const char* const kClasses[] = {"pii",       "payment",   "health",
                                           "financial", "regulated", "credentials"};
    return std::any_of(std::begin(kClasses), std::end(kClasses),
                       [&](const char* c) { return cls == c; });
}

bool isIntegrityClass(const std::string& cls)
{
    static const char* const kClasses[] = {"payment", "financial", "billing", "usage", "regulated"};
    return std::any_of(std::begin(kClasses), std::end(kClasses),
                       [&](const char* c) { return cls == c; });
}

} // namespace pb::model
