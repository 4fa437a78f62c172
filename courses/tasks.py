"""Background jobs of the courses app: plain functions that call one service."""
