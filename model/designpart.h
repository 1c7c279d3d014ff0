#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pb::model {

// "docs/ARCHITECTURE.md#2": the second Mermaid flowchart of a Markdown file, and
// "shop.drawio#3": the third page of a draw.io file (or of a .drawio.svg picture), each named as a
// design of its own, so that each diagram of an architecture page, or each page of a drawing, is
// opened, reviewed, baselined and reported apart. Only a name whose part before the '#' is such
// a file (holdsSeveralDesigns()) and whose part after it is a number from 1 is one; the loader
// takes it for one only when no file has the whole name.
// A name that ends in .md or .markdown, in any case (README.MD): read as Markdown.
bool isMarkdown(const std::string& path);
// A name that ends in .drawio, in any case: read as draw.io's XML.
bool isDrawio(const std::string& path);
// A name that ends in .drawio.svg or .drawio.png, in any case: a picture draw.io exported with its
// diagram kept in it (drawioInPicture()), every page of it, as VS Code's draw.io editor keeps them.
bool isDrawioPicture(const std::string& path);
// Either of the last two: a file whose designs are pages.
bool holdsPages(const std::string& path);
// A name that ends in .json, in any case: it may be a Threat Dragon model of several diagrams
// (threatdragonimport.h), told by its content.
bool isJson(const std::string& path);
// A file whose first kilobytes are a Threat Dragon model's (looksLikeThreatDragon()), whatever
// its name: the loader reads one under any name but .probeboard.
bool isThreatDragonFile(const std::string& path);
// Whether the file is a pytm model in JSON (looksLikePytm on its first kilobytes).
bool isPytmFile(const std::string& path);
// A name that ends in .tm7, in any case: a Microsoft Threat Modeling Tool model, whose
// diagrams are designs (tmtimport.h).
bool isTmt(const std::string& path);
// A name that ends in .otm, or a file whose first kilobytes are an Open Threat Model document's
// (looksLikeOtm()): read as one (otmimport.h), never saved over.
bool isOtmFile(const std::string& path);
// A name that ends in .yaml or .yml, in any case.
bool isYaml(const std::string& path);
// A file whose first kilobytes are a Threagile model's (looksLikeThreagile()), whatever its name:
// read as one (threagileimport.h), never saved over.
bool isThreagileFile(const std::string& path);
// Any of these: a file that may hold several designs.
bool holdsSeveralDesigns(const std::string& path);

struct DesignPart
{
    std::string file;      // "docs/ARCHITECTURE.md", "shop.drawio"
    std::size_t block = 0; // 0 for "#1" (and SIZE_MAX for "#0"): the flowchart or page
};
std::optional<DesignPart> designPart(const std::string& path);

// Every Mermaid flowchart of the Markdown file at `path`, or every page of the draw.io file or
// picture, in order: its name as above, the line of its fence or <diagram> (0 in a picture), and
// the heading it comes under or the page's name ("" for none). Empty when the file is neither (by its extension) or cannot
// be read.
struct DesignInFile
{
    std::string path;
    int line = 0;
    std::string heading;
};
std::vector<DesignInFile> designsIn(const std::string& path);

// The designs `files` name: each Markdown file with several flowcharts as one name per flowchart
// ("doc.md#1", "doc.md#2", …), each draw.io file with several pages as one per page, each folder
// as the design files in it (designFilesIn()), every other file as it is. With `diags`, a folder
// holding none is an error there; without, it stays named as given. A page of more than
// kMaxFlowchartsPerPage stays whole (its first flowchart, and a warning naming the others): each
// name reads the page again, and a 15 MB page of 400,000 small blocks would be read as often.
inline constexpr std::size_t kMaxFlowchartsPerPage = 100;
std::vector<std::string> eachDesignIn(const std::vector<std::string>& files,
                                      Diagnostics* diags = nullptr);

// The design files in `folder` and the folders in it, in order of their paths, for a review of a
// repository's docs/: .probeboard, DOT (.dot, .gv), Mermaid (.mmd, .mermaid), draw.io (.drawio,
// .drawio.svg, .drawio.png), Threat Dragon models, Threat Modeling Tool models (.tm7), Open Threat Model documents (.otm, and .json and .yaml ones),
// Threagile models (.yaml, .yml) and Markdown files that hold a Mermaid flowchart. Not other .json or plain pictures, which are mostly something else. Folders named with a leading dot (.git) are passed
// over, and links to folders are not followed (no loop). More than kMaxDesignsInFolder is an
// error in `diags` rather than a review of a whole disk started by a mistyped path.
inline constexpr std::size_t kMaxDesignsInFolder = 10'000;
std::vector<std::string> designFilesIn(const std::string& folder, Diagnostics& diags);

// A Mermaid flowchart in a Markdown file (a README, an architecture page in the repository):
// read as above, its lines counted in the Markdown. Without `block`, the first, and more
// flowcharts are a warning naming their lines and how to read them (`doc.md#2`, designfile.h);
// with it, that one (0: the first), and a number past the last is an error saying how many
// there are. None is an error that says what is looked for.
std::optional<Design> importMermaidInMarkdown(const std::string& markdown,
                                              const std::string& fileName, Diagnostics& diags,
                                              std::unordered_map<std::string, int>* lines = nullptr,
                                              std::optional<std::size_t> block = std::nullopt);

// The heading each flowchart of a Markdown text comes under ("" for none), in the order of
// mermaidFlowcharts(): what a person is shown to choose one by.
std::vector<std::string> markdownHeadingsOf(std::string_view markdown,
                                            const std::vector<int>& fenceLines);

} // namespace pb::model
