"""Slack tokens at rest: encrypted with Fernet (AES-128-CBC with an HMAC) under TOKEN_ENCRYPTION_KEY.

A stored token reads "enc:v1:<fernet token>". Several keys may be configured (comma-separated): the
first encrypts, any of them decrypts, so a key is rotated by putting the new one first and running
`norms tokens rotate`, which re-encrypts every stored token under it (and encrypts any plaintext
token an older version stored). A value without the prefix is read as plaintext from such a version.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

PREFIX = "enc:v1:"
TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


class TokenKeyError(ValueError):
    """TOKEN_ENCRYPTION_KEY is not a list of Fernet keys, or a stored token does not open with them."""


def generate_key() -> str:
    return Fernet.generate_key().decode()


class TokenCipher:
    def __init__(self, keys: str) -> None:
        parts = [part.strip() for part in keys.split(",") if part.strip()]
        if not parts:
            raise TokenKeyError("no key given")
        try:
            self._fernet = MultiFernet([Fernet(part.encode()) for part in parts])
        except (ValueError, TypeError) as error:
            raise TokenKeyError(
                "TOKEN_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes), comma-separated"
            ) from error

    def encrypt(self, value: str | None) -> str | None:
        """The stored form of a token; an already encrypted value is left as it is."""
        if value is None or value.startswith(PREFIX):
            return value
        return PREFIX + self._fernet.encrypt(value.encode()).decode()

    def decrypt(self, value: str | None) -> str | None:
        if value is None or not value.startswith(PREFIX):
            return value  # plaintext, stored before tokens were encrypted
        try:
            return self._fernet.decrypt(value[len(PREFIX) :].encode()).decode()
        except InvalidToken as error:
            raise TokenKeyError("a stored token does not open with TOKEN_ENCRYPTION_KEY") from error

    def rotate(self, value: str | None) -> str | None:
        """Re-encrypt under the first key (and encrypt plaintext)."""
        if value is None:
            return None
        if not value.startswith(PREFIX):
            return self.encrypt(value)
        try:
            return PREFIX + self._fernet.rotate(value[len(PREFIX) :].encode()).decode()
        except InvalidToken as error:
            raise TokenKeyError("a stored token does not open with TOKEN_ENCRYPTION_KEY") from error
