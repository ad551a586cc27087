"""Template export archives, laid out as DSS lays them out, and their safe reading.

Layout: `template.json` (the settings without `id`), `manifest.json`, `exportSpec.json` and
`template-resources/` (the files of the template's Resources tab).

Reading never trusts the archive: before anything is written, every entry is checked (no
absolute path, `..`, backslash, control character or link; no encrypted entry; no duplicate), and
the entry count, the declared sizes and the compression ratios are bounded. Extraction then
counts the bytes it really inflates, so a lying header cannot get past the limits either. Its JSON
documents are bounded in depth and values (`jsonshape`) before they are parsed.
"""

from __future__ import annotations

import io
import json
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from dss_codestudio_server import __version__
from dss_codestudio_server.config import ArchiveLimits
from dss_codestudio_server.domain.errors import InvalidRequest
from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.jsonshape import JsonObject, ShapeError
from dss_codestudio_server.jsonshape import loads as bounded_loads
from dss_codestudio_server.storage import PathRefused, fsync_dir
from dss_codestudio_server.storage.files import split_relative

TEMPLATE_JSON = "template.json"
MANIFEST_JSON = "manifest.json"
EXPORT_SPEC_JSON = "exportSpec.json"
RESOURCES = "template-resources/"
KNOWN_FILES = (TEMPLATE_JSON, MANIFEST_JSON, EXPORT_SPEC_JSON)
# What this server writes in manifest.json: the data model of the DSS release whose exports it reads.
DSS_VERSION = "13.5.4"
CONF_VERSION = "13530"
DATA_MODEL_VERSION = "1"
SUPPORTED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass
class TemplateArchive:
    """A checked archive: its JSON documents, and the resource entries still to extract."""

    settings: JsonObject
    manifest: JsonObject
    export_spec: JsonObject
    resources: list[tuple[str, zipfile.ZipInfo]]
    zip: zipfile.ZipFile
    messages: InfoMessages = field(default_factory=InfoMessages)


def _check_entry(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not name:
        raise InvalidRequest("Refused archive: an entry has an empty name")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise InvalidRequest(f"Refused archive: absolute path {name!r}")
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise InvalidRequest(f"Refused archive: {name!r} is a symbolic link")
    if info.flag_bits & 0x1:
        raise InvalidRequest(f"Refused archive: {name!r} is encrypted")
    if info.compress_type not in SUPPORTED_COMPRESSION:
        raise InvalidRequest(f"Refused archive: {name!r} uses an unsupported compression method")
    try:
        segments = split_relative(name.rstrip("/") if info.is_dir() else name)
    except PathRefused as exc:
        raise InvalidRequest(f"Refused archive: {exc}") from exc
    if not segments:
        raise InvalidRequest(f"Refused archive: empty entry name {name!r}")
    return "/".join(segments) + ("/" if info.is_dir() else "")


def _read_json(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ArchiveLimits) -> JsonObject:
    if info.file_size > limits.max_json_size:
        raise InvalidRequest(f"Refused archive: {info.filename} is larger than {limits.max_json_size} bytes")
    try:
        with zf.open(info) as f:
            raw = f.read(limits.max_json_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InvalidRequest(f"Refused archive: damaged entry {info.filename} ({exc})") from exc
    if len(raw) > limits.max_json_size:
        raise InvalidRequest(f"Refused archive: {info.filename} is larger than {limits.max_json_size} bytes")
    try:
        value = bounded_loads(raw, limits.json_limits)
    except ShapeError as exc:
        raise InvalidRequest(f"Refused archive: {info.filename}: {exc}") from exc
    except ValueError as exc:
        raise InvalidRequest(f"Refused archive: {info.filename} is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise InvalidRequest(f"Refused archive: {info.filename} must hold a JSON object")
    return value


def read_archive(data: BinaryIO, limits: ArchiveLimits) -> TemplateArchive:
    """Open and check an exported template archive; nothing is written."""
    try:
        zf = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InvalidRequest(f"Refused archive: not a zip file ({exc})") from exc
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise InvalidRequest(f"Refused archive: more than {limits.max_entries} entries")
    seen: set[str] = set()
    total = 0
    documents: dict[str, zipfile.ZipInfo] = {}
    resources: list[tuple[str, zipfile.ZipInfo]] = []
    messages = InfoMessages()
    for info in infos:
        name = _check_entry(info)
        if name in seen:
            raise InvalidRequest(f"Refused archive: duplicate entry {name!r}")
        seen.add(name)
        total += info.file_size
        if total > limits.max_total_size:
            raise InvalidRequest(f"Refused archive: more than {limits.max_total_size} bytes once uncompressed")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InvalidRequest(f"Refused archive: {name!r} expands more than {limits.max_ratio} times (zip bomb?)")
        if name in KNOWN_FILES:
            documents[name] = info
        elif name.startswith(RESOURCES):
            if name != RESOURCES and not info.is_dir():
                resources.append((name[len(RESOURCES) :], info))
        elif not info.is_dir():
            messages.warning(f"Ignored unknown archive entry {name}", code="ARCHIVE_ENTRY_IGNORED")
    if TEMPLATE_JSON not in documents:
        raise InvalidRequest(f"Refused archive: no {TEMPLATE_JSON}; is it a code studio template export?")
    settings = _read_json(zf, documents[TEMPLATE_JSON], limits)
    manifest = _read_json(zf, documents[MANIFEST_JSON], limits) if MANIFEST_JSON in documents else {}
    export_spec = _read_json(zf, documents[EXPORT_SPEC_JSON], limits) if EXPORT_SPEC_JSON in documents else {}
    if not manifest:
        messages.warning(f"The archive has no {MANIFEST_JSON}", code="ARCHIVE_NO_MANIFEST")
    elif str(manifest.get("templateDataModelVersion", DATA_MODEL_VERSION)) != DATA_MODEL_VERSION:
        messages.warning(
            f"The archive's template data model version is {manifest.get('templateDataModelVersion')},"
            f" this server knows version {DATA_MODEL_VERSION}",
            code="ARCHIVE_DATA_MODEL_VERSION",
        )
    return TemplateArchive(settings, manifest, export_spec, resources, zf, messages)


def extract_resources(archive: TemplateArchive, destination: Path, limits: ArchiveLimits) -> int:
    """Write the resource files into `destination` (a new, empty folder); returns the bytes written.

    Inflated bytes are counted as they come, so an entry that lies about its size is caught.
    """
    try:
        return _extract(archive, destination, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InvalidRequest(f"Refused archive: damaged entry ({exc})") from exc
    except (FileExistsError, NotADirectoryError, IsADirectoryError) as exc:
        raise InvalidRequest(f"Refused archive: entries collide ({exc.filename})") from exc


def _extract(archive: TemplateArchive, destination: Path, limits: ArchiveLimits) -> int:
    written = 0
    destination.mkdir(parents=True, exist_ok=True)
    for rel, info in archive.resources:
        target = destination.joinpath(*rel.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        remaining = info.file_size
        with archive.zip.open(info) as src, target.open("xb") as out:
            while chunk := src.read(1 << 16):
                remaining -= len(chunk)
                written += len(chunk)
                if remaining < 0 or written > limits.max_total_size:
                    raise InvalidRequest(f"Refused archive: {rel!r} inflates beyond its declared size")
                out.write(chunk)
    fsync_dir(destination)
    return written


def used_code_envs(settings: JsonObject) -> list[dict[str, str]]:
    """Return the code envs the template's `add_codeenv` blocks use, without duplicates (exportSpec.json)."""
    out: list[dict[str, str]] = []
    params = settings.get("params")
    blocks = params.get("blocks") if isinstance(params, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and block.get("type") == "add_codeenv" and isinstance(block.get("params"), dict):
            ref = {
                "envLang": str(block["params"].get("envLang", "PYTHON")),
                "envName": str(block["params"].get("envName", "")),
            }
            if ref not in out:
                out.append(ref)
    return out


def write_archive(out: BinaryIO, settings: JsonObject, resources_dir: Path, exported_by: str) -> None:
    """Write the DSS export archive of a template (settings without `id` and `owner`)."""
    document = {k: v for k, v in settings.items() if k not in ("id", "owner")}
    manifest = {
        "dssVersion": DSS_VERSION,
        "confVersion": CONF_VERSION,
        "exportUserInfo": {
            "exportedOn": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000",
            "exportedBy": exported_by,
        },
        "templateDataModelVersion": DATA_MODEL_VERSION,
        "exportedWith": f"dss-codestudio-server {__version__}",
    }
    export_spec = {"resourcesMap": {}, "usedCodeEnvRefs": used_code_envs(settings)}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(EXPORT_SPEC_JSON, json.dumps(export_spec, indent=2))
        zf.writestr(zipfile.ZipInfo(RESOURCES), b"")
        if resources_dir.is_dir():
            for path in sorted(resources_dir.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    rel = path.relative_to(resources_dir).as_posix()
                    with path.open("rb") as src, zf.open(RESOURCES + rel, "w") as dst:
                        shutil.copyfileobj(src, dst, 1 << 16)
        zf.writestr(TEMPLATE_JSON, json.dumps(document, indent=2))
        zf.writestr(MANIFEST_JSON, json.dumps(manifest, indent=2))


def archive_bytes(settings: JsonObject, resources_dir: Path, exported_by: str) -> bytes:
    """Return the export archive of a template, in memory."""
    buf = io.BytesIO()
    write_archive(buf, settings, resources_dir, exported_by)
    return buf.getvalue()
