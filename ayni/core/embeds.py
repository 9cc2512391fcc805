"""A video's address as a page shows it: YouTube (through youtube-nocookie), Vimeo and
PeerTube addresses become a player that loads only when the visitor clicks (nothing comes from
the video host before); any other address stays a plain link. An event's recording and the
videos in an article use it; the page lets the player's origin frame it (core.middleware's
content_security_policy) and ayni.js puts the player in on click (`data-embed-src`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
YOUTUBE_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_EMBED = "https://www.youtube-nocookie.com"
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
VIMEO_EMBED = "https://player.vimeo.com"
# PeerTube's video ids: a UUID, or the short form of /w/ addresses.
PEERTUBE_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-Za-z]{22}"
)
# A host that can stand in the Content-Security-Policy header as it is.
PLAIN_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
PEERTUBE_PATH = re.compile(r"/(?:videos/watch|videos/embed|w)/(?P<id>[^/]+)/?")


@dataclass(frozen=True)
class Recording:
    """The recording's address, and the player it embeds on click ("" when it stays a link)."""

    url: str
    embed_url: str = ""
    origin: str = ""  # scheme and host of the player: what loads after the click

    @property
    def player_host(self) -> str:
        return urlsplit(self.origin).netloc


def _youtube_id(host: str, path: str, query: str) -> str:
    segments = [s for s in path.split("/") if s]
    if host == "youtu.be":
        candidate = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        candidate = parse_qs(query).get("v", [""])[0]
    elif len(segments) >= 2 and segments[0] in ("embed", "live", "shorts", "v"):
        candidate = segments[1]
    else:
        candidate = ""
    return candidate if YOUTUBE_ID.fullmatch(candidate) else ""


def _vimeo(host: str, path: str) -> str:
    segments = [s for s in path.split("/") if s]
    if host == "player.vimeo.com":
        segments = segments[1:] if segments[:1] == ["video"] else []
    numbers = [i for i, s in enumerate(segments) if s.isdigit()]
    if not numbers:
        return ""
    index = numbers[-1]
    embed = f"{VIMEO_EMBED}/video/{segments[index]}"
    # An unlisted video's address carries its key after the number: vimeo.com/123/abcdef.
    if index + 1 < len(segments) and re.fullmatch(r"[0-9a-f]{6,20}", segments[index + 1]):
        embed += f"?h={segments[index + 1]}"
    return embed


def recording(url: str) -> Recording | None:
    """What the page does with the recording's address: YouTube (through youtube-nocookie),
    Vimeo and PeerTube addresses embed a player on click; any other stays a plain link."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return Recording(url)
    if host in YOUTUBE_HOSTS | YOUTUBE_NOCOOKIE_HOSTS:
        video = _youtube_id(host, parts.path, parts.query)
        if video:
            return Recording(url, f"{YOUTUBE_EMBED}/embed/{video}", YOUTUBE_EMBED)
        return Recording(url)
    if host in VIMEO_HOSTS:
        embed = _vimeo(host, parts.path)
        return Recording(url, embed, VIMEO_EMBED) if embed else Recording(url)
    match = PEERTUBE_PATH.fullmatch(parts.path)
    if (
        parts.scheme == "https"
        and match
        and PEERTUBE_ID.fullmatch(match["id"])
        and PLAIN_HOST.fullmatch(host)
        and not parts.username
    ):
        try:
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return Recording(url)
        origin = f"https://{host}{port}"
        return Recording(url, f"{origin}/videos/embed/{match['id']}", origin)
    return Recording(url)
