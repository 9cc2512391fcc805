from django.urls import path

from ayni.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/feed.ics", views.event_feed, name="feed"),
    path("events/speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    # A registrant's own links (robots.txt keeps crawlers out of events/r/).
    path("events/r/confirm/<str:token>/", views.registration_confirm, name="confirm"),
    path("events/r/join/<str:token>/", views.registration_join, name="join"),
    path("events/r/<str:token>/", views.registration_manage, name="manage"),
    path("events/r/<str:token>/cancel/", views.registration_cancel, name="cancel"),
    path("events/r/<str:token>/event.ics", views.registration_ics, name="registration_ics"),
    path("events/r/<str:token>/data/", views.registration_data, name="data"),
    path("events/r/<str:token>/erase/", views.registration_erase, name="erase"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/register/", views.event_register, name="register"),
    path("events/<slug:slug>/check-inbox/", views.event_sent, name="sent"),
    path("events/<slug:slug>/card.png", views.event_card, name="card"),
]
