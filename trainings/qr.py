"""QR codes (segno) for the check-in link on a confirmation and the certificate's verification link."""

import io

import segno


def qr_svg(text: str, *, scale: int = 4) -> str:
    """An inline <svg> element, with a title for screen readers left to the page around it."""
    return segno.make(text, error="m").svg_inline(scale=scale, omitsize=False)


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    """A PNG data: URI, for e-mails (clients drop inline SVG) and PDFs."""
    return segno.make(text, error="m").png_data_uri(scale=scale)


def qr_png(text: str, *, scale: int = 4) -> bytes:
    """PNG bytes, for an e-mail attachment (shown where a client drops data: images)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale)
    return buffer.getvalue()
