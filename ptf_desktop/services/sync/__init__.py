"""Team sync on the laptop: joining a server, syncing (push then pull), conflicts."""
