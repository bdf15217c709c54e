"""Generic shapes of page-furniture lines: each is boilerplate on any site, in any article.

Each function takes one line and says whether it has the shape; :func:`shape_of` names the first
shape that fits (the rule logged in ``cleaning_log``). The shapes are explicit evidence: they
remove a line even when it holds a number (a date stamp always does).

- ``datetime_stamp``: a line that is only a date and/or a time, with at most a label ("Wed Jun
  19, 2024 09:47 AM", "Last update on: 19/06/2024", "8H ago 10:48", "Nov 18, 2019 at 9:24 pm ET
  • 2 min read");
- ``reading_time``: "6 min read", "Reading time: 4 minutes";
- ``tag_run``: topic tags glued together by a copy ("Vladimir PutinKim Jong UnNorth Korea") or
  listed after a "Tags:" head;
- ``separator``: a line of underscores, dashes, stars or dots;
- ``image_label``: "Article Image", "Photo", "Image 2 of 7", "Hide caption";
- ``cookie_notice``: a site's cookie or consent notice (first or second person: "we use
  cookies", "you agree to our cookie policy");
- ``share_label``: social-share labels ("Share Tweet Email", "Click to share on Facebook (Opens
  in new window)", "258 Shares").
"""

from __future__ import annotations

import re

MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
WEEKDAYS = r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
# Words a date-time stamp may hold besides dates and times: labels, "ago", units, zones.
STAMP_WORDS = re.compile(
    rf"^(?:{MONTHS}|{WEEKDAYS}|am|pm|a\.m|p\.m|at|on|of|the|et|est|edt|ct|cst|cdt|pt|pst|pdt|gmt|utc|"
    r"bst|cet|cest|ist|kst|jst|wat|eat|sast|aest|hkt|sgt|ago|h|hr|hrs|hours?|m|mins?|minutes?|"
    r"secs?|seconds?|days?|weeks?|months?|years?|yesterday|today|published|posted|updated?|"
    r"modified|last|first|read|reading|time|st|nd|rd|th|z)$",
    re.I,
)
# What makes a stamp a date or a time (a bare "$139.00" or "44" is not): a month or weekday, a
# clock time, a numeric date, or "ago".
DATE_SIGNAL = re.compile(
    rf"\b(?:{MONTHS}|{WEEKDAYS})\b|\d{{1,2}}:\d{{2}}|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}\b|\bago\b",
    re.I,
)
DIGIT = re.compile(r"\d")
STAMP_MAX_CHARS = 80  # longer lines are sentences that mention a date
WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?", re.UNICODE)
READING_TIME = re.compile(
    r"^\s*(?:(?:estimated )?reading time:?\s*)?(?:\d+|an?|one)\s*(?:-\s*)?"
    r"(?:min(?:ute)?s?|m)\.?(?: read(?:ing)?(?: time)?)?\s*$|^\s*\d+\s*min(?:ute)?s?\.? read\s*$",
    re.I,
)
# Two words glued by a copy: lower-case letter then an upper-case one starting a word
# ("PutinKim"). Three glues make a tag run: one or two occur in names (McDonald, YouTube).
GLUE = re.compile(r"[a-z\u00e0-\u00ff][A-Z\u00c0-\u00de][a-z\u00df-\u00ff0-9]")
TAG_GLUE_MIN = 3
TAG_HEAD = re.compile(r"^\s*(?:tags?|topics?|tagged(?: with)?|filed under|keywords?)\s*:\s*\S", re.I)
SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*\s*$")
SEPARATOR = re.compile(r"^\s*(?:[-_=*~•·.#+|/\\—–]\s*){3,}$")
IMAGE_LABEL = re.compile(
    r"^\s*(?:article image|image|photo|picture|gallery|video|graphic|illustration|"
    r"(?:image|photo|picture|slide) \d+(?: of \d+)?|\d+ of \d+|enlarge(?: this)? image|"
    r"(?:hide|show|toggle) caption|view (?:gallery|slideshow|image)|open gallery|"
    r"fullscreen|expand)\s*:?\s*$",
    re.I,
)
COOKIE_NOTICE = re.compile(
    r"\b(?:we|our|us|this (?:web)?site|you|your)\b.{0,120}\b(?:cookies?|consent)\b|"
    r"\bcookies?\b.{0,120}\b(?:accept|consent|preferences|settings|polic(?:y|ies)|"
    r"continu(?:e|ing) to (?:use|browse))\b",
    re.I,
)
COOKIE_MAX_CHARS = 400  # a notice is a sentence or two; longer lines are body text
SHARE_WORDS = re.compile(
    r"^(?:share|shares|shared|sharing|tweet|facebook|twitter|x|whatsapp|email|e-mail|mail|print|"
    r"pinterest|pin|pint|it|linkedin|reddit|telegram|messenger|flipboard|tumblr|vk|line|sms|"
    r"copy|link|url|comments?|save|this|article|story|on|via|click|to|opens|open|in|new|window|"
    r"a|friend|the|tab)$",
    re.I,
)
NETWORKS = re.compile(r"\b(?:share|shares|tweet|facebook|twitter|whatsapp|pinterest|linkedin|"
                      r"reddit|telegram|messenger|flipboard|tumblr)\b", re.I)
SHARE_MAX_WORDS = 12


def is_datetime_stamp(line: str) -> bool:
    """A line that is only a date and/or a time (a digit is required), with at most a label."""
    stripped = line.strip()
    if not stripped or len(stripped) > STAMP_MAX_CHARS or not DIGIT.search(stripped):
        return False
    if not DATE_SIGNAL.search(stripped):
        return False
    words = WORD.findall(stripped)
    return all(STAMP_WORDS.match(word.rstrip(".")) for word in words)


def is_reading_time(line: str) -> bool:
    """"6 min read", "Reading time: 4 minutes"."""
    return bool(READING_TIME.match(line))


def is_tag_run(line: str) -> bool:
    """Tags glued together (at least :data:`TAG_GLUE_MIN` glues, no sentence end) or a "Tags:"
    line."""
    stripped = line.strip()
    if TAG_HEAD.match(stripped) and len(stripped) <= 300:
        return True
    return not SENTENCE_END.search(stripped) and len(GLUE.findall(stripped)) >= TAG_GLUE_MIN


def is_separator(line: str) -> bool:
    """A line of underscores, dashes, stars, dots or similar, nothing else."""
    return bool(SEPARATOR.match(line))


def is_image_label(line: str) -> bool:
    """"Article Image", "Photo", "Image 2 of 7", "Hide caption" and the like, alone on a line."""
    return bool(IMAGE_LABEL.match(line))


def is_cookie_notice(line: str) -> bool:
    """A site's cookie or consent notice (it addresses the reader or speaks for the site)."""
    stripped = line.strip()
    return (len(stripped) <= COOKIE_MAX_CHARS and "cookie" in stripped.lower()
            and bool(COOKIE_NOTICE.search(stripped)))


def is_share_label(line: str) -> bool:
    """Only share words and network names (at least one), with counts or "(Opens in new window)"."""
    if not NETWORKS.search(line):
        return False
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)?", line)
    if not words or len(words) > SHARE_MAX_WORDS:
        return False
    return all(SHARE_WORDS.match(word) for word in words)


SHAPES = (
    ("separator", is_separator),
    ("reading_time", is_reading_time),
    ("datetime_stamp", is_datetime_stamp),
    ("image_label", is_image_label),
    ("share_label", is_share_label),
    ("tag_run", is_tag_run),
    ("cookie_notice", is_cookie_notice),
)


# Above this length (characters) only the shapes of long lines are tried: every other shape is
# at most STAMP_MAX_CHARS long or SHARE_MAX_WORDS words (a speed-up: most body lines are long).
SHORT_SHAPES_MAX_CHARS = 120
LONG_SHAPES = (("tag_run", is_tag_run), ("cookie_notice", is_cookie_notice))


def shape_of(line: str) -> str:
    """The name of the first furniture shape ``line`` has, or ''."""
    for name, test in SHAPES if len(line) <= SHORT_SHAPES_MAX_CHARS else LONG_SHAPES:
        if test(line):
            return name
    return ""
