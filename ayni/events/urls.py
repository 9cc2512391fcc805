from django.urls import path

from ayni.events.views import links, listing, page

app_name = "events"

urlpatterns = [
    path("events/", listing.event_list, name="list"),
    path("events/feed.ics", listing.event_feed, name="feed"),
    path("events/speakers/<slug:slug>/", page.speaker_detail, name="speaker"),
    # A registrant's own links (robots.txt keeps crawlers out of events/r/).
    path("events/r/confirm/<str:token>/", links.registration_confirm, name="confirm"),
    path("events/r/join/<str:token>/", links.registration_join, name="join"),
    path("events/r/<str:token>/", links.registration_manage, name="manage"),
    path("events/r/<str:token>/cancel/", links.registration_cancel, name="cancel"),
    path("events/r/<str:token>/event.ics", links.registration_ics, name="registration_ics"),
    path("events/r/<str:token>/data/", links.registration_data, name="data"),
    path("events/r/<str:token>/erase/", links.registration_erase, name="erase"),
    path("events/<slug:slug>/", page.event_detail, name="detail"),
    path("events/<slug:slug>/register/", page.event_register, name="register"),
    path("events/<slug:slug>/check-inbox/", page.event_sent, name="sent"),
    path("events/<slug:slug>/card.png", page.event_card, name="card"),
]
