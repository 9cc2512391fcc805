from django.urls import path

from ayni.statements import views

app_name = "statements"

urlpatterns = [
    path("statements/", views.statement_list, name="list"),
    path("s/<slug:slug>/", views.statement_detail, name="detail"),
    path("s/<slug:slug>/sign/", views.statement_sign, name="sign"),
    path("s/<slug:slug>/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("s/<slug:slug>/thank-you/", views.statement_thanks, name="thanks"),
    path("s/<slug:slug>/signatories/", views.statement_signatories, name="signatories"),
    path("s/<slug:slug>/card.png", views.statement_card, name="card"),
    path("s/<slug:slug>/count.json", views.statement_count_json, name="count"),
    path("s/<slug:slug>/challenge.json", views.statement_challenge, name="challenge"),
    path("confirm/<str:token>/", views.signature_confirm, name="confirm"),
    path("withdraw/<str:token>/", views.signature_withdraw, name="withdraw"),
    path("withdraw/<str:token>/my-data.json", views.signature_data, name="data"),
    path("withdraw/<str:token>/erase/", views.signature_erase, name="erase"),
]
