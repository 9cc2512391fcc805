"""The members' pages, under the language prefix; webhooks.py has the machine-read address."""

from django.urls import path

from ayni.members.views import accounts, subscriptions

app_name = "members"

urlpatterns = [
    # --- The news subscription (views/subscriptions.py) ----------------------------------------
    path("members/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("members/subscribe/check-inbox/", subscriptions.subscribe_sent, name="subscribe_sent"),
    # A subscriber's own links (robots.txt keeps crawlers out of members/s/).
    path(
        "members/s/confirm/<str:token>/",
        subscriptions.subscription_confirm,
        name="subscription_confirm",
    ),
    path("members/s/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    path("members/s/<str:token>/data/", subscriptions.subscription_data, name="subscription_data"),
    path(
        "members/s/<str:token>/erase/", subscriptions.subscription_erase, name="subscription_erase"
    ),
    #
    # --- Joining, signing in, the account (views/accounts.py) ---------------------------------
    path("members/join/", accounts.join, name="join"),
    path("members/join/check-inbox/", accounts.join_sent, name="join_sent"),
    path("members/sign-in/<str:token>/", accounts.sign_in, name="sign_in"),
    path("members/account/", accounts.account, name="account"),
    path("members/account/news/", accounts.account_subscription, name="account_subscription"),
    path("members/account/sign-out/", accounts.sign_out, name="sign_out"),
    path("members/account/data/", accounts.account_data, name="account_data"),
    path("members/account/erase/", accounts.account_erase, name="account_erase"),
]
