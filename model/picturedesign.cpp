#include "model/picturedesign.h"

#include "model/designfile.h"
#include "model/drawiofile.h"
#include "model/drawioimport.h"
#include "model/pdfdesign.h"
#include "model/pngdesign.h"

#include <array>
#include <utility>

namespace pb::model {

namespace {
constexpr std::array<std::pair<char, std::string_view>, 5> kEntities{
    {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}}};
} // namespace

Picture pictureKind(std::string_view text)
{
    if (text.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return Picture::Png;
    if (text.substr(0, 5) == "%PDF-") return Picture::Pdf;
    std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    // An XML declaration, a comment or a doctype may come before it; the element comes early.
    if (i < text.size() && text[i] == '<' && text.substr(i, 4096).find("<svg") != std::string_view::npos)
        return Picture::Svg;
    return Picture::None;
}

std::optional<std::string> designInSvg(std::string_view svg)
{
    const std::size_t open = svg.find(kSvgDesignOpen);
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t from = open + kSvgDesignOpen.size();
    const std::size_t close = svg.find(kSvgDesignClose, from);
    if (close == std::string_view::npos) return std::nullopt;
    std::string out;
    out.reserve(close - from);
    for (std::size_t i = from; i < close; ++i) {
        if (svg[i] != '&') {
            out += svg[i];
            continue;
        }
        bool known = false;
        for (const auto& [c, entity] : kEntities)
            if (svg.substr(i, entity.size()) == entity) {
                out += c;
                i += entity.size() - 1;
                known = true;
                break;
            }
        if (!known) out += '&'; // not one the whiteboard writes: kept as it is
    }
    return out;
}

std::string escapeForSvg(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char ch : text) {
        std::string_view entity;
        for (const auto& [c, e] : kEntities)
            if (c == ch) entity = e;
        if (entity.empty()) out += ch;
        else out += entity;
    }
    return out;
}

std::optional<std::string> designForPng(const Design& design)
{
    const std::string compact =
        designToJson(design).dump(-1, ' ', true, nlohmann::ordered_json::error_handler_t::replace);
    std::string out;
    out.reserve(compact.size() + compact.size() / 16);
    for (char c : compact) {
        if (c == ' ') out += "\\u0020"; // only inside strings: a compact dump has no other
        else out += c;
        if (out.size() > kMaxPngText) return std::nullopt;
    }
    return out;
}

std::optional<Design> designFromPicture(const std::string& text, Picture kind, const std::string& path,
                                        Diagnostics& diags)
{
    auto refuse = [&](const std::string& message) {
        diags.push_back({Diagnostic::Level::Error, path, 0, 0, "", "", "E-PICTURE", message, ""});
        return std::nullopt;
    };
    std::string why; // what is wrong with a design that is there; empty: there is none
    const auto carried = kind == Picture::Png   ? designInPng(text, &why)
                         : kind == Picture::Pdf ? designInPdf(text, &why)
                                                : designInSvg(text);
    const std::string name = kind == Picture::Png ? "PNG" : kind == Picture::Pdf ? "PDF" : "SVG";
    if (!carried && !why.empty()) return refuse("a " + name + " whose design cannot be read: " + why);
    if (!carried && kind != Picture::Pdf)
        if (const auto drawio = drawioInPicture(text))
            return importDrawio(*drawio, drawioInPictureName(path), diags);
    if (!carried)
        return refuse((kind == Picture::Svg ? "an " : "a ") + name + (kind == Picture::Pdf ? "" : " picture") +
                      " that carries no design: only pictures exported by Probeboard with File > Export > Include "
                      "the Design in Pictures carry one, or by draw.io with its diagram included");
    return designCarriedBy(*carried, path, diags);
}

std::optional<Design> designCarriedBy(const std::string& carried, const std::string& path, Diagnostics& diags)
{
    return designFromText(carried, path + " (the design it carries)", diags);
}

} // namespace pb::model
