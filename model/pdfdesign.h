#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pb::model {

// A PDF exported by the whiteboard carries its design too, as an attached file: the way PDF/A-3
// documents and e-invoices carry their data. A PDF reader lists it among the attachments, and
// Probeboard opens the PDF again as the drawing (picturedesign.h). The attachment is compressed
// (/FlateDecode), and it is still found after a PDF tool (qpdf, mutool, Acrobat) rewrote the file:
// keys in another order, lengths as references, the file specification in an object stream.

// `pdf` with `designText` attached as `fileName` (any character but ASCII letters, digits, '.',
// '-' and '_' written as '_'), added as an incremental update: the pages are not touched.
// nullopt when the PDF is not one this can extend: no classic cross-reference table, no catalog,
// or a catalog that already names attachments.
std::optional<std::string> pdfWithDesign(const std::string& pdf, const std::string& designText,
                                         const std::string& fileName);

// The text of the attachment whose name ends in ".probeboard"; nullopt when there is none, with
// `why` saying what is wrong when there is one that cannot be read (compressed in a way this does
// not read, damaged, cut short).
std::optional<std::string> designInPdf(std::string_view pdf, std::string* why = nullptr);

} // namespace pb::model
