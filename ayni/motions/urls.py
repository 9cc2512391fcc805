from django.urls import path, re_path

from ayni.motions.views import bodies, pages, reporting, rollup

app_name = "motions"

urlpatterns = [
    # --- The public motion pages (views/pages.py) ---------------------------------------------
    path("motions/", pages.motion_list, name="list"),
    path("motions/<slug:slug>/", pages.motion_detail, name="detail"),
    path("motions/<slug:slug>/v<int:number>/", pages.motion_version, name="version"),
    path("motions/<slug:slug>/print/", pages.motion_print, name="print"),
    path("motions/<slug:slug>/card.png", pages.motion_card, name="card"),
    re_path(
        r"^motions/(?P<slug>[-a-zA-Z0-9_]+)/download/(?P<language>en|es)\.(?P<kind>odt|pdf)$",
        pages.motion_document,
        name="document",
    ),
    #
    # --- Finding a body (views/bodies.py) -----------------------------------------------------
    path("motions/bodies/search/", bodies.body_search, name="body_search"),
    #
    # --- Reporting an adoption, the reporter's links (views/reporting.py) ----------------------
    path("motions/<slug:slug>/report/", reporting.report_form, name="report"),
    path("motions/<slug:slug>/report/check-inbox/", reporting.report_sent, name="report_sent"),
    # A reporter's own links (robots.txt keeps crawlers out of motions/r/).
    path("motions/r/confirm/<str:token>/", reporting.report_confirm, name="report_confirm"),
    path("motions/r/<str:token>/", reporting.report_manage, name="report_manage"),
    path("motions/r/<str:token>/data/", reporting.report_data, name="report_data"),
    path("motions/r/<str:token>/erase/", reporting.report_erase, name="report_erase"),
    # The back office's download of a report's evidence (never served publicly).
    path("motions/evidence/<int:pk>/", reporting.evidence_download, name="evidence"),
    #
    # --- The roll-up's table, feeds and exports (views/rollup.py) -----------------------------
    path("motions/<slug:slug>/adoptions/", rollup.adoptions, name="adoptions"),
    path("motions/<slug:slug>/adoptions.atom", rollup.adoptions_feed, name="feed"),
    path("motions/<slug:slug>/adoptions.json", rollup.adoptions_json, name="adoptions_json"),
    path("motions/<slug:slug>/adoptions.csv", rollup.adoptions_export, name="export"),
    #
]
