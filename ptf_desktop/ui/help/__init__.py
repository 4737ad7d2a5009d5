"""Help: the user guide shipped with the app and the list of keyboard shortcuts."""
