"""Composition root: `python app.py` starts the bot, exactly like `norms serve`."""

import sys

from bot.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve", *sys.argv[1:]]))
