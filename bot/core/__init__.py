"""The core: settings, dependencies, database, migrations, logging, event de-duplication, workspaces."""
