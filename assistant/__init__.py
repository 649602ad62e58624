"""calmag's assistant: the dialogue engine, the command line, the terminal UI, storage and transcripts."""


def calmag_version() -> str:
    """The installed calmag's version, for --version and for the transcripts it writes."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("calmag")
    except PackageNotFoundError:
        return "unknown"
