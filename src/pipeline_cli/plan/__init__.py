"""The plan: answers, the jurisdiction and its governance, the plan itself and its warnings."""
