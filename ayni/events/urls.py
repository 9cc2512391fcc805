from django.urls import include, path

from ayni.events.views import links, listing, page

app_name = "events"

# Everything under one prefix, so that resolving any other page of the site tests "events/"
# once, not each of these; the event's page comes first, as the page most often asked for
# (the resolver tries patterns in order: docs/performance.md § Events).
urlpatterns = [
    path(
        "events/",
        include(
            [
                path("<slug:slug>/", page.event_detail, name="detail"),
                path("", listing.event_list, name="list"),
                path("feed.ics", listing.event_feed, name="feed"),
                path("speakers/<slug:slug>/", page.speaker_detail, name="speaker"),
                # A registrant's own links (robots.txt keeps crawlers out of events/r/).
                path("r/confirm/<str:token>/", links.registration_confirm, name="confirm"),
                path("r/join/<str:token>/", links.registration_join, name="join"),
                path("r/<str:token>/", links.registration_manage, name="manage"),
                path("r/<str:token>/cancel/", links.registration_cancel, name="cancel"),
                path("r/<str:token>/event.ics", links.registration_ics, name="registration_ics"),
                path("r/<str:token>/data/", links.registration_data, name="data"),
                path("r/<str:token>/erase/", links.registration_erase, name="erase"),
                path("<slug:slug>/register/", page.event_register, name="register"),
                path("<slug:slug>/check-inbox/", page.event_sent, name="sent"),
                path("<slug:slug>/card.png", page.event_card, name="card"),
            ]
        ),
    ),
]
