"""The members' addresses without a language (machines post to them): the payment webhook."""

from django.urls import path

from ayni.members.views import payments

app_name = "members_webhooks"

urlpatterns = [
    path("members/webhook/payments/", payments.payment_webhook, name="payments"),
]
