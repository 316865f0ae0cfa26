"""`norms decisions export DIR --git`: the exported files committed into the repository that holds
DIR, one commit per changed record, authored by the person who made the change in Slack."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

BOT_AUTHOR = ("Async Norms", "async-norms@users.noreply.invalid")


class NotAWorkTreeError(Exception):
    """The folder is not inside a git work tree (or git is missing); the message says what to do."""


@dataclass(frozen=True)
class FileChange:
    file: str  # a name inside the export folder
    subject: str  # "ADR-0007: Use PostgreSQL (accepted)"
    author: tuple[str, str]  # name, e-mail
    when: datetime | None


def require_work_tree(folder: Path) -> None:
    existing = next((path for path in (folder, *folder.absolute().parents) if path.is_dir()), Path("/"))
    try:
        done = _git(existing, "rev-parse", "--show-toplevel")
    except FileNotFoundError as error:
        raise NotAWorkTreeError("git is not installed here: install git, or export without --git.") from error
    if done.returncode != 0:
        raise NotAWorkTreeError(
            f"Nothing exported: {folder} is not in a git work tree. Clone your repository (or `git init`) "
            "and export into its ADR folder, for example `norms decisions export docs/adr --git`."
        )


def commit_changes(folder: Path, changes: list[FileChange]) -> int:
    """Commit each changed file on its own, with its author and time; the number of commits made."""
    made = 0
    # Where the repository names no committer, the bot commits (the author stays the person).
    committer = (
        {}
        if _git(folder, "config", "user.email").stdout.strip()
        else {"GIT_COMMITTER_NAME": BOT_AUTHOR[0], "GIT_COMMITTER_EMAIL": BOT_AUTHOR[1]}
    )
    for change in changes:
        status = _git(folder, "status", "--porcelain", "--", change.file).stdout.strip()
        if not status:
            continue  # unchanged since the last export
        verb = "Record" if status.startswith("??") else "Update"
        _git(folder, "add", "--", change.file, check=True)
        env = {"GIT_AUTHOR_NAME": change.author[0], "GIT_AUTHOR_EMAIL": change.author[1], **committer}
        if change.when is not None:
            env["GIT_AUTHOR_DATE"] = change.when.isoformat()
        message = f"{verb} {change.subject}\n\nExported from the Slack decision log by Async Norms."
        _git(folder, "commit", "-q", "-m", message, "--", change.file, check=True, env=env)
        made += 1
    return made


def _git(
    folder: Path, *args: str, check: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if check and done.returncode != 0:
        raise NotAWorkTreeError(f"git {args[0]} failed in {folder}: {done.stderr.strip()[:500]}")
    return done
