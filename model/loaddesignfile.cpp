// Which reader a file goes to: by its name, else by what its first bytes look like (a pipe,
// standard input, a Threat Dragon model under any name). Kept apart from designfile.cpp, which
// reads and writes the .probeboard format itself.
#include "model/designfile.h"

#include "model/designpart.h"
#include "model/dotimport.h"
#include "model/dotlines.h"
#include "model/drawiofile.h"
#include "model/drawioimport.h"
#include "model/jsonutil.h"
#include "model/mermaidimport.h"
#include "model/otmimport.h"
#include "model/picturedesign.h"
#include "model/printable.h"
#include "model/pytmimport.h"
#include "model/threagileimport.h"
#include "model/threatdragonimport.h"
#include "model/tmtimport.h"

#include <cctype>
#include <filesystem>
#include <unordered_map>

namespace pb::model {

namespace {
// "doc.md#2" or "shop.drawio#2" when no file has that name: the flowchart or page it names
// (designpart.h). Problems name the file itself, with lines counted in it, so that an editor can
// go to them.
std::optional<Design> loadDesignPart(const DesignPart& part, Diagnostics& diags,
                                       std::unordered_map<std::string, int>* lines = nullptr)
{
    std::string err;
    const bool picture = isDrawioPicture(part.file);
    const auto text = readTextFile(part.file, err, picture ? kMaxDesignBytes : kMaxDotBytes);
    if (!text) {
        diags.push_back({Diagnostic::Level::Error, part.file, 0, 0, "", "", "E-IO", "cannot read the file: " + err, ""});
        return std::nullopt;
    }
    if (picture) { // its pages' lines are in no file an editor opens: none are kept
        const auto xml = drawioInPicture(*text);
        if (xml) return importDrawio(*xml, drawioInPictureName(part.file), diags, nullptr, part.block);
        diags.push_back({Diagnostic::Level::Error, part.file, 0, 0, "", "", "E-PICTURE",
                         "a picture that keeps no draw.io diagram, so it has no pages to name", ""});
        return std::nullopt;
    }
    if (isDrawio(part.file)) return importDrawio(*text, part.file, diags, lines, part.block);
    if (isTmt(part.file)) return importTmt(*text, part.file, diags, part.block);
    if (isJson(part.file)) {
        if (looksLikeThreatDragon(*text)) return importThreatDragon(*text, part.file, diags, part.block);
        diags.push_back({Diagnostic::Level::Error, part.file, 0, 0, "", "", "E-IO",
                         "only a Threat Dragon model holds several designs; this JSON file is not one", ""});
        return std::nullopt;
    }
    return importMermaidInMarkdown(*text, part.file, diags, lines, part.block);
}

std::optional<DesignPart> partNamed(const std::string& path)
{
    std::error_code ec;
    auto part = designPart(path);
    return part && !std::filesystem::exists(path, ec) ? part : std::nullopt;
}
} // namespace

std::optional<Design> loadDesignFile(const std::string& path, Diagnostics& diags)
{
    if (const auto part = partNamed(path)) return loadDesignPart(*part, diags);
    std::string err;
    const std::string ext = std::filesystem::path(path).extension().string();
    const bool dot = ext == ".dot" || ext == ".gv";
    const bool mermaid = ext == ".mmd" || ext == ".mermaid";
    const bool markdown = isMarkdown(path);
    const bool drawio = isDrawio(path) || lowerAscii(ext) == ".xml"; // draw.io's XML export
    const bool tmt = isTmt(path);
    const bool yaml = isYaml(path);
    auto text = readTextFile(path, err, dot || mermaid || markdown || drawio || tmt || yaml ? kMaxDotBytes : kMaxDesignBytes);
    if (!text) {
        diags.push_back({Diagnostic::Level::Error, path, 0, 0, "", "", "E-IO",
                         "cannot read the file: " + err, ""});
        return std::nullopt;
    }
    if (const Picture kind = pictureKind(*text); kind != Picture::None)
        return designFromPicture(*text, kind, path, diags);
    if (dot) return importDot(*text, path, diags);
    if (mermaid) return importMermaid(*text, path, diags);
    if (markdown) return importMermaidInMarkdown(*text, path, diags);
    // Before draw.io's: both are XML, and a model exported as .xml is not a draw.io file.
    if (tmt || (ext != ".probeboard" && looksLikeTmt(*text))) return importTmt(*text, path, diags);
    if (drawio || looksLikeDrawio(*text)) return importDrawio(*text, path, diags);
    if (lowerAscii(ext) == ".otm" || (ext != ".probeboard" && looksLikeOtm(*text))) return importOtm(*text, path, diags);
    if (ext != ".probeboard" && looksLikeThreatDragon(*text)) return importThreatDragon(*text, path, diags);
    if (ext != ".probeboard" && looksLikeThreagile(*text)) return importThreagile(*text, path, diags);
    if (ext != ".probeboard" && looksLikePytm(*text)) return importPytm(*text, path, diags);
    if (yaml) {
        diags.push_back({Diagnostic::Level::Error, path, 0, 0, "", "", "E-YAML",
                         "a YAML file that is neither a Threagile model nor an Open Threat Model document",
                         "a Threagile model says threagile_version: first, an OTM document otmVersion:"});
        return std::nullopt;
    }
    const bool json = ext == ".probeboard" || ext == ".json";
    std::size_t i = text->compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (i < text->size() && std::isspace(static_cast<unsigned char>((*text)[i]))) ++i;
    if (i == text->size()) { // not "invalid JSON: unexpected end of input" at a line past the end
        diags.push_back({Diagnostic::Level::Error, path, 0, 0, "", "", "E-EMPTY",
                         json ? "empty file: expected a design file (JSON)"
                              : "empty input: expected a design file (JSON) or a DOT digraph", ""});
        return std::nullopt;
    }
    if (json) return designFromText(*text, path, diags);
    // Standard input ("-"), a pipe (/dev/fd/63) or another name: a design file is a JSON object,
    // a DOT graph starts with a word or a comment.
    if (looksLikeMermaid(*text)) return importMermaid(*text, path, diags);
    if ((*text)[i] != '{' && (*text)[i] != '[') return importDot(*text, path, diags);
    return designFromText(*text, path, diags);
}

std::unordered_map<std::string, int> elementLines(const std::string& path, const Design& design)
{
    std::unordered_map<std::string, int> lines;
    if (const auto part = partNamed(path)) {
        Diagnostics ignored; // read before, without an error, or the report would not exist
        loadDesignPart(*part, ignored, &lines);
        return lines;
    }
    std::string err;
    const auto text = path == "-" ? std::nullopt : readTextFile(path, err, kMaxDesignBytes);
    if (!text) return lines;
    auto keep = [&](const std::string& id, int line) {
        if (line > 0) lines.emplace(id, line);
    };
    const std::string ext = std::filesystem::path(path).extension().string();
    if (isTmt(path) || looksLikeTmt(*text)) return lines; // its elements are not where lines would help
    // By content only where the name says nothing: a README may show a model's first line.
    const bool named = isMarkdown(path) || ext == ".mmd" || ext == ".mermaid" || ext == ".dot" || ext == ".gv";
    if (lowerAscii(ext) == ".otm" || (!named && looksLikeOtm(*text))) return otmElementLines(*text);
    if (!named && looksLikeThreagile(*text)) {
        Diagnostics ignored;
        importThreagile(*text, path, ignored, &lines);
        return lines;
    }
    if (!named && ext != ".probeboard" && looksLikePytm(*text)) {
        Diagnostics ignored;
        importPytm(*text, path, ignored, &lines);
        return lines;
    }
    if (isMarkdown(path)) {
        Diagnostics ignored;
        importMermaidInMarkdown(*text, path, ignored, &lines);
        return lines;
    }
    if (ext == ".mmd" || ext == ".mermaid" || looksLikeMermaid(*text)) {
        Diagnostics ignored; // read before, without an error, or the report would not exist
        importMermaid(*text, path, ignored, &lines);
        return lines;
    }
    if (isDrawio(path) || looksLikeDrawio(*text)) {
        Diagnostics ignored;
        importDrawio(*text, path, ignored, &lines);
        return lines;
    }
    if (ext == ".dot" || ext == ".gv") {
        const DotLines dot(*text);
        for (const auto& c : design.components()) keep(c.id, dot.line(dot.find({DotPlace::Kind::Node, c.id, {}, 1})));
        for (const auto& f : design.flows()) {
            int at = dot.find({DotPlace::Kind::EdgeId, f.id, {}, 1});
            if (at < 0) at = dot.find({DotPlace::Kind::Edge, f.from, f.to, 1});
            keep(f.id, dot.line(at));
        }
        for (const auto& z : design.zones()) keep(z.id, dot.line(dot.find({DotPlace::Kind::Cluster, "cluster_" + z.id, {}, 1})));
        return lines;
    }
    const JsonPositions json(*text, 2); // the elements' own lines, nothing inside them
    auto each = [&](const char* list, const auto& elements) {
        for (std::size_t i = 0; i < elements.size(); ++i)
            keep(elements[i].id, json.find("/" + std::string(list) + "/" + std::to_string(i)).first);
    };
    each("components", design.components());
    each("flows", design.flows());
    each("zones", design.zones());
    return lines;
}

} // namespace pb::model
