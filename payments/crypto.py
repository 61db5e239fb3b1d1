"""Encryption at rest of the payment keys stored in the admin (Fernet, rotatable with MultiFernet).

Keys come from PAYMENTS_ENCRYPTION_KEYS (comma-separated Fernet keys, newest first). Without it one
key is derived from SECRET_KEY, so a fresh clone works; production should set its own keys, so
that changing SECRET_KEY does not make the stored payment keys unreadable. Rotation: put a new key
first, keep the old ones after it, run `manage.py payments_rotate_keys`, then drop the old ones.
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.views.decorators.debug import sensitive_variables


class SecretUnreadable(Exception):
    """A stored secret cannot be decrypted with the configured keys (rotated away or tampered with)."""


def derived_key(secret_key: str) -> bytes:
    """The Fernet key used when PAYMENTS_ENCRYPTION_KEYS is unset: HKDF-SHA256 of SECRET_KEY."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"hurtrock payments secrets v1")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


def configured_keys() -> tuple[bytes, ...]:
    keys = tuple(key.encode() for key in settings.PAYMENTS_ENCRYPTION_KEYS)
    return keys or (derived_key(settings.SECRET_KEY),)


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[bytes, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet_for(configured_keys())


@sensitive_variables("plaintext")
def secret_encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode() if plaintext else ""


@sensitive_variables("token")
def secret_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("A stored payment key cannot be decrypted with PAYMENTS_ENCRYPTION_KEYS.")


def secret_rotate(token: str) -> str:
    """Re-encrypt `token` with the newest key (MultiFernet.rotate)."""
    if not token:
        return ""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("A stored payment key cannot be decrypted with PAYMENTS_ENCRYPTION_KEYS.")


@sensitive_variables("value")
def secret_fingerprint(value: str) -> str:
    """Eight hex characters of SHA-256: tells two keys apart without revealing either."""
    return hashlib.sha256(value.encode()).hexdigest()[:8] if value else ""
