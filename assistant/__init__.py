"""calmag's assistant: the dialogue engine, the command line, the terminal UI, storage and transcripts."""
