#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pb::model {

// What a draw.io cell's style and value say, read for drawioimport.cpp. Kept apart from the
// reading of the XML because, like dotinference.h, it is a table of what people draw, which
// grows as real diagrams are read.

// "rounded=1;shape=cylinder3;html=1;" → {rounded: 1, shape: cylinder3, html: 1}. A bare word
// ("text;", "ellipse;", "group") is a key with an empty value.
std::map<std::string, std::string, std::less<>> drawioStyle(std::string_view style);

// The component kind a cell's icon names (an AWS, Azure or GCP shape, an image's file name):
// "mxgraph.aws4.elasticache_for_redis" → cache. Empty when the style names no known product or
// role, so that the label decides.
std::string drawioIconKind(const std::map<std::string, std::string, std::less<>>& style);

// Whether the style draws a container even when it holds nothing: a swimlane, container=1, an
// AWS group (mxgraph.aws4.group with its grIcon). draw.io's own grouping (Ctrl+G, style "group")
// is not one: it only keeps its shapes together.
bool drawioContainer(const std::map<std::string, std::string, std::less<>>& style);

// Whether a container only groups its shapes, as draw.io's own groups do: an AWS Auto Scaling
// group is a set of instances, not a region, an availability zone or a trust boundary.
bool drawioPassThrough(const std::map<std::string, std::string, std::less<>>& style);

// The zone kind a container's style names: AWS's group_region → region, availability zones →
// az, VPCs, subnets and security groups → trust_boundary. Empty when it says none.
std::string drawioZoneKind(const std::map<std::string, std::string, std::less<>>& style);

// A cell's value as a label: with html=1 its tags dropped (a line break becomes a space), its
// character references read and whitespace runs made one space; without, as written. Trimmed.
std::string drawioLabel(std::string_view value, bool html);

// draw.io's placeholders, for a shape whose Edit Data ticks "Placeholders": each %name% in its
// label reads as the value `lookup` gives for name; "%%name%" reads "%name%"; a name `lookup` does
// not know (nullopt), and %label%, %tooltip% and %date{…}%, stay as written, as draw.io shows them.
std::string
drawioPlaceholders(std::string_view text,
                   const std::function<std::optional<std::string>(std::string_view)>& lookup);

// The component kind a shape is drawn as, and whether its Edit Data said it (`said`): a `kind`
// attribute naming a kind of the vocabulary, else the icon, the label, then the shape.
std::string drawioComponentKind(const std::map<std::string, std::string, std::less<>>& style,
                                const std::string& label,
                                const std::vector<std::pair<std::string, std::string>>& data,
                                bool& said);

// "Orders DB" → "orders-db": a readable id for an element draw.io numbered ("2", "x7Fq-3").
// Empty when the label has no letter or digit.
std::string drawioSlug(std::string_view label);

} // namespace pb::model
