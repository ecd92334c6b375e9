"""Bytes to text: refuse what is empty, too large or binary, decode the rest."""

from __future__ import annotations

from lagebild.errors import InputError

MAX_BYTES = 5_000_000  # 5 MB: larger inputs are not news articles
_MB = 1_000_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def too_large(size: int) -> str | None:
    """The reason an input of ``size`` bytes is refused, or None when it is small enough."""
    if size <= MAX_BYTES:
        return None
    return f"too large: {size / _MB:.1f} MB > {MAX_BYTES // _MB} MB limit"


def check_bytes(data: bytes, origin: str) -> None:
    """Raise InputError when ``data`` is empty, too large or binary (NUL bytes)."""
    if not data.strip():
        raise InputError(origin, "empty file" if not data else "empty file (only whitespace)")
    reason = too_large(len(data))
    if reason:
        raise InputError(origin, reason)
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        raise InputError(origin, "binary file (contains NUL bytes), not text")


def decode(data: bytes, origin: str) -> str:
    """Decode as UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 when the result looks like text."""
    check_bytes(data, origin)
    if data.startswith(_UTF16_BOMS):
        return _strict(data, "utf-16", origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(origin, "binary or undecodable: neither UTF-8 nor cp1252") from None
    if not looks_like_text(text):
        raise InputError(origin, "binary or undecodable: not UTF-8, and as cp1252 it is not text")
    return text


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"undecodable {encoding}: {exc.reason} at byte {exc.start}") from None


def looks_like_text(text: str, max_control_share: float = 0.01) -> bool:
    """True when at most ``max_control_share`` of the characters are control characters."""
    if not text:
        return False
    controls = sum(1 for ch in text if (ch < " " and ch not in _ALLOWED_CONTROLS) or "\x7f" <= ch < "\xa0")
    return controls / len(text) <= max_control_share
