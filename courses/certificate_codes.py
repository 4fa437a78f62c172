"""Verification codes of certificates: unguessable (the `secrets` module), in
upper-case letters and digits without look-alikes (no 0/O, 1/I), printed in
groups of four; typed codes are read back with spaces, dashes and case ignored."""

import re
import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each
LENGTH = 20  # 100 bits: far beyond guessing, even without the rate limit
CODE_PATTERN = f"[{ALPHABET}]{{{LENGTH}}}"


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_display(code: str) -> str:
    """ABCD-EFGH-JKLM-NPQR-STUV: easier to read aloud and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_normalise(text: str) -> str:
    """What a person typed, as stored: without spaces or dashes, upper case."""
    return re.sub(r"[\s\-]", "", text or "").upper()


def code_well_formed(code: str) -> bool:
    return re.fullmatch(CODE_PATTERN, code) is not None
