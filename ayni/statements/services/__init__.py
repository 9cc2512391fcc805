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
    send_signature_email,
    send_signature_emails,
    signature_links,
    sweep_unsent_emails,
)
from ayni.statements.services.lifecycle import (
    close_expired_statements,
    close_statement,
    open_statement,
    publish_statement,
    reopen_statement,
    save_statement,
)
from ayni.statements.services.rights import (
    anonymise_supporter_signatures,
    erase_signer_data,
    erase_unconfirmed_signatures,
    export_signer_data,
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
    "anonymise_supporter_signatures",
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
    "erase_signer_data",
    "erase_unconfirmed_signatures",
    "export_signer_data",
    "invalidate_signatures",
    "open_statement",
    "save_statement",
    "publish_statement",
    "reopen_statement",
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
