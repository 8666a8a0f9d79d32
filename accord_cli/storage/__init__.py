"""Files: finding the ledger, reading and decoding it, writing it back atomically under its lock; the files
a command reads (watchlists, imports) or writes (exports, reports); and what is asked of git."""
