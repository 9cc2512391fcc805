"""The motions' models, one module per topic."""

from ayni.motions.models.adoption import Adoption, AdoptionEmail, Commitment, Forwarding
from ayni.motions.models.bodies import Body, Organisation
from ayni.motions.models.motion import Motion, MotionVersion

__all__ = [
    "Adoption",
    "AdoptionEmail",
    "Body",
    "Commitment",
    "Forwarding",
    "Motion",
    "MotionVersion",
    "Organisation",
]
