"""The ledger file and other files: finding, reading, decoding, writing, locking. The only package that touches the disk."""
