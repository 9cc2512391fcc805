from django.urls import path

from tests.pledges import views

app_name = "pledges"
urlpatterns = [
    path("pledge/", views.pledge, name="pledge"),
    path("pledge/sent/", views.sent, name="sent"),
    path("pledge/confirm/<str:token>/", views.confirm, name="confirm"),
    path("pledge/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("pledge/withdraw/<str:token>/my-data.json", views.data, name="data"),
    path("pledge/withdraw/<str:token>/erase/", views.erase, name="erase"),
]
