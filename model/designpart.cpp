#include "model/designpart.h"

#include "model/designfile.h"
#include "model/dotimport.h"
#include "model/drawiofile.h"
#include "model/drawioimport.h"
#include "model/jsonutil.h"
#include "model/mermaidimport.h"
#include "model/mermaidreader.h"
#include "model/mermaidtext.h"
#include "model/otmimport.h"
#include "model/pytmimport.h"
#include "model/threagileimport.h"
#include "model/printable.h"
#include "model/threatdragonimport.h"
#include "model/tmtimport.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace pb::model {

bool isMarkdown(const std::string& path)
{
    const std::string ext = lowerAscii(std::filesystem::path(path).extension().string());
    return ext == ".md" || ext == ".markdown";
}

bool isDrawio(const std::string& path)
{
    return lowerAscii(std::filesystem::path(path).extension().string()) == ".drawio";
}

bool isDrawioPicture(const std::string& path)
{
    const std::string name = lowerAscii(std::filesystem::path(path).filename().string());
    auto endsWith = [&](std::string_view s) {
        return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    return endsWith(".drawio.svg") || endsWith(".drawio.png");
}

bool holdsPages(const std::string& path)
{
    return isDrawio(path) || isDrawioPicture(path);
}

bool isTmt(const std::string& path)
{
    return lowerAscii(std::filesystem::path(path).extension().string()) == ".tm7";
}

bool isJson(const std::string& path)
{
    return lowerAscii(std::filesystem::path(path).extension().string()) == ".json";
}

namespace {
// A design of 60 MB is not read whole to learn what it is.
std::string headOf(const std::string& path)
{
    std::string head(4096, '\0');
    std::ifstream in(path, std::ios::binary);
    head.resize(static_cast<std::size_t>(in.read(head.data(), 4096).gcount()));
    return head;
}
} // namespace

bool isThreatDragonFile(const std::string& path)
{
    return looksLikeThreatDragon(headOf(path));
}

bool isYaml(const std::string& path)
{
    const std::string ext = lowerAscii(std::filesystem::path(path).extension().string());
    return ext == ".yaml" || ext == ".yml";
}

bool isThreagileFile(const std::string& path)
{
    return looksLikeThreagile(headOf(path));
}

bool isPytmFile(const std::string& path)
{
    return looksLikePytm(headOf(path));
}

bool isOtmFile(const std::string& path)
{
    return lowerAscii(std::filesystem::path(path).extension().string()) == ".otm" || looksLikeOtm(headOf(path));
}

bool holdsSeveralDesigns(const std::string& path)
{
    return isMarkdown(path) || holdsPages(path) || isJson(path) || isTmt(path);
}

std::optional<DesignPart> designPart(const std::string& path)
{
    const std::size_t hash = path.rfind('#');
    if (hash == std::string::npos || hash + 1 == path.size() ||
        !holdsSeveralDesigns(path.substr(0, hash)))
        return std::nullopt;
    std::size_t n = 0;
    const char* first = path.data() + hash + 1;
    const char* last = path.data() + path.size();
    const auto [end, ec] = std::from_chars(first, last, n);
    if (ec != std::errc() || end != last || (*first == '0' && n != 0)) return std::nullopt;
    // "#0" too, which the loader then refuses as a flowchart the file does not have: a person
    // counting from 0 is told so, not that no file has the name.
    return DesignPart{path.substr(0, hash), n - 1};
}

std::vector<DesignInFile> designsIn(const std::string& path)
{
    std::vector<DesignInFile> out;
    if (!holdsSeveralDesigns(path)) return out;
    if (isJson(path)) { // a Threat Dragon model's diagrams; a design file holds one design
        std::string error;
        const auto text = isThreatDragonFile(path) ? readTextFile(path, error) : std::nullopt;
        const auto titles = text ? threatDragonDiagrams(*text) : std::vector<std::string>{};
        for (std::size_t i = 0; i < titles.size(); ++i)
            out.push_back({path + "#" + std::to_string(i + 1), 0, titles[i]});
        return out;
    }
    std::string error;
    if (isTmt(path)) { // a Threat Modeling Tool model's diagrams
        const auto text = readTextFile(path, error, kMaxDotBytes);
        const auto titles = text ? tmtDiagrams(*text) : std::vector<std::string>{};
        for (std::size_t i = 0; i < titles.size(); ++i)
            out.push_back({path + "#" + std::to_string(i + 1), 0, titles[i]});
        return out;
    }
    const bool picture = isDrawioPicture(path);
    const auto text = readTextFile(path, error, picture ? kMaxDesignBytes : kMaxDotBytes);
    if (!text) return out;
    if (holdsPages(path)) {
        const auto xml = picture ? drawioInPicture(*text) : std::optional<std::string>(*text);
        const auto pages = xml ? drawioPages(*xml) : std::vector<DrawioPage>{};
        // A line of the text a picture keeps is in no file: 0.
        for (std::size_t i = 0; i < pages.size(); ++i)
            out.push_back(
                {path + "#" + std::to_string(i + 1), picture ? 0 : pages[i].line, pages[i].name});
        return out;
    }
    std::vector<int> lines;
    for (const auto& b : mermaidFlowcharts(*text))
        lines.push_back(b.line);
    const auto headings = markdownHeadingsOf(*text, lines);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out.push_back({path + "#" + std::to_string(i + 1), lines[i], headings[i]});
    return out;
}

std::vector<std::string> designFilesIn(const std::string& folder, Diagnostics& diags)
{
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    auto isDesign = [](const fs::path& p) {
        const std::string ext = lowerAscii(p.extension().string());
        if (ext == ".probeboard" || ext == ".dot" || ext == ".gv" || ext == ".mmd" ||
            ext == ".mermaid" || ext == ".tm7" || isDrawio(p.string()) || isDrawioPicture(p.string()))
            return true;
        if (ext == ".otm") return true;
        if (ext == ".json") // other JSON is mostly not a design
            return isThreatDragonFile(p.string()) || isOtmFile(p.string()) || isPytmFile(p.string());
        if (ext == ".yaml" || ext == ".yml") // nor is other YAML (CI settings, manifests)
            return isThreagileFile(p.string()) || isOtmFile(p.string());
        return isMarkdown(p.string()) && !designsIn(p.string()).empty(); // a README without one
    };
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec),
        end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (it->is_directory(ec)) {
            if (p.filename().string().rfind('.', 0) == 0) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec) || !isDesign(p)) continue;
        if (out.size() == kMaxDesignsInFolder) {
            diags.push_back({Diagnostic::Level::Error, folder, 0, 0, "", "", "E-IO",
                             "the folder holds more than " + std::to_string(kMaxDesignsInFolder) +
                                 " design files; name a folder nearer them",
                             ""});
            return {};
        }
        out.push_back(p.string());
    }
    if (ec)
        diags.push_back({Diagnostic::Level::Error, folder, 0, 0, "", "", "E-IO",
                         "cannot read the folder: " + ec.message(), ""});
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> eachDesignIn(const std::vector<std::string>& files, Diagnostics* diags)
{
    std::vector<std::string> out;
    for (const auto& given : files) {
        std::error_code ec;
        std::vector<std::string> inFolder;
        if (diags && given != "-" && std::filesystem::is_directory(given, ec)) {
            const std::size_t said = diags->size();
            inFolder = designFilesIn(given, *diags);
            if (inFolder.empty() && diags->size() == said)
                diags->push_back({Diagnostic::Level::Error, given, 0, 0, "", "", "E-IO",
                                  "the folder holds no design file (.probeboard, .dot, .gv, .mmd, "
                                  ".drawio, .drawio.svg, .drawio.png, a Threat Dragon model, or "
                                  "Markdown with a Mermaid flowchart), in it or the folders inside",
                                  ""});
        } else {
            inFolder.push_back(given);
        }
        for (const auto& f : inFolder) {
            const auto parts = designsIn(f);
            if (parts.size() < 2 || parts.size() > kMaxFlowchartsPerPage) {
                out.push_back(f);
                continue;
            }
            for (const auto& part : parts)
                out.push_back(part.path);
        }
    }
    return out;
}

std::optional<Design> importMermaidInMarkdown(const std::string& markdown,
                                              const std::string& fileName, Diagnostics& diags,
                                              std::unordered_map<std::string, int>* lines,
                                              std::optional<std::size_t> block)
{
    const auto blocks = mermaidFlowcharts(markdown);
    if (blocks.empty()) {
        diags.push_back(
            {Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-MERMAID",
             "no Mermaid flowchart in this Markdown file: a ```mermaid block whose first statement "
             "is 'flowchart' or 'graph' and a direction is what is read",
             ""});
        return std::nullopt;
    }
    // A flowchart without a title of its own is named by the heading it comes under: "ARCH.md#2 —
    // Usage metering" in a report says which diagram that is.
    auto read = [&](const MermaidBlock& b) {
        auto design = importMermaid(b.text(), fileName, diags, lines);
        if (design && design->title.empty())
            design->title = markdownHeadingsOf(markdown, {b.line}).front();
        return design;
    };
    if (block) {
        if (*block < blocks.size()) return read(blocks[*block]);
        diags.push_back(
            {Diagnostic::Level::Error, fileName, 0, 0, "", "", "E-MERMAID",
             "flowchart " + std::to_string(*block + 1) + " asked for, but this Markdown file has " +
                 std::to_string(blocks.size()) + " Mermaid flowchart" +
                 (blocks.size() > 1 ? "s" : "") + (*block == SIZE_MAX ? ", counted from 1" : ""),
             ""});
        return std::nullopt;
    }
    if (blocks.size() > 1) {
        std::string where;
        for (std::size_t i = 1; i < blocks.size() && i <= 10; ++i)
            where += (i > 1 ? ", " : "") + std::to_string(blocks[i].line);
        diags.push_back({Diagnostic::Level::Warning, fileName, blocks[1].line, 0, "", "",
                         "W-MERMAID-MORE",
                         std::to_string(blocks.size() - 1) + " more Mermaid flowchart" +
                             (blocks.size() > 2 ? "s" : "") + " (line " + where +
                             (blocks.size() > 11 ? ", …" : "") + ") not read: one design per file",
                         "name one as " + fileName +
                             "#2 (its place among the flowcharts); probeboard-cli check "
                             "reviews each flowchart of a page of up to " +
                             std::to_string(kMaxFlowchartsPerPage)});
    }
    return read(blocks.front());
}

std::vector<std::string> markdownHeadingsOf(std::string_view markdown,
                                            const std::vector<int>& fenceLines)
{
    std::vector<std::string> out;
    std::string heading;
    bool fenced = false; // inside a ``` or ~~~ block, where "# x" is code, not a heading
    int line = 1;
    std::size_t next = 0;
    while (next < fenceLines.size() && !markdown.empty()) {
        const std::size_t end = std::min(markdown.find('\n'), markdown.size());
        const std::string_view l = markdown.substr(0, end);
        for (; next < fenceLines.size() && fenceLines[next] == line; ++next)
            out.push_back(heading);
        const std::string_view t = mermaidTrim(l);
        if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~")
            fenced = !fenced;
        else if (!fenced && !l.empty() && l[0] == '#') {
            const std::size_t text = l.find_first_not_of('#');
            if (text != std::string_view::npos && text <= 6 &&
                (l[text] == ' ' || l[text] == '\t')) {
                const std::string_view h = mermaidTrim(l.substr(text));
                heading = std::string(h.substr(0, utf8Boundary(h, 200)));
            }
        }
        markdown.remove_prefix(std::min(end + 1, markdown.size()));
        ++line;
    }
    out.resize(fenceLines.size()); // fences past the text's end (none, as made): no heading
    return out;
}

} // namespace pb::model
