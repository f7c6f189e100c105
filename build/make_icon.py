"""Draw the app icon (resources/icons/opal-desktop.png and .ico) with Pillow.

A dark blue rounded square with a white shield holding an opal-coloured dot: readable at
16 px in a taskbar. Run again only if the design changes; the output is committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=48 * s, fill=(22, 48, 92))
    shield = [(128 * s, 36 * s), (204 * s, 64 * s), (196 * s, 150 * s), (128 * s, 220 * s), (60 * s, 150 * s),
              (52 * s, 64 * s)]  # fmt: skip
    d.polygon(shield, fill=(245, 247, 250))
    d.ellipse((96 * s, 92 * s, 160 * s, 156 * s), fill=(64, 170, 190))
    d.ellipse((112 * s, 104 * s, 132 * s, 124 * s), fill=(200, 235, 240))
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(OUT / "opal-desktop.png", optimize=True)
    icon.save(
        OUT / "opal-desktop.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
