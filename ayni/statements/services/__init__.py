"""Writes about statements and signatures, one module per topic. Each lists its side effects."""

from ayni.statements.services.backoffice import (
    INVALIDATION_FIELDS,
    block_address,
    invalidate_signatures,
    release_held_signatures,
    signatures_matching,
)
from ayni.statements.services.confirming import Confirmation, confirm_signature, withdraw_signature
from ayni.statements.services.counting import (
    ROLLUP_BATCH,
    reconcile_counts,
    roll_up_counts,
    uncount_signature,
)
from ayni.statements.services.emails import (
    EMAIL_BATCH,
    EMAIL_CLAIM_SECONDS,
    dispatch_due_emails,
    send_signature_email,
    send_signature_emails,
    signature_links,
    sweep_unsent_emails,
)
from ayni.statements.services.lifecycle import (
    close_expired_statements,
    close_statement,
    open_statement,
    save_statement,
)
from ayni.statements.services.rights import (
    erase_signer_data,
    export_signer_data,
    on_supporter_erasing,
    on_supporter_exporting,
    signature_export,
)
from ayni.statements.services.signing import (
    is_blocked,
    over_rate_limit,
    process_limit,
    process_submissions,
    sign_statement,
)

__all__ = [
    "Confirmation",
    "block_address",
    "is_blocked",
    "process_limit",
    "process_submissions",
    "EMAIL_BATCH",
    "EMAIL_CLAIM_SECONDS",
    "INVALIDATION_FIELDS",
    "ROLLUP_BATCH",
    "close_expired_statements",
    "close_statement",
    "confirm_signature",
    "dispatch_due_emails",
    "erase_signer_data",
    "export_signer_data",
    "invalidate_signatures",
    "on_supporter_erasing",
    "on_supporter_exporting",
    "open_statement",
    "save_statement",
    "over_rate_limit",
    "reconcile_counts",
    "release_held_signatures",
    "roll_up_counts",
    "send_signature_email",
    "send_signature_emails",
    "sign_statement",
    "signature_export",
    "signature_links",
    "signatures_matching",
    "sweep_unsent_emails",
    "uncount_signature",
    "withdraw_signature",
]
