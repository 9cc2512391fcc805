"""The members' pages: the news subscription (subscriptions.py), joining, signing in and the
account page (accounts.py), and the payment provider's webhook (payments.py)."""
