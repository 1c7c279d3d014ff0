#include "model/markdownpart.h"

#include "model/dotimport.h"
#include "model/jsonutil.h"
#include "model/mermaidimport.h"
#include "model/mermaidtext.h"
#include "model/printable.h"

#include <charconv>
#include <filesystem>

namespace pb::model {

bool isMarkdown(const std::string& path)
{
    const std::string ext = lowerAscii(std::filesystem::path(path).extension().string());
    return ext == ".md" || ext == ".markdown";
}

std::optional<MarkdownPart> markdownPart(const std::string& path)
{
    const std::size_t hash = path.rfind('#');
    if (hash == std::string::npos || hash + 1 == path.size() || !isMarkdown(path.substr(0, hash)))
        return std::nullopt;
    std::size_t n = 0;
    const char* first = path.data() + hash + 1;
    const char* last = path.data() + path.size();
    const auto [end, ec] = std::from_chars(first, last, n);
    if (ec != std::errc() || end != last || (*first == '0' && n != 0)) return std::nullopt;
    // "#0" too, which the loader then refuses as a flowchart the file does not have: a person
    // counting from 0 is told so, not that no file has the name.
    return MarkdownPart{path.substr(0, hash), n - 1};
}

std::vector<MarkdownFlowchart> markdownFlowchartsIn(const std::string& path)
{
    std::vector<MarkdownFlowchart> out;
    if (!isMarkdown(path)) return out;
    std::string error;
    const auto text = readTextFile(path, error, kMaxDotBytes);
    if (!text) return out;
    std::vector<int> lines;
    for (const auto& b : mermaidFlowcharts(*text))
        lines.push_back(b.line);
    const auto headings = markdownHeadingsOf(*text, lines);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out.push_back({path + "#" + std::to_string(i + 1), lines[i], headings[i]});
    return out;
}

std::vector<std::string> eachDesignIn(const std::vector<std::string>& files)
{
    std::vector<std::string> out;
    for (const auto& f : files) {
        const auto parts = markdownFlowchartsIn(f);
        if (parts.size() < 2 || parts.size() > kMaxFlowchartsPerPage) {
            out.push_back(f);
            continue;
        }
        for (const auto& part : parts)
            out.push_back(part.path);
    }
    return out;
}

} // namespace pb::model
