from django.urls import include, path

from ayni.statements import views

app_name = "statements"

# Grouped by prefix, so that resolving a page of another app tests each prefix once, not
# each pattern (docs/performance.md § Events); the statement's page comes first.
urlpatterns = [
    path(
        "s/<slug:slug>/",
        include(
            [
                path("", views.statement_detail, name="detail"),
                path("sign/", views.statement_sign, name="sign"),
                path("check-your-inbox/", views.check_inbox, name="check_inbox"),
                path("thank-you/", views.statement_thanks, name="thanks"),
                path("signatories/", views.statement_signatories, name="signatories"),
                path("card.png", views.statement_card, name="card"),
                path("count.json", views.statement_count_json, name="count"),
                path("challenge.json", views.statement_challenge, name="challenge"),
            ]
        ),
    ),
    path("statements/", views.statement_list, name="list"),
    path("confirm/<str:token>/", views.signature_confirm, name="confirm"),
    path(
        "withdraw/<str:token>/",
        include(
            [
                path("", views.signature_withdraw, name="withdraw"),
                path("my-data.json", views.signature_data, name="data"),
                path("erase/", views.signature_erase, name="erase"),
            ]
        ),
    ),
]
