"""The demo's bodies: two British unions and a British party, with their real national
bodies and regions, and a Spanish confederation with its regional confederations. Every
branch, ward and constituency party named here is fictional or generic; a branch's report
in the demo is invented.

A body is (external code, name, what the organisation calls it, level, parent's code).
"""

from __future__ import annotations

from ayni.motions.enums import Level

N, R, D, B = Level.NATIONAL, Level.REGION, Level.DISTRICT, Level.BRANCH

ORGANISATIONS = [
    {
        "code": "unite",
        "name": "Unite the Union",
        "short_name": "Unite",
        "kind": "union",
        "country": "GB",
        "website": "https://www.unitetheunion.org/",
    },
    {
        "code": "unison",
        "name": "UNISON",
        "short_name": "UNISON",
        "kind": "union",
        "country": "GB",
        "website": "https://www.unison.org.uk/",
    },
    {
        "code": "labour",
        "name": "The Labour Party",
        "short_name": "Labour",
        "kind": "party",
        "country": "GB",
        "website": "https://labour.org.uk/",
    },
    {
        "code": "ccoo",
        "name": "Confederación Sindical de Comisiones Obreras",
        "short_name": "CCOO",
        "kind": "confederation",
        "country": "ES",
        "website": "https://www.ccoo.es/",
    },
]

BODIES: dict[str, list[tuple[str, str, str, int, str]]] = {
    "unite": [
        ("UN-NAT", "Unite Policy Conference", "Policy conference", N, ""),
        ("UN-LE", "Unite London & Eastern Region", "Region", R, "UN-NAT"),
        ("UN-NW", "Unite North West Region", "Region", R, "UN-NAT"),
        ("UN-YH", "Unite Yorkshire & Humberside Region", "Region", R, "UN-NAT"),
        ("UN-SC", "Unite Scotland", "Region", R, "UN-NAT"),
        ("UN-WA", "Unite Wales", "Region", R, "UN-NAT"),
        ("UN-WM", "Unite West Midlands Region", "Region", R, "UN-NAT"),
        ("UN-LE-01", "Hackney Community Branch", "Branch", B, "UN-LE"),
        ("UN-LE-02", "Stratford Bus Workers Branch", "Branch", B, "UN-LE"),
        ("UN-LE-03", "Norwich Manufacturing Branch", "Branch", B, "UN-LE"),
        ("UN-NW-01", "Manchester Health Branch", "Branch", B, "UN-NW"),
        ("UN-NW-02", "Liverpool Docks Branch", "Branch", B, "UN-NW"),
        ("UN-NW-03", "Preston Community Branch", "Branch", B, "UN-NW"),
        ("UN-YH-01", "Sheffield Engineering Branch", "Branch", B, "UN-YH"),
        ("UN-YH-02", "Hull Ports Branch", "Branch", B, "UN-YH"),
        ("UN-YH-03", "Bradford Passenger Transport Branch", "Branch", B, "UN-YH"),
        ("UN-SC-01", "Glasgow Housing Workers Branch", "Branch", B, "UN-SC"),
        ("UN-SC-02", "Dundee Community Branch", "Branch", B, "UN-SC"),
        ("UN-WA-01", "Cardiff Public Services Branch", "Branch", B, "UN-WA"),
        ("UN-WM-01", "Coventry Automotive Branch", "Branch", B, "UN-WM"),
        ("UN-WM-02", "Birmingham Health Branch", "Branch", B, "UN-WM"),
    ],
    "unison": [
        ("US-NAT", "UNISON National Delegate Conference", "National conference", N, ""),
        ("US-NO", "UNISON Northern Region", "Region", R, "US-NAT"),
        ("US-NW", "UNISON North West Region", "Region", R, "US-NAT"),
        ("US-YH", "UNISON Yorkshire & Humberside Region", "Region", R, "US-NAT"),
        ("US-LO", "UNISON London Region", "Region", R, "US-NAT"),
        ("US-SC", "UNISON Scotland", "Region", R, "US-NAT"),
        ("US-CY", "UNISON Cymru/Wales", "Region", R, "US-NAT"),
        ("US-SW", "UNISON South West Region", "Region", R, "US-NAT"),
        ("US-YH-01", "Leeds Health Branch", "Branch", B, "US-YH"),
        ("US-YH-02", "Wakefield Local Government Branch", "Branch", B, "US-YH"),
        ("US-YH-03", "York Education Branch", "Branch", B, "US-YH"),
        ("US-YH-04", "Calderdale Community Branch", "Branch", B, "US-YH"),
        ("US-NW-01", "Salford Local Government Branch", "Branch", B, "US-NW"),
        ("US-NW-02", "Wirral Health Branch", "Branch", B, "US-NW"),
        ("US-NW-03", "Lancashire Police Staff Branch", "Branch", B, "US-NW"),
        ("US-LO-01", "Camden Local Government Branch", "Branch", B, "US-LO"),
        ("US-LO-02", "Lambeth Health Branch", "Branch", B, "US-LO"),
        ("US-LO-03", "Greenwich Education Branch", "Branch", B, "US-LO"),
        ("US-NO-01", "Newcastle Hospitals Branch", "Branch", B, "US-NO"),
        ("US-NO-02", "Durham Community Branch", "Branch", B, "US-NO"),
        ("US-SC-01", "Edinburgh City Branch", "Branch", B, "US-SC"),
        ("US-SC-02", "Fife Health Branch", "Branch", B, "US-SC"),
        ("US-CY-01", "Swansea Local Government Branch", "Branch", B, "US-CY"),
        ("US-SW-01", "Bristol Health Branch", "Branch", B, "US-SW"),
    ],
    "labour": [
        ("LA-NAT", "Labour Party Annual Conference", "Annual conference", N, ""),
        ("LA-LO", "London Labour", "Region", R, "LA-NAT"),
        ("LA-NW", "North West Labour", "Region", R, "LA-NAT"),
        ("LA-YH", "Yorkshire and the Humber Labour", "Region", R, "LA-NAT"),
        ("LA-SC", "Scottish Labour", "Nation", R, "LA-NAT"),
        ("LA-WA", "Welsh Labour", "Nation", R, "LA-NAT"),
        ("LA-LO-C1", "Thameside North CLP", "Constituency Labour Party", D, "LA-LO"),
        ("LA-NW-C1", "Mersey Vale CLP", "Constituency Labour Party", D, "LA-NW"),
        ("LA-YH-C1", "Aireside CLP", "Constituency Labour Party", D, "LA-YH"),
        ("LA-SC-C1", "Kelvinside West CLP", "Constituency Labour Party", D, "LA-SC"),
        ("LA-WA-C1", "Taff Valley CLP", "Constituency Labour Party", D, "LA-WA"),
        ("LA-LO-C1-1", "Riverside Ward Branch", "Branch", B, "LA-LO-C1"),
        ("LA-LO-C1-2", "Dockside Ward Branch", "Branch", B, "LA-LO-C1"),
        ("LA-NW-C1-1", "Canal Side Ward Branch", "Branch", B, "LA-NW-C1"),
        ("LA-YH-C1-1", "Ashgrove Ward Branch", "Branch", B, "LA-YH-C1"),
        ("LA-YH-C1-2", "Millfield Ward Branch", "Branch", B, "LA-YH-C1"),
        ("LA-SC-C1-1", "Parkhead Road Branch", "Branch", B, "LA-SC-C1"),
        ("LA-WA-C1-1", "Valley Ward Branch", "Branch", B, "LA-WA-C1"),
    ],
    "ccoo": [
        ("CC-NAT", "Consejo Confederal de CCOO", "Consejo confederal", N, ""),
        ("CC-MA", "CCOO de Madrid", "Unión regional", R, "CC-NAT"),
        ("CC-CA", "CCOO de Catalunya", "Confederación de nacionalidad", R, "CC-NAT"),
        ("CC-AN", "CCOO de Andalucía", "Unión regional", R, "CC-NAT"),
        ("CC-PV", "CCOO del País Valencià", "Confederación de nacionalidad", R, "CC-NAT"),
        ("CC-EU", "CCOO de Euskadi", "Confederación de nacionalidad", R, "CC-NAT"),
        ("CC-MA-01", "Sección sindical del Hospital del Sur", "Sección sindical", B, "CC-MA"),
        ("CC-MA-02", "Sección sindical de Autobuses Urbanos Norte", "Sección sindical", B, "CC-MA"),
        ("CC-MA-03", "Sección sindical de Enseñanza Pública Este", "Sección sindical", B, "CC-MA"),
        ("CC-CA-01", "Secció sindical del Port de Llevant", "Secció sindical", B, "CC-CA"),
        ("CC-CA-02", "Secció sindical de Sanitat del Vallès", "Secció sindical", B, "CC-CA"),
        ("CC-AN-01", "Sección sindical de Limpieza Viaria Sur", "Sección sindical", B, "CC-AN"),
        ("CC-PV-01", "Secció sindical de Ceràmica de la Plana", "Secció sindical", B, "CC-PV"),
        ("CC-EU-01", "Sección sindical de Metal Ibaizabal", "Sección sindical", B, "CC-EU"),
    ],
}
