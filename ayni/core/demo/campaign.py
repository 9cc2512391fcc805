"""The demo campaign group's identity (from the scenario; addresses are reserved examples)."""

from __future__ import annotations

from ayni.core.campaign import save_campaign
from ayni.core.models import Campaign

ABOUT_EN = """\
Friends of Bolivia brings together trade unionists, students, members of the Bolivian
diaspora and everyone who stands with the people of Bolivia and their right to decide their
own future.

We organise public meetings and online events, share news from Bolivia's social movements,
and ask elected representatives and union branches to speak up when democracy is under
threat.

## What we ask of you
- **Sign** the statements that are open, and share them.
- **Come** to our events, online and in person.
- **Take** the model motions to your union branch.
"""

ABOUT_ES = """\
Amigos de Bolivia reúne a sindicalistas, estudiantes, integrantes de la diáspora boliviana y
a todas las personas que están con el pueblo de Bolivia y su derecho a decidir su propio
futuro.

Organizamos reuniones públicas y eventos en línea, difundimos noticias de los movimientos
sociales de Bolivia y pedimos a representantes electos y a secciones sindicales que alcen la
voz cuando la democracia está amenazada.

## Lo que te pedimos
- **Firma** las declaraciones abiertas y compártelas.
- **Ven** a nuestros eventos, en línea y presenciales.
- **Lleva** las mociones modelo a tu sección sindical.
"""


def seed_campaign() -> Campaign:
    campaign = Campaign.objects.filter(pk=1).first() or Campaign(pk=1)
    campaign.name = "Friends of Bolivia"
    campaign.description_en = (
        "Solidarity with the people of Bolivia, their democracy and their social progress."
    )
    campaign.description_es = (
        "Solidaridad con el pueblo de Bolivia, su democracia y su progreso social."
    )
    campaign.accent_colour = "#b3261e"
    campaign.about_en = ABOUT_EN
    campaign.about_es = ABOUT_ES
    campaign.contact_email = "hello@friendsofbolivia.example.org"
    campaign.sender_name = "Friends of Bolivia"
    campaign.controller = "Friends of Bolivia\n1 Example Street\nLondon"
    campaign.controller_email = "privacy@friendsofbolivia.example.org"
    campaign.legal_basis_en = (
        "Your consent, which you give when you sign and may withdraw at any time with the link "
        "in every email."
    )
    campaign.legal_basis_es = (
        "Tu consentimiento, que das al firmar y puedes retirar cuando quieras con el enlace de "
        "cada correo."
    )
    campaign.retention_en = (
        "Signatures are kept while the statement is published and for two years after it "
        "closes; then names and addresses are erased and only the counts remain."
    )
    campaign.retention_es = (
        "Las firmas se guardan mientras la declaración está publicada y dos años después de "
        "su cierre; luego se borran nombres y direcciones y solo quedan los recuentos."
    )
    campaign.mastodon = "https://mastodon.example/@friendsofbolivia"
    campaign.bluesky = "https://bsky.example/profile/friendsofbolivia"
    campaign.youtube = "https://video.example/@friendsofbolivia"
    campaign.website = "https://friendsofbolivia.example.org"
    return save_campaign(campaign=campaign)
