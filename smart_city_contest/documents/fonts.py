"""Fonts for the official documents: 仿宋 body, 黑体 and 宋体 headings, and a CJK fallback chain
that exists on a Debian server.

The paper forms ask for 4号仿宋 (14 pt FangSong). Bureau PCs have the Windows font 仿宋_GB2312;
a Debian server has FandolFang (texlive-lang-chinese), an OpenType/CFF font that fontconfig does
not know, so it is loaded with @font-face from its file. WeasyPrint subsets every embedded font,
and fontTools subsets CFF outlines about four times slower than TrueType outlines (measured: 1.24 s
against 0.35 s for the same page), so the Fandol fonts are converted once to TrueType outlines
(cu2qu, error below 1/1000 em: invisible) into a cache directory by the install/migrate hook.
When the cache is missing or stale the OTF files are used as they are: slower, same look.

After the Fandol face, the chain names fonts that the Debian packages in scripts/lib/common.sh
install, cheapest first: AR PL SungtiL GB (TrueType, GB2312), AR PL UKai (TrueType, wider
coverage: names such as 堃, 喆, 镕 that GB2312 lacks), then Noto Serif CJK SC (full coverage
including Extension B, but about 2.5 s more per PDF when a character falls back to it), then DejaVu
Sans for the ☑ box. The Windows names in between serve the desk's HTML print view in a browser.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass

FANDOL_DIR = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
CONVERTER_VERSION = "1"


@dataclass(frozen=True)
class Face:
	family: str  # the CSS family name used by print_formats/_base.css
	source: str  # the OpenType file shipped by Debian


FACES = (
	Face("SCC FangSong", f"{FANDOL_DIR}/FandolFang-Regular.otf"),
	Face("SCC Hei", f"{FANDOL_DIR}/FandolHei-Regular.otf"),
	Face("SCC Song Bold", f"{FANDOL_DIR}/FandolSong-Bold.otf"),
)

# The CJK fallback after each face (print_formats/_base.css spells the same chain).
FALLBACK_CHAIN = (
	"AR PL SungtiL GB",
	"AR PL UKai CN",
	"AR PL UKai TW",
	"Noto Serif CJK SC",
	"DejaVu Sans",
)


def cache_dir() -> str:
	"""Where converted fonts live: $SCC_FONT_CACHE, else ~/.cache/smart_city_contest/fonts."""
	path = os.environ.get("SCC_FONT_CACHE") or os.path.join(
		os.path.expanduser("~"), ".cache", "smart_city_contest", "fonts"
	)
	try:
		os.makedirs(path, exist_ok=True)
		if os.access(path, os.W_OK):
			return path
	except OSError:
		pass
	path = os.path.join(tempfile.gettempdir(), f"smart_city_contest-fonts-{os.getuid()}")
	os.makedirs(path, exist_ok=True)
	return path


def converted_path(source: str) -> str:
	"""The cache file for `source`; its name changes when the source file or the converter does."""
	st = os.stat(source)
	key = hashlib.sha1(f"{source}:{st.st_size}:{int(st.st_mtime)}:{CONVERTER_VERSION}".encode()).hexdigest()[
		:12
	]
	stem = os.path.splitext(os.path.basename(source))[0]
	return os.path.join(cache_dir(), f"{stem}-{key}.ttf")


def font_file(face: Face) -> str | None:
	"""The file to embed for `face`: the TrueType conversion when ready, else the OTF, else None."""
	if not os.path.exists(face.source):
		return None
	converted = converted_path(face.source)
	return converted if os.path.exists(converted) else face.source


def font_face_css() -> str:
	"""@font-face rules for the faces found on this server (file:// URLs)."""
	rules = []
	for face in FACES:
		path = font_file(face)
		if path:
			rules.append(f'@font-face {{ font-family: "{face.family}"; src: url("file://{path}"); }}')
	return "\n".join(rules)


def font_files() -> set[str]:
	"""Absolute paths the PDF renderer may read for fonts."""
	return {p for p in (font_file(face) for face in FACES) if p}


def prepare(force: bool = False) -> list[str]:
	"""Convert the Fandol faces to TrueType outlines in the cache (idempotent; ~10 s per face once)."""
	done = []
	for face in FACES:
		if not os.path.exists(face.source):
			continue
		target = converted_path(face.source)
		if os.path.exists(target) and not force:
			continue
		convert_to_truetype(face.source, target)
		done.append(target)
	return done


def convert_to_truetype(source: str, target: str, max_err: float = 1.0) -> None:
	"""CFF (cubic) outlines to glyf (quadratic) outlines, written atomically to `target`."""
	from fontTools.pens.cu2quPen import Cu2QuPen
	from fontTools.pens.ttGlyphPen import TTGlyphPen
	from fontTools.ttLib import TTFont, newTable

	font = TTFont(source)
	order = font.getGlyphOrder()
	glyph_set = font.getGlyphSet()
	glyf = newTable("glyf")
	glyf.glyphOrder = order
	glyf.glyphs = {}
	for name in order:
		pen = TTGlyphPen(glyph_set)
		glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
		glyf[name] = pen.glyph()
	font["loca"] = newTable("loca")
	font["glyf"] = glyf
	del font["CFF "]
	if "VORG" in font:
		del font["VORG"]
	maxp = font["maxp"]
	maxp.tableVersion = 0x00010000
	for attr in (
		"maxTwilightPoints",
		"maxStorage",
		"maxFunctionDefs",
		"maxInstructionDefs",
		"maxStackElements",
		"maxSizeOfInstructions",
		"maxComponentElements",
	):
		setattr(maxp, attr, 0)
	maxp.maxZones = 1
	font["head"].glyphDataFormat = 0
	post = font["post"]
	post.formatType = 2.0
	post.extraNames = []
	post.mapping = {}
	post.glyphOrder = order
	font.sfntVersion = "\x00\x01\x00\x00"
	fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".ttf.part")
	os.close(fd)
	try:
		font.save(tmp)
		os.chmod(tmp, 0o644)
		os.replace(tmp, target)
	finally:
		if os.path.exists(tmp):
			os.unlink(tmp)
