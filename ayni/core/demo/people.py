"""Fictional people and organisations for any app's demo data (the demo campaign is a Bolivia
solidarity campaign). Every name is invented, and recognisably so.
"""

from __future__ import annotations

FIRST_NAMES = [
    "Ada",
    "Bruno",
    "Carmen",
    "Dylan",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemi",
    "Luis",
    "Maya",
    "Nuno",
    "Olga",
    "Pilar",
    "Quentin",
    "Rania",
    "Sami",
    "Tomasa",
    "Ugo",
    "Vera",
    "Wanjiru",
    "Ximena",
    "Yusuf",
    "Zoe",
]
SURNAMES = [
    "Sampleton",
    "Testwell",
    "Demoford",
    "Fakeley",
    "Inventado",
    "Ejemplar",
    "Ficticio",
    "Mockridge",
    "Placeholder",
    "Dummett",
    "Pretendia",
    "Imaginario",
]
ORGANISATIONS = [
    ("Northtown NEU branch (fictional)", "Branch Secretary"),
    ("Riverside Unite Community branch (fictional)", "Chair"),
    ("Anytown Labour Party ward (fictional)", "Ward Secretary"),
    ("Hillside UCU branch (fictional)", "President"),
    ("Lakeside Trades Council (fictional)", "Secretary"),
    ("Eastvale Latin America Solidarity Group (fictional)", "Coordinator"),
    ("Westmoor GMB branch (fictional)", "Equalities Officer"),
    ("Southport Unison branch (fictional)", "Branch Secretary"),
]
COUNTRIES = (
    ["GB"] * 10
    + ["BO"] * 4
    + ["ES"] * 2
    + ["IE"] * 2
    + ["AR", "MX", "US", "FR", "DE", "CL", "VE", "BR", "PE", "EC"]
)
