"""Search that works in Chinese: a Wagtail/modelsearch database search backend
that indexes CJK text as overlapping two-character pieces, folded to Simplified."""
