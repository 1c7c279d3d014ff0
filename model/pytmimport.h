#pragma once

#include "model/design.h"
#include "model/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pb::model {

// OWASP pytm models as JSON, read as designs: what `tm.py --json FILE` writes (the model after
// pytm processed it) and what `pytm.json.load` reads. A team that wrote its threat model in
// Python gets the reliability, consistency and compliance questions on the same elements without
// drawing them again (docs/format.md).
//
// Elements become components: an Actor a client, an ExternalEntity a third party, a Datastore a
// database (or the store its name or type says: an S3 bucket an object store, a Redis a cache),
// anything else a service unless its name says more. Kinds are marked for the user to confirm.
// Boundaries become nested trust-boundary zones; a boundary named after a cloud region gives it
// as the zone's region. Dataflows become flows with their protocol, `tls` where pytm says they are
// encrypted (isEncrypted, a VPN, TLS 1.2 or later), and what they carry from their data's
// classes (isPII → pii, isCredentials → credentials, else the class the name gives). A store
// holds the classes of the data that names it among processedBy, and pii when storesPII.
// Response flows (isResponse, responseTo) are the answer of a request already drawn: their data
// joins the request's, and they are not drawn again. pytm's findings are not read: the review
// asks its own questions.

// Whether `text` is such a model: a JSON object, not a design file, whose first kilobytes show
// pytm's "boundaries", or its "elements", "flows" or "actors" with an element's "__class__", a
// flow's "sink" or anything's "inBoundary".
bool looksLikePytm(std::string_view text);

// The model as a design. Broken JSON is an error at its line and column; an element or flow
// without a name, a flow whose source or sink names no element, and a boundary inside a boundary
// that does not exist are warnings at their line, each left out. `lines`, when given, gets each
// component's and flow's line in the file.
std::optional<Design> importPytm(const std::string& text, const std::string& fileName,
                                 Diagnostics& diags,
                                 std::unordered_map<std::string, int>* lines = nullptr);

} // namespace pb::model
