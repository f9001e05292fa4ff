"""Build frozen records from each kind of pack file, reporting `file:line: message`."""
