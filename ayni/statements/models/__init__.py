"""The statements app's models, one module per topic; every model is importable from here."""

from __future__ import annotations

from ayni.statements.models.moderation import Block, Invalidation
from ayni.statements.models.signing import Signature, SignerDetails, Submission
from ayni.statements.models.statement import NotableSignatory, Statement, StatementTranslation
from ayni.statements.models.tallies import CountDrift, CountryTally, DayTally, StatementTally

__all__ = [
    "Block",
    "CountDrift",
    "CountryTally",
    "DayTally",
    "Invalidation",
    "NotableSignatory",
    "Signature",
    "SignerDetails",
    "Statement",
    "StatementTally",
    "StatementTranslation",
    "Submission",
]
