"""Signed one-click unsubscribe tokens: an address and an optional e-mail kind, no login needed.

The token is signed with SECRET_KEY (salted) and does not expire: an old e-mail's link keeps
working. It reveals the address it was made for, which is the address it was sent to.
"""

from django.core import signing

SALT = "ngo_portal.unsubscribe"


def unsubscribe_token(*, email: str, kind: str) -> str:
    return signing.dumps({"e": email.strip().lower(), "k": kind}, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[str, str]:
    """(email, kind) of a token; signing.BadSignature when it was not made here."""
    data = signing.loads(token, salt=SALT)
    return data["e"], data["k"]
