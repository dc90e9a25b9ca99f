"""Files on disk: saved games and replays (:mod:`.records`), scenario files (:mod:`.scenarios`).

The engine works on values; this layer reads and writes them, treating every
file as untrusted input: a damaged or foreign file gets a clear error naming
it, and writes are atomic, so no data is lost.
"""
