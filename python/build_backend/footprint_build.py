"""PEP 517 build backend of the footprint-energy wheel, written with the standard library alone.

``build_wheel`` runs ``swift build -c release --static-swift-stdlib --product footprint`` in the repository
(scratch path ``.build-wheel``, reused between builds), strips the binary and writes a wheel holding the Python
package, the binary as ``footprint/bin/footprint``, the licences of what the binary bundles, and a platform tag
read from the binary itself: ``manylinux_2_X_<arch>`` where 2.X is the highest ``GLIBC_2.X`` symbol version the
binary needs (from its ELF ``.gnu.version_r`` section), ``linux_<arch>`` when it names none.

The repository is the folder two levels above this file's folder, or ``FOOTPRINT_REPO`` when set (for a copy of
``python/`` built elsewhere); it must hold ``Package.swift``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import tomllib

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The folder holding pyproject.toml and the ``footprint`` package."""

SCRATCH = ".build-wheel"
"""Swift's scratch path for the release build, inside the repository (ignored by git as ``.build*/``)."""

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every wheel entry's timestamp, so that the same inputs give the same wheel."""

ELF_MACHINES = {62: "x86_64", 183: "aarch64"}
"""ELF ``e_machine`` values and the wheel platform's architecture names."""


def repository() -> Path:
    """The repository root holding Package.swift: ``FOOTPRINT_REPO``, else two levels above this file."""
    root = Path(os.environ.get("FOOTPRINT_REPO") or PACKAGE_DIR.parent).resolve()
    if not (root / "Package.swift").is_file():
        raise RuntimeError(
            f"footprint_build: no Package.swift in {root}; build the wheel from the repository "
            "(pip wheel python/) or set FOOTPRINT_REPO to the repository root"
        )
    return root


def project() -> dict[str, Any]:
    """The ``[project]`` table of pyproject.toml."""
    with open(PACKAGE_DIR / "pyproject.toml", "rb") as file:
        table: dict[str, Any] = tomllib.load(file)["project"]
    return table


def version(root: Path) -> str:
    """The tool's version, as ``footprint --version`` prints it (ToolInfo.version)."""
    source = (root / "Sources/FootprintKit/Reference/ToolInfo.swift").read_text()
    match = re.search(r'version\s*=\s*"([^"]+)"', source)
    if not match:
        raise RuntimeError("footprint_build: no version in ToolInfo.swift")
    return match.group(1)


def license_files(root: Path) -> dict[str, Path]:
    """The licences shipped in the wheel, by name: the bundled reference data's sources and licences, and the
    licence of the Swift package linked into the binary (checked out by the build)."""
    return {
        "Data-SOURCES.md": root / "Data/SOURCES.md",
        "swift-argument-parser-LICENSE.txt": root / SCRATCH / "checkouts/swift-argument-parser/LICENSE.txt",
    }


def metadata(root: Path) -> tuple[str, str, str]:
    """The distribution's name with underscores, its version and its METADATA text (core metadata 2.4)."""
    table = project()
    name, release = table["name"], version(root)
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {name}",
        f"Version: {release}",
        f"Summary: {table['description']}",
        f"Requires-Python: {table['requires-python']}",
    ]
    lines += [f"Requires-Dist: {requirement}" for requirement in table.get("dependencies", [])]
    for extra, requirements in table.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {requirement}; extra == "{extra}"' for requirement in requirements]
    lines += [f"License-File: {license}" for license in license_files(root)]
    lines.append("Description-Content-Type: text/markdown")
    readme = (PACKAGE_DIR / table["readme"]).read_text()
    return re.sub(r"[-_.]+", "_", name).lower(), release, "\n".join(lines) + "\n\n" + readme


def entry_points() -> str:
    """entry_points.txt from ``[project.scripts]``."""
    scripts = project().get("scripts", {})
    return "[console_scripts]\n" + "".join(f"{name} = {target}\n" for name, target in scripts.items())


def build_binary(root: Path) -> Path:
    """Runs the Swift release build and returns the built binary's path."""
    command = [
        "swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "footprint",
        "--scratch-path", str(root / SCRATCH),
    ]  # fmt: skip
    print("footprint_build: " + " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, cwd=root, check=True, stdout=sys.stderr)
    bin_path = subprocess.run(
        [*command, "--show-bin-path"], cwd=root, check=True, capture_output=True, text=True
    ).stdout.strip()
    return Path(bin_path) / "footprint"


def platform_tag(binary: bytes) -> str:
    """``manylinux_2_X_<arch>`` from the highest GLIBC symbol version the ELF binary needs, else ``linux_<arch>``."""
    if binary[:4] != b"\x7fELF" or binary[4] != 2 or binary[5] != 1:
        raise RuntimeError("footprint_build: the binary is not a 64-bit little-endian ELF file")
    (machine,) = struct.unpack_from("<H", binary, 0x12)
    arch = ELF_MACHINES.get(machine)
    if arch is None:
        raise RuntimeError(f"footprint_build: unknown ELF machine {machine}")
    versions = [
        tuple(int(part) for part in match.groups())
        for match in (re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?", name) for name in needed_versions(binary))
        if match
    ]
    if not versions:
        return f"linux_{arch}"
    major, minor = max(versions)
    return f"manylinux_{major}_{minor}_{arch}"


def needed_versions(binary: bytes) -> list[str]:
    """The symbol version names of the ELF binary's ``.gnu.version_r`` section (SHT_GNU_verneed)."""
    (section_offset,) = struct.unpack_from("<Q", binary, 0x28)
    entry_size, count = struct.unpack_from("<HH", binary, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", binary, section_offset + index * entry_size) for index in range(count)
    ]
    names: list[str] = []
    for _, kind, _, _, offset, _, link, needed, _, _ in sections:
        if kind != 0x6FFFFFFE:
            continue
        strings = sections[link][4]
        for _ in range(needed):
            _, aux_count, _, aux, following = struct.unpack_from("<HHIII", binary, offset)
            entry = offset + aux
            for _ in range(aux_count):
                _, _, _, name, next_aux = struct.unpack_from("<IHHII", binary, entry)
                start = strings + name
                names.append(binary[start : binary.index(b"\0", start)].decode("ascii"))
                entry += next_aux
            offset += following
    return names


def record_line(name: str, data: bytes) -> str:
    """A RECORD row: path, urlsafe-base64 SHA-256 without padding, size."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def write_wheel(path: Path, files: list[tuple[str, bytes, int]], record: str) -> None:
    """Writes the wheel: each (name, data, mode) and the RECORD listing them."""
    lines = [record_line(name, data) for name, data, _ in files] + [f"{record},,"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data, mode in [*files, (record, ("\n".join(lines) + "\n").encode(), 0o644)]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info, data)


def stripped(binary: Path) -> bytes:
    """The binary's bytes, stripped of symbols when ``strip`` is on the PATH."""
    strip = shutil.which("strip")
    if strip is None:
        return binary.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "footprint"
        shutil.copyfile(binary, copy)
        subprocess.run([strip, str(copy)], check=True)
        return copy.read_bytes()


def dist_info_files(root: Path) -> tuple[str, list[tuple[str, bytes, int]]]:
    """The wheel's name stem (``name-version``) and its .dist-info files other than WHEEL and RECORD."""
    name, release, text = metadata(root)
    dist_info = f"{name}-{release}.dist-info"
    files = [
        (f"{dist_info}/METADATA", text.encode(), 0o644),
        (f"{dist_info}/entry_points.txt", entry_points().encode(), 0o644),
    ]
    files += [
        (f"{dist_info}/licenses/{license}", source.read_bytes(), 0o644)
        for license, source in license_files(root).items()
    ]
    return f"{name}-{release}", files


def build_wheel(
    wheel_directory: str, config_settings: dict[str, Any] | None = None, metadata_directory: str | None = None
) -> str:
    """PEP 517: builds the Swift binary and writes the wheel into ``wheel_directory``; returns its file name."""
    root = repository()
    binary = stripped(build_binary(root))
    tag = f"py3-none-{platform_tag(binary)}"
    print(f"footprint_build: wheel tag {tag}", file=sys.stderr, flush=True)
    stem, dist_files = dist_info_files(root)
    package = PACKAGE_DIR / "footprint"
    files = [
        (f"footprint/{source.relative_to(package).as_posix()}", source.read_bytes(), 0o644)
        for source in sorted(package.rglob("*"))
        if source.is_file() and "__pycache__" not in source.parts and source.suffix in {".py", ".typed"}
    ]
    files.append(("footprint/bin/footprint", binary, 0o755))
    wheel_info = f"Wheel-Version: 1.0\nGenerator: footprint_build\nRoot-Is-Purelib: false\nTag: {tag}\n"
    files += [*dist_files, (f"{stem}.dist-info/WHEEL", wheel_info.encode(), 0o644)]
    file_name = f"{stem}-{tag}.whl"
    write_wheel(Path(wheel_directory) / file_name, files, f"{stem}.dist-info/RECORD")
    return file_name


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    """PEP 517: the build needs nothing from PyPI."""
    return []


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    """PEP 517: nothing from PyPI either."""
    return []


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    """PEP 517: not offered: a source distribution would be the whole Swift package; build the wheel from the
    repository instead (``pip wheel python/``)."""
    raise RuntimeError(
        "footprint_build: footprint-energy has no source distribution (it would be the whole Swift package); "
        "build the wheel from the repository with `python3 -m pip wheel python/ --no-deps -w dist`"
    )
