"""Slack tokens at rest: encrypted, read back, rotated to a new key, and plaintext from older versions."""

from __future__ import annotations

import pytest

from bot.core.token_cipher import PREFIX, TokenCipher, TokenKeyError, generate_key


def test_a_token_is_stored_encrypted_and_read_back() -> None:
    cipher = TokenCipher(generate_key())
    stored = cipher.encrypt("xoxb-1-secret")
    assert stored is not None and stored.startswith(PREFIX) and "xoxb" not in stored
    assert cipher.encrypt(stored) == stored  # sealing twice changes nothing
    assert cipher.decrypt(stored) == "xoxb-1-secret"
    assert cipher.decrypt("xoxb-plaintext-from-an-older-version") == "xoxb-plaintext-from-an-older-version"
    assert cipher.encrypt(None) is None and cipher.decrypt(None) is None


def test_rotating_moves_every_token_to_the_first_key() -> None:
    old, new = generate_key(), generate_key()
    under_old = TokenCipher(old).encrypt("xoxb-1-secret")
    both = TokenCipher(f"{new},{old}")
    rotated = both.rotate(under_old)
    assert TokenCipher(new).decrypt(rotated) == "xoxb-1-secret"
    assert TokenCipher(new).decrypt(both.rotate("xoxb-plain")) == "xoxb-plain"
    with pytest.raises(TokenKeyError):
        TokenCipher(new).decrypt(under_old)  # the old key was dropped too early


def test_a_key_that_is_not_a_fernet_key_is_refused() -> None:
    with pytest.raises(TokenKeyError, match="Fernet keys"):
        TokenCipher("not-a-key")
    with pytest.raises(TokenKeyError):
        TokenCipher(" , ")
