"""gzip for the shop's own HTML and JSON, and a gzip copy of each page-cache entry made once.

`CompressionMiddleware` is Django's `GZipMiddleware` (with its BREACH mitigation: random bytes in
the gzip header, so a response's length does not tell the size of its compressed secrets) limited
to what compresses: non-streaming text and JSON answers. It sits after WhiteNoise, which serves
static files itself (pre-compressed, and never through the inner middleware), so CSS, fonts,
images and file downloads are never compressed twice or compressed at all.

Anonymous pages come from the page cache (`hurtrock/pagecache.py`), where compressing 76 KB of
HTML on every hit would cost more CPU than the whole hit. So the stored page is compressed once,
when it is stored, in pieces: the text between the per-visitor marks (CSRF token, CSP nonce),
each piece a run of complete deflate blocks ending on a byte boundary (`Z_SYNC_FLUSH`), primed
with the text before it (see `pieces_compress`), so the ratio is a whole-page gzip's. A hit
joins the pieces and puts this visitor's token and nonce between them as *stored* (uncompressed)
deflate blocks: one gzip stream, built with a CRC over the page and no compression at all. The
secrets are never compressed together with the page's text (or any reflected input), so their
length cannot leak through the compressed size: the BREACH attack has nothing to measure.
"""

import re
import struct
import zlib

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no mtime, unknown OS
_FINAL_BLOCK = b"\x03\x00"  # an empty final block (fixed Huffman)
LEVEL = 6


def accepts_gzip(request) -> bool:
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _deflate_piece(data: bytes) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _stored_blocks(data: bytes) -> bytes:
    """`data` as non-final stored deflate blocks (each at most 65,535 bytes)."""
    out = bytearray()
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start : start + 0xFFFF]
        out += b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk
    return bytes(out)


_PLACEHOLDER = b"\x01"  # stands for a mark's value in the compressors' history; never in HTML


def pieces_compress(body: str, lengths: dict[str, int], charset: str) -> list:
    """The stored page as compressed pieces (bytes) and the marks between them ((mark, length)).

    `lengths` gives each mark's value length (a CSRF token is always 64 characters, a nonce always
    as long as the first). Each piece's compressor is primed (`zdict`) with the 32 KB before it as
    the browser will have it, the marks' values stood in for by placeholder bytes of the same length
    that never occur in the text, so a back-reference can reach every earlier piece (the ratio of
    a whole-page gzip) but never a mark's value (which differs on every hit). A page that contains
    the placeholder byte is compressed without priming."""
    pattern = re.compile("(" + "|".join(re.escape(mark) for mark in lengths) + ")")
    parts = [part for part in pattern.split(body) if part]
    texts = [part.encode(charset) for part in parts if part not in lengths]
    primed = not any(_PLACEHOLDER in text for text in texts)
    pieces, history = [], b""
    for part in parts:
        if part in lengths:
            pieces.append((part, lengths[part]))
            history += _PLACEHOLDER * lengths[part]
            continue
        data = part.encode(charset)
        window = history[-32768:] if primed else b""
        compressor = (
            zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=window)
            if window
            else zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        )
        pieces.append(compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))
        history = (history + data)[-32768:]
    return pieces


def pieces_join(pieces: list, values: dict[str, str], plain: bytes, charset: str) -> bytes | None:
    """One gzip stream: the compressed pieces, each mark's value as stored blocks, and the CRC and
    length of `plain` (the same page as sent uncompressed, marks replaced by the same values).
    None when a value is not as long as when the pieces were made (then compress the page whole)."""
    stored = {mark: value.encode(charset) for mark, value in values.items()}
    out = [_GZIP_HEADER]
    for piece in pieces:
        if isinstance(piece, bytes):
            out.append(piece)
            continue
        mark, length = piece
        value = stored.get(mark)
        if value is None or len(value) != length:
            return None
        out.append(_stored_blocks(value))
    out += [_FINAL_BLOCK, struct.pack("<II", zlib.crc32(plain), len(plain) & 0xFFFFFFFF)]
    return b"".join(out)


def gzip_response(response, gzipped: bytes) -> None:
    response.content = gzipped
    response["Content-Length"] = str(len(gzipped))
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))


class CompressionMiddleware(GZipMiddleware):
    """GZipMiddleware for text and JSON answers that are not streamed (see the module docstring)."""

    def __init__(self, get_response):
        from django.conf import settings
        from django.core.exceptions import MiddlewareNotUsed

        if not settings.GZIP_RESPONSES:
            raise MiddlewareNotUsed
        super().__init__(get_response)

    def process_response(self, request, response):
        if response.streaming or not response.get("Content-Type", "").startswith(_COMPRESSIBLE):
            return response
        return super().process_response(request, response)
