"""Due work: the outbox, delivery to Slack, the scheduler's tick and the maintenance jobs."""
