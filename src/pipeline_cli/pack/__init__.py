"""The pack: reading its YAML, checking it, and the frozen records it becomes."""
