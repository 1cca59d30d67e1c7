#!/usr/bin/env python3
"""Makes the metrics-only fonts that pledgesite embeds to measure chart text.

Charts are SVG: the browser draws the text with its own fonts, so pledgesite only needs each
character's advance width to lay labels out without overlap. This keeps NanumGothic's cmap and
horizontal metrics for Latin, Hangul and the symbols reports use, and empties every outline,
which shrinks 4.6 MB to a few hundred KB. NanumGothic is under the SIL Open Font License 1.1
(assets/fonts/OFL.txt); Debian ships it in `fonts-nanum`.

    apt-get install fonts-nanum && pip install fonttools
    python3 scripts/make-metrics-font.py
"""
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+2010-205E,U+2190-21FF,U+2200-22FF,U+2460-24FF,"
    "U+2500-25FF,U+2600-26FF,U+3000-303F,U+3130-318F,U+3200-32FF,U+AC00-D7A3,U+FF01-FFEF"
)

for source, target in [
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "assets/fonts/NanumGothic-metrics.ttf"),
    ("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", "assets/fonts/NanumGothicBold-metrics.ttf"),
]:
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = False
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    glyf = font["glyf"]
    for name in glyf.keys():
        glyf[name] = Glyph()  # no outline; hmtx keeps the advance width
    font.save(target)
    print(target, "written")
