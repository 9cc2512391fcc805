from django.urls import path

from ayni.motions.views import pages, rollup

app_name = "motions"

urlpatterns = [
    # --- The public motion pages (views/pages.py) ---------------------------------------------
    path("motions/", pages.motion_list, name="list"),
    path("motions/<slug:slug>/", pages.motion_detail, name="detail"),
    #
    #
    # --- Finding a body (views/bodies.py) -----------------------------------------------------
    #
    #
    # --- Reporting an adoption, the reporter's links (views/reporting.py) ----------------------
    #
    #
    # --- The roll-up's table, feeds and exports (views/rollup.py) -----------------------------
    path("motions/<slug:slug>/adoptions/", rollup.adoptions, name="adoptions"),
    path("motions/<slug:slug>/adoptions.atom", rollup.adoptions_feed, name="feed"),
    path("motions/<slug:slug>/adoptions.json", rollup.adoptions_json, name="adoptions_json"),
    path("motions/<slug:slug>/adoptions.csv", rollup.adoptions_export, name="export"),
    #
]
