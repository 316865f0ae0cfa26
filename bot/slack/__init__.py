"""Everything that speaks Slack: the Web API client and gateway, the Bolt app, the web server, Block Kit."""
