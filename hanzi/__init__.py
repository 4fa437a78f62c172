"""Chinese scripts: the glossary of interface terms, and Traditional text shown in
Simplified to readers who chose Simplified (OpenCC's Taiwan-to-mainland phrase
tables, converted once per text and cached)."""
