"""The interview: question specs to questionary prompts, with back, review, autosave and resume."""
