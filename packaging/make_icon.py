"""Draws the app icon (resources/icons/rentan.png and .ico) so it can be rebuilt without a designer.

Run once after changing the design: ``.venv/bin/python packaging/make_icon.py``. Needs Pillow (a dev
dependency); the bundle itself ships only the two image files.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "DejaVuSansCondensed-Bold.ttf"
GREEN, LIGHT, WHITE = (0, 122, 74, 255), (126, 200, 80, 255), (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 512) -> Image.Image:
    """A green rounded square with a white shield-like 'R' and a light band (a helmet brim)."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 6, fill=GREEN)
    band = size * 70 // 100
    d.rectangle((pad, band, size - pad, band + size // 14), fill=LIGHT)
    font = ImageFont.truetype(str(FONT), size * 58 // 100)
    d.text((size // 2, size * 44 // 100), "R", font=font, fill=WHITE, anchor="mm")
    return img


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(ICONS / "rentan.png", optimize=True)
    big.save(ICONS / "rentan.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
