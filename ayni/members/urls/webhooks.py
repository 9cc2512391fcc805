"""The members' addresses without a language (ayni/urls.py includes them so): machines post
here."""

from django.urls import path

from ayni.members.views import payments

app_name = "members_webhooks"

urlpatterns = [
    path("members/webhook/payments/", payments.payment_webhook, name="payments"),
]
