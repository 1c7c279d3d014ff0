#!/usr/bin/env python3
"""Writes shop.tm7: a Microsoft Threat Modeling Tool model in the shape the tool saves it
(DataContractSerializer XML on one line, the template's KnowledgeBase cut down to a stub).

Run from this folder: python3 make_shop_tm7.py. The file is kept in git; this says how it was made.
"""
from xml.sax.saxutils import escape

ABS = "http://schemas.datacontract.org/2004/07/ThreatModeling.Model.Abstracts"
KB = "http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
XSD = "http://www.w3.org/2001/XMLSchema"
SER = "http://schemas.microsoft.com/2003/10/Serialization/"
zid = [10]


def z():
    zid[0] += 1
    return f"i{zid[0]}"


def header(name):
    return (f'<a:anyType i:type="b:HeaderDisplayAttribute" xmlns:b="{KB}"><b:DisplayName>{escape(name)}'
            '</b:DisplayName><b:Name/><b:Value i:nil="true"/></a:anyType>')


def string(shown, value, key=""):
    name = f"<b:Name>{key}</b:Name>" if key else "<b:Name/>"
    return (f'<a:anyType i:type="b:StringDisplayAttribute" xmlns:b="{KB}"><b:DisplayName>{escape(shown)}'
            f'</b:DisplayName>{name}<b:Value i:type="c:string" xmlns:c="{XSD}">{escape(value)}</b:Value></a:anyType>')


def choice(shown, key, options, chosen):
    items = "".join(f"<a:string>{o}</a:string>" for o in options)
    return (f'<a:anyType i:type="b:ListDisplayAttribute" xmlns:b="{KB}"><b:DisplayName>{shown}</b:DisplayName>'
            f'<b:Name>{key}</b:Name><b:Value i:type="a:ArrayOfstring">{items}</b:Value>'
            f'<b:SelectedIndex>{options.index(chosen)}</b:SelectedIndex></a:anyType>')


def out_of_scope():
    return (f'<a:anyType i:type="b:BooleanDisplayAttribute" xmlns:b="{KB}"><b:DisplayName>Out Of Scope'
            '</b:DisplayName><b:Name>71f3d9aa-b8ef-4e54-8126-607a1d903103</b:Name>'
            f'<b:Value i:type="c:boolean" xmlns:c="{XSD}">false</b:Value></a:anyType>')


def border(guid, itype, generic, type_id, stencil, name, left, top, w=100, h=100, extra=""):
    return (f'<a:KeyValueOfguidanyType><a:Key>{guid}</a:Key><a:Value z:Id="{z()}" i:type="{itype}" '
            f'xmlns:z="{SER}"><GenericTypeId xmlns="{ABS}">{generic}</GenericTypeId><Guid xmlns="{ABS}">'
            f'{guid}</Guid><Properties xmlns="{ABS}">{header(stencil)}{string("Name", name)}{out_of_scope()}'
            f'{extra}</Properties><TypeId xmlns="{ABS}">{type_id}</TypeId><Height xmlns="{ABS}">{h}</Height>'
            f'<Left xmlns="{ABS}">{left}</Left><StrokeDashArray i:nil="true" xmlns="{ABS}"/>'
            f'<StrokeThickness xmlns="{ABS}">1</StrokeThickness><Top xmlns="{ABS}">{top}</Top>'
            f'<Width xmlns="{ABS}">{w}</Width></a:Value></a:KeyValueOfguidanyType>')


def connector(guid, source, target, type_id, stencil, name, extra="", itype="Connector", generic="GE.DF"):
    return (f'<a:KeyValueOfguidanyType><a:Key>{guid}</a:Key><a:Value z:Id="{z()}" i:type="{itype}" '
            f'xmlns:z="{SER}"><GenericTypeId xmlns="{ABS}">{generic}</GenericTypeId><Guid xmlns="{ABS}">'
            f'{guid}</Guid><Properties xmlns="{ABS}">{header(stencil)}{string("Name", name)}'
            f'{string("Dataflow Order", "0", "15ccd509-98eb-49ad-b9c2-b4a2926d1780")}{out_of_scope()}{extra}'
            f'</Properties><TypeId xmlns="{ABS}">{type_id}</TypeId><HandleX xmlns="{ABS}">0</HandleX>'
            f'<HandleY xmlns="{ABS}">0</HandleY><PortSource xmlns="{ABS}">None</PortSource>'
            f'<PortTarget xmlns="{ABS}">None</PortTarget><SourceGuid xmlns="{ABS}">{source}</SourceGuid>'
            f'<SourceX xmlns="{ABS}">0</SourceX><SourceY xmlns="{ABS}">0</SourceY>'
            f'<TargetGuid xmlns="{ABS}">{target}</TargetGuid><TargetX xmlns="{ABS}">0</TargetX>'
            f'<TargetY xmlns="{ABS}">0</TargetY></a:Value></a:KeyValueOfguidanyType>')


def g(n):
    return f"00000000-0000-0000-0000-{n:012d}"


def surface(name, borders, lines):
    return (f'<DrawingSurfaceModel z:Id="{z()}" xmlns:z="{SER}"><GenericTypeId xmlns="{ABS}">DRAWINGSURFACE'
            f'</GenericTypeId><Guid xmlns="{ABS}">{g(900 + zid[0])}</Guid><Properties xmlns="{ABS}" '
            f'xmlns:a="{ARR}">{header("Diagram")}{string("Name", name)}</Properties><TypeId xmlns="{ABS}">'
            f'DRAWINGSURFACE</TypeId><Borders xmlns:a="{ARR}">{"".join(borders)}</Borders><Header>{escape(name)}'
            f'</Header><Lines xmlns:a="{ARR}">{"".join(lines)}</Lines><Zoom>1</Zoom></DrawingSurfaceModel>')


NO = "00000000-0000-0000-0000-000000000000"
conf = lambda v: choice("Provides Confidentiality", "providesConfidentiality", ["Not Selected", "No", "Yes"], v)
creds = lambda v: choice("Stores Credentials", "storesCredentials", ["Not Selected", "No", "Yes"], v)
logs = lambda v: choice("Stores Log Data", "storesLogData", ["Not Selected", "No", "Yes"], v)

checkout = surface("Checkout", [
    border(g(1), "StencilRectangle", "GE.EI", "SE.EI.TMCore.Browser", "Browser", "Shopper", 20, 220),
    border(g(2), "StencilEllipse", "GE.P", "SE.P.TMCore.WebApp", "Web Application", "Storefront", 260, 220),
    border(g(3), "StencilEllipse", "GE.P", "SE.P.TMCore.WebSvc", "Web Service", "Orders API", 480, 220),
    border(g(4), "StencilParallelLines", "GE.DS", "SE.DS.TMCore.SQL", "SQL Database", "Orders", 700, 120,
           extra=creds("Yes")),
    border(g(5), "StencilParallelLines", "GE.DS", "SE.DS.TMCore.AzureRedisCache", "Azure Redis Cache",
           "Sessions", 700, 320),
    border(g(6), "StencilRectangle", "GE.EI", "SE.EI.TMCore.ExternalWebSvc", "External Web Service",
           "Payments & Fraud", 940, 220),
    border(g(7), "StencilParallelLines", "GE.DS", "SE.DS.TMCore.FS", "File System", "Audit trail", 480, 460,
           extra=logs("Yes")),
    border(g(8), "StencilParallelLines", "GE.DS", "SE.DS.TMCore.NoSQL", "NoSQL Database", "User profiles",
           700, 460),
    border(g(20), "BorderBoundary", "GE.TB.B", "SE.TB.B.TMCore.CorpNet", "Company Trust Boundary",
           "Azure subscription", 220, 60, 640, 560),
    border(g(21), "BorderBoundary", "GE.TB.B", "SE.TB.B.TMCore.Sandbox", "Sandbox Trust Boundary",
           "Data tier", 660, 80, 180, 520),
], [
    connector(g(30), g(1), g(2), "SE.DF.TMCore.HTTPS", "HTTPS", "Browse and pay"),
    connector(g(31), g(2), g(3), "SE.DF.TMCore.HTTP", "HTTP", "Place order", extra=conf("No")),
    connector(g(32), g(3), g(4), "GE.DF", "Generic Data Flow", "Write order", extra=conf("Yes")),
    connector(g(33), g(3), g(5), "GE.DF", "Generic Data Flow", "Read session"),
    connector(g(34), g(3), g(6), "SE.DF.TMCore.HTTPS", "HTTPS", "Charge card"),
    connector(g(35), g(3), g(7), "GE.DF", "Generic Data Flow", "Append audit"),
    connector(g(36), g(2), g(8), "GE.DF", "Generic Data Flow", "Load profile"),
    connector(g(37), g(3), NO, "GE.DF", "Generic Data Flow", "Dangling"),
    connector(g(40), NO, NO, "SE.TB.L.TMCore.Internet", "Internet Boundary", "Internet",
              itype="LineBoundary", generic="GE.TB.L"),
])
admin = surface("Back office", [
    border(g(50), "StencilRectangle", "GE.EI", "GE.EI", "Generic External Interactor", "Support agent", 20, 20),
    border(g(51), "StencilEllipse", "GE.P", "GE.P", "Generic Process", "Refund worker", 260, 20),
], [connector(g(60), g(50), g(51), "SE.DF.TMCore.HTTPS", "HTTPS", "Refund")])

model = (f'<ThreatModel xmlns="http://schemas.datacontract.org/2004/07/ThreatModeling.Model" '
         f'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><DrawingSurfaceList>{checkout}{admin}'
         '</DrawingSurfaceList><MetaInformation><Assumptions/><Contributors/><ExternalDependencies/>'
         '<HighLevelSystemDescription/><Owner/><Reviewer/><ThreatModelName>Shop</ThreatModelName>'
         f'</MetaInformation><Notes/><ThreatInstances xmlns:a="{ARR}"/><ThreatGenerationEnabled>true'
         '</ThreatGenerationEnabled><Validations/><Version>4.3</Version><Profile><PromptedKb/></Profile>'
         f'<KnowledgeBase xmlns:a="{KB}"><a:GenerationFilters/><a:Manifest/><a:StandardElements/>'
         '<a:ThreatCategories/><a:ThreatTypes/></KnowledgeBase></ThreatModel>')
with open("shop.tm7", "w", encoding="utf-8") as f:
    f.write("\ufeff" + model)
