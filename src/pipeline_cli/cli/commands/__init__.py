"""One module per command: its options and help; each imports only typer at module level."""
