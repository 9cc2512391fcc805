"""Other apps hold data about a supporter; they answer these so export and erasure are complete."""

from django.dispatch import Signal

# Sent with supporter=...; each receiver returns {"section name": JSON-able data}.
supporter_exporting = Signal()
# Sent with supporter=... before the Supporter row is deleted; receivers anonymise their rows.
supporter_erasing = Signal()
