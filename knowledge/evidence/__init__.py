"""Evidence: the sources and their claims (``sources``), question to topics (``retrieval``), disagreements
computed from the claims' values (``contradictions``) and composed answers (``answers``)."""
