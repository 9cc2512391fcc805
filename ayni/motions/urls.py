from django.urls import path, re_path

from ayni.motions.views import pages

app_name = "motions"

urlpatterns = [
    # --- The public motion pages (views/pages.py) ---------------------------------------------
    path("motions/", pages.motion_list, name="list"),
    path("motions/<slug:slug>/", pages.motion_detail, name="detail"),
    path("motions/<slug:slug>/v<int:number>/", pages.motion_version, name="version"),
    path("motions/<slug:slug>/print/", pages.motion_print, name="print"),
    re_path(
        r"^motions/(?P<slug>[-a-zA-Z0-9_]+)/download/(?P<language>en|es)\.(?P<kind>odt|pdf)$",
        pages.motion_document,
        name="document",
    ),
    #
    # --- Finding a body (views/bodies.py) -----------------------------------------------------
    #
    #
    # --- Reporting an adoption, the reporter's links (views/reporting.py) ----------------------
    #
    #
    # --- The roll-up's table, feeds and exports (views/rollup.py) -----------------------------
    #
    #
]
