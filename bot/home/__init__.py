"""App Home and what the bot says about itself."""
