"""ICU's data cut to what the app needs, for the PyInstaller bundle (build_installer.spec).

Qt loads ICU for collation, time zones, case mapping and legacy text codecs; its data
library (libicudata) weighs 31 MB. The app sorts and searches in the database and reads
files with Python, so the data is cut to what the root and English locales need: the
localized names of every other locale (languages, regions, currencies, units, zones),
their collation tailorings, dictionaries for word breaks, transliteration and the
multi-byte legacy codecs go (single-byte codecs stay): about 5 MB remain. The library is
rebuilt with binutils (nm, readelf, ld, objcopy).
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

_ICU_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
_ICU_SUBTREES = {"brkitr", "coll", "curr", "lang", "region", "unit", "zone"}
_ICU_SMALL_CODEC = 20_000  # bytes: single-byte code pages weigh a few kilobytes


def _icu_item_kept(name: str, size: int) -> bool:
    """Whether an item of ICU's common data (``icudt73l/coll/root.res``) stays."""
    folders, leaf = name.split("/")[1:-1], name.rsplit("/", 1)[-1]
    stem, _, suffix = leaf.rpartition(".")
    if folders and (folders[0] not in _ICU_SUBTREES or suffix == "dict"):
        return False
    if suffix == "cnv":
        return size < _ICU_SMALL_CODEC
    if suffix == "res" and _ICU_LOCALE.match(stem) and stem != "res_index":
        return stem == "en" or stem.startswith("en_")
    return True


def _filtered_icu_package(blob: bytes) -> bytes:
    """ICU common data (a "CmnD" table of named items) with only the kept items."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not ICU common data")
    toc = blob[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_at, data_at) in enumerate(entries):
        name = toc[name_at : toc.index(b"\0", name_at)]
        end = entries[index + 1][1] if index + 1 < count else len(toc)
        if _icu_item_kept(name.decode("ascii"), end - data_at):
            items.append((name, toc[data_at:end]))
    names = b"".join(name + b"\0" for name, _ in items)
    names_at = 4 + 8 * len(items)
    first_data = names_at + len(names)
    first_data += -(header_size + first_data) % 16  # ICU reads every item 16-byte aligned
    table, body, name_at = [], bytearray(), names_at
    for name, data in items:
        table.append(struct.pack("<II", name_at, first_data + len(body)))
        name_at += len(name) + 1
        body += data + b"\0" * (-len(data) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(table) + names
    return blob[:header_size] + toc.ljust(first_data, b"\0") + bytes(body)


def _run(*command: str, cwd: Path | None = None) -> str:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout


def smaller_icu_library(source: str, name: str, workpath: str) -> str:
    """Build a libicudata with the filtered data in ``workpath``; returns its path.

    Raises:
        OSError, ValueError, StopIteration, AttributeError, subprocess.SubprocessError:
            the library is not laid out as expected, or a tool is missing or failed.
    """
    symbols = _run("nm", "-D", "-S", "--defined-only", source)
    address, size, _kind, symbol = next(
        line.split()
        for line in symbols.splitlines()
        if re.fullmatch(r"icudt\d+_dat", line.split()[-1])
    )
    sections = _run("readelf", "-S", "-W", source)
    section = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    start = int(address, 16) - int(section.group(1), 16) + int(section.group(2), 16)
    blob = Path(source).read_bytes()[start : start + int(size, 16)]
    work = Path(workpath, "icu")
    work.mkdir(parents=True, exist_ok=True)
    (work / "icudata.bin").write_bytes(_filtered_icu_package(blob))
    _run("ld", "-r", "-b", "binary", "-o", "icudata.o", "icudata.bin", cwd=work)
    _run(
        "objcopy", "--rename-section", ".data=.rodata,alloc,load,readonly,data,contents",
        "--set-section-alignment", ".rodata=16",
        "--redefine-sym", f"_binary_icudata_bin_start={symbol}",
        "--strip-symbol", "_binary_icudata_bin_end", "--strip-symbol", "_binary_icudata_bin_size",
        "icudata.o", cwd=work,
    )  # fmt: skip
    library = work / Path(name).name
    _run("ld", "-shared", "-soname", library.name, "-o", str(library), "icudata.o", cwd=work)
    return str(library)
